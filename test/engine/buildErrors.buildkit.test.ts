import '../helpers/useBuildkitEngine';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildArgv } from '../../common/src/engine/argv';
import { buildxBuilders } from '../../common/src/engine/buildx';
import { BUSYBOX_IMAGE, dockerEngineConfig, dockerEnv, engineForSuite } from '../helpers/engine';
import { lines } from '../helpers/model';
import { DIST } from '../helpers/paths';
import { ensureStandInImages } from '../helpers/standInImages';
import { tempDir } from '../helpers/tempDir';

/**
 * Build Image's failures on BuildKit, as the problem matcher sees them: the build task runs `stagecraft
 * build-output -- docker buildx build --load --progress=plain ...` (the argv Build Image uses when the engine
 * has buildx) and each failure must come out as `Dockerfile:LINE:1: error: ...` on the right line.
 */

function buildOutput(text: string, files: Readonly<Record<string, string>> = {}): { status: number | null; located: string[] } {
  const dir = tempDir('stagecraft-bkerr-');
  const dockerfile = path.join(dir, 'Dockerfile');
  fs.writeFileSync(dockerfile, text);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  const argv = buildArgv({ dockerfile, context: dir, tag: 'stagecraft-test/bkerr:1', network: 'none', buildx: {} });
  const run = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'build-output', '--dockerfile', dockerfile, '--', 'docker', ...argv], { encoding: 'utf8', env: dockerEnv(), timeout: 300_000 });
  const located = run.stdout.split('\n').filter((l) => l.startsWith(`${dockerfile}:`)).map((l) => l.slice(dockerfile.length + 1));
  return { status: run.status, located };
}

describe('build failures on BuildKit, located for the problem matcher', async () => {
  if (!(await engineForSuite())) return;
  before(() => ensureStandInImages([]));

  it('Build Image finds buildx and its builder on this engine', async () => {
    const builders = await buildxBuilders(dockerEngineConfig());
    assert.ok(builders !== undefined, 'buildx answers');
    assert.ok(builders.some((b) => b.current && b.driver === 'docker'), JSON.stringify(builders));
  });

  it('a failing RUN', () => {
    const result = buildOutput(lines(`FROM ${BUSYBOX_IMAGE}`, 'RUN true', 'RUN exit 3'));
    assert.notEqual(result.status, 0);
    assert.deepEqual(result.located, ['3:1: error: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3']);
  });

  it('a COPY source missing from the context', () => {
    const result = buildOutput(lines(`FROM ${BUSYBOX_IMAGE}`, 'WORKDIR /app', 'COPY missing.txt ./'));
    assert.notEqual(result.status, 0);
    assert.equal(result.located.length, 1, result.located.join('\n'));
    assert.match(result.located[0] ?? '', /^3:1: error: .*missing\.txt.*not found/);
  });

  it('a parse error', () => {
    const result = buildOutput(lines(`FROM ${BUSYBOX_IMAGE}`, 'RUNN echo hi'));
    assert.notEqual(result.status, 0);
    assert.deepEqual(result.located, ['2:1: error: unknown instruction: RUNN (did you mean RUN?)']);
  });

  it('a check that fails the build (# check=error=true)', () => {
    const result = buildOutput(lines('# check=error=true', `FROM ${BUSYBOX_IMAGE}`, 'CMD echo hi'));
    assert.notEqual(result.status, 0);
    assert.deepEqual(result.located, ['3:1: error: JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals']);
  });
});
