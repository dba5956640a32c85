import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildArgv, inspectContainerArgv, runArgv } from '../../common/src/engine/argv';
import { parseContainerInspect } from '../../common/src/engine/parse';
import type { EngineConfig } from '../../common/src/engine/runner';
import { runEngine } from '../../common/src/engine/runner';
import { BUSYBOX_IMAGE, dockerEnv, engineForSuite, requireEngineInCi } from '../helpers/engine';
import { FIXTURES } from '../helpers/paths';
import { ensureStandInImages } from '../helpers/standInImages';
import { tempDir } from '../helpers/tempDir';

/**
 * Build, run with a volume and inspect mounts through Podman (`stagecraft.engine.cli: podman`), with the same
 * argv builders, runner and parsers as with Docker. Podman 4.3 from Debian; on these VMs it needs a
 * containers.conf without default ulimits. Its base image is the busybox stand-in, copied from Docker.
 */
const APP = path.join(FIXTURES, 'apps', 'volume-app');
const IMAGE = 'stagecraft-test/volume-app:podman';

function podmanConfig(): EngineConfig {
  const conf = path.join(tempDir('stagecraft-podman-'), 'containers.conf');
  fs.writeFileSync(conf, '[containers]\ndefault_ulimits = []\n');
  return { executable: 'podman', env: { CONTAINERS_CONF: conf } };
}

async function copyFromDocker(podman: EngineConfig, image: string, as: string): Promise<void> {
  const save = spawn('docker', ['save', image], { env: dockerEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
  const load = spawn('podman', ['load'], { env: { ...process.env, ...podman.env }, stdio: ['pipe', 'ignore', 'inherit'] });
  save.stdout.pipe(load.stdin);
  const codes = await Promise.all([save, load].map((child) => new Promise<number | null>((resolve) => child.on('close', resolve))));
  assert.deepEqual(codes, [0, 0], 'docker save | podman load');
  await runEngine(podman, ['tag', image, as]);
}

describe('engine layer through Podman', async () => {
  if (spawnSync('podman', ['--version']).status !== 0) {
    if (requireEngineInCi()) it('needs podman', () => assert.fail('podman is not installed (apt-get install podman)'));
    else it('is skipped: podman is not installed here', { skip: 'apt-get install podman' }, () => undefined);
    return;
  }
  if (!(await engineForSuite())) return;
  const podman = podmanConfig();
  const containers: string[] = [];
  before(async () => {
    await ensureStandInImages([]);
    await copyFromDocker(podman, BUSYBOX_IMAGE, 'alpine:3.20');
  });
  after(async () => {
    if (containers.length > 0) await runEngine(podman, ['rm', '--force', '--volumes', ...containers]).catch(() => undefined);
    await runEngine(podman, ['image', 'rm', '--force', IMAGE]).catch(() => undefined);
  });

  it('builds with the Build Image argv', async () => {
    await runEngine(podman, buildArgv({ dockerfile: path.join(APP, 'Dockerfile'), context: APP, tag: IMAGE, network: 'none' }));
    await runEngine(podman, ['image', 'inspect', IMAGE]);
  });

  it('runs with a bind mount and arguments; the file appears on the host; inspect shows the bind', async () => {
    const host = path.join(tempDir('stagecraft-podman-'), 'shared, with space');
    fs.mkdirSync(host);
    const name = `stagecraft-podman-bind-${process.pid}`;
    containers.push(name);
    const run = await runEngine(podman, runArgv({ image: IMAGE, name, network: 'none', mounts: [{ source: host, target: '/app/shared', readOnly: false }], args: ['from-podman.txt', 'hi'] }));
    assert.equal(run.stdout.trim(), 'wrote /app/shared/from-podman.txt');
    assert.equal(fs.readFileSync(path.join(host, 'from-podman.txt'), 'utf8'), 'written by the container: hi\n');
    const container = parseContainerInspect((await runEngine(podman, inspectContainerArgv(name))).stdout);
    assert.deepEqual(container.mounts.map((m) => [m.type, m.source, m.destination, m.readWrite]), [['bind', host, '/app/shared', true]]);
  });

  it('without a mount, VOLUME gives an anonymous volume', async () => {
    const name = `stagecraft-podman-anon-${process.pid}`;
    containers.push(name);
    await runEngine(podman, runArgv({ image: IMAGE, name, network: 'none' }));
    const container = parseContainerInspect((await runEngine(podman, inspectContainerArgv(name))).stdout);
    assert.deepEqual(container.mounts.map((m) => [m.type, m.destination, m.anonymous]), [['volume', '/app/shared', true]]);
  });
});
