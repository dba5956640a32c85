import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildArgv, inspectContainerArgv, runArgv } from '../../common/src/engine/argv';
import { parseContainerInspect } from '../../common/src/engine/parse';
import type { EngineConfig } from '../../common/src/engine/runner';
import { EngineError, runEngine } from '../../common/src/engine/runner';
import { bindFolder, docker, dockerEngineConfig, engineFlavor, engineForSuite } from '../helpers/engine';
import { FIXTURES } from '../helpers/paths';
import { ensureStandInImages } from '../helpers/standInImages';

/**
 * The engine layer the Build / Run with Volume / Inspect Mounts commands use, on a real engine: the same argv
 * builders, runner and parsers, with a host folder whose name has a space and a comma in it. On the classic
 * builder here; commands.buildkit.test.ts runs the same on the current engine, building through buildx as the
 * Build Image command does where buildx exists.
 */
const DOCKER: EngineConfig = dockerEngineConfig();
const BUILDX = engineFlavor() === 'buildkit' ? {} : undefined;
const APP = path.join(FIXTURES, 'apps', 'volume-app');
const IMAGE = 'stagecraft-test/volume-app:1';
const containers: string[] = [];

describe('engine layer on a real Docker engine', async () => {
  if (!(await engineForSuite())) return;
  before(async () => {
    await ensureStandInImages([]);
  });
  after(() => {
    if (containers.length > 0) docker(['rm', '--force', '--volumes', ...containers]);
  });

  it('builds the image with the same argv the Build Image command uses', async () => {
    const output: string[] = [];
    await runEngine(DOCKER, buildArgv({ dockerfile: path.join(APP, 'Dockerfile'), context: APP, tag: IMAGE, network: 'none', buildx: BUILDX }), { onOutput: (chunk) => output.push(chunk) });
    assert.equal(docker(['image', 'inspect', IMAGE]).status, 0);
    assert.match(output.join(''), /Successfully tagged|naming to/);
  });

  it('runs it with a bind mount and extra arguments; the file appears in the host folder; inspect shows the bind', async () => {
    // The folder as this process sees it and as the engine names it (the current engine's daemon runs in a chroot).
    const folder = bindFolder('stagecraft-');
    const host = path.join(folder.host, 'avatar files, shared');
    const source = path.join(folder.source, 'avatar files, shared');
    fs.mkdirSync(host);
    const name = `stagecraft-test-bind-${process.pid}`;
    containers.push(name);
    const run = await runEngine(DOCKER, runArgv({
      image: IMAGE, name, network: 'none',
      mounts: [{ source, target: '/app/shared', readOnly: false }],
      args: ['from-args.txt', 'hello', '$(id)'],
    }));
    assert.equal(run.stdout.trim(), 'wrote /app/shared/from-args.txt');
    assert.equal(fs.readFileSync(path.join(host, 'from-args.txt'), 'utf8'), 'written by the container: hello $(id)\n');
    const container = parseContainerInspect((await runEngine(DOCKER, inspectContainerArgv(name))).stdout);
    assert.deepEqual(container.command, ['/bin/sh', './write.sh', 'from-args.txt', 'hello', '$(id)']);
    assert.deepEqual(container.mounts.map((m) => [m.type, m.source, m.destination, m.readWrite, m.anonymous]), [['bind', source, '/app/shared', true, false]]);
  });

  it('a read-only bind mount is read-only in the container', async () => {
    const host = bindFolder('stagecraft-ro-').source;
    const name = `stagecraft-test-ro-${process.pid}`;
    containers.push(name);
    await assert.rejects(runEngine(DOCKER, runArgv({ image: IMAGE, name, network: 'none', mounts: [{ source: host, target: '/app/shared', readOnly: true }] })), (error: unknown) => {
      assert.ok(error instanceof EngineError);
      assert.match(error.result?.stderr ?? '', /Read-only file system/);
      return true;
    });
    const container = parseContainerInspect((await runEngine(DOCKER, inspectContainerArgv(name))).stdout);
    assert.deepEqual(container.mounts.map((m) => [m.type, m.readWrite]), [['bind', false]]);
  });

  it('without a mount, VOLUME gives an anonymous volume with a generated name', async () => {
    const name = `stagecraft-test-anon-${process.pid}`;
    containers.push(name);
    await runEngine(DOCKER, runArgv({ image: IMAGE, name, network: 'none' }));
    const container = parseContainerInspect((await runEngine(DOCKER, inspectContainerArgv(name))).stdout);
    const [mount] = container.mounts;
    assert.equal(container.mounts.length, 1);
    assert.equal(mount?.type, 'volume');
    assert.equal(mount?.anonymous, true);
    assert.match(mount?.name ?? '', /^[0-9a-f]{64}$/);
    assert.equal(mount?.destination, '/app/shared');
    assert.equal(mount?.driver, 'local');
  });

  it('explains a missing CLI and an unreachable daemon', async () => {
    await assert.rejects(runEngine({ executable: 'stagecraft-no-such-docker' }, ['version']), (error: unknown) => error instanceof EngineError && error.problem === 'not-installed');
    await assert.rejects(runEngine({ executable: 'docker', env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } }, ['info']), (error: unknown) => {
      assert.ok(error instanceof EngineError);
      assert.equal(error.problem, 'daemon-not-running');
      return true;
    });
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const running = runEngine(DOCKER, runArgv({ image: IMAGE, remove: true, network: 'none', entrypoint: '/bin/sleep', args: ['30'] }), { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(running, (error: unknown) => error instanceof EngineError && error.problem === 'cancelled');
  });
});
