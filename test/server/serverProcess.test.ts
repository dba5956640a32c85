import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { describe, it } from 'node:test';
import { serverExecArgv } from '../../common/src/serverProcess';

describe('server process options', () => {
  it('gives V8 one helper thread per core beyond the first under plain Node, at least one and at most four', () => {
    const node = { node: '20.20.2', v8: '11.3' };
    assert.deepEqual(serverExecArgv(node, 2), ['--max-semi-space-size=8', '--v8-pool-size=1']);
    assert.deepEqual(serverExecArgv(node, 1), ['--max-semi-space-size=8', '--v8-pool-size=1']);
    assert.deepEqual(serverExecArgv(node, 4), ['--max-semi-space-size=8', '--v8-pool-size=3']);
    assert.deepEqual(serverExecArgv(node, 64), ['--max-semi-space-size=8', '--v8-pool-size=4']);
  });

  it('leaves the helper threads to Electron under Electron', () => {
    assert.deepEqual(serverExecArgv({ node: '20.18.3', electron: '35.5.1' }, 8), ['--max-semi-space-size=8']);
  });

  it('are all accepted by this Node (a mistyped option stops the server from starting)', () => {
    const result = spawnSync(process.execPath, [...serverExecArgv(process.versions, os.availableParallelism()), '-e', 'process.stdout.write("started")'], { encoding: 'utf8' });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'started');
  });
});
