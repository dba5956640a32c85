import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { serverExecArgv } from '../../common/src/serverProcess';

describe('server process options', () => {
  it('sizes V8 helper threads to the machine under plain Node, and leaves them to Electron under Electron', () => {
    assert.deepEqual(serverExecArgv({ node: '20.20.2', v8: '11.3' }), ['--max-semi-space-size=8', '--v8-pool-size=0']);
    assert.deepEqual(serverExecArgv({ node: '20.18.3', electron: '35.5.1' }), ['--max-semi-space-size=8']);
  });

  it('are all accepted by this Node (a mistyped option stops the server from starting)', () => {
    const result = spawnSync(process.execPath, [...serverExecArgv(process.versions), '-e', 'process.stdout.write("started")'], { encoding: 'utf8' });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'started');
  });
});
