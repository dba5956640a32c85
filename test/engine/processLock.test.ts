import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { withProcessLock } from '../helpers/processLock';

// The engine tests run in parallel processes and must set up dockerd and the stand-in images only once.
describe('the lock the engine tests share across processes', () => {
  const lockFile = (name: string): string => path.join(os.tmpdir(), `stagecraft-${name}.lock`);

  it('lets one process at a time in', async (t) => {
    const name = `test-${process.pid}-serial`;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-lock-'));
    t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
    const journal = path.join(folder, 'journal');
    const child = `
      const fs = require('node:fs');
      const { withProcessLock } = require(${JSON.stringify(require.resolve('../helpers/processLock'))});
      withProcessLock(${JSON.stringify(name)}, 20000, async () => {
        fs.appendFileSync(${JSON.stringify(journal)}, 'in ' + process.pid + '\\n');
        await new Promise((resolve) => setTimeout(resolve, 200));
        fs.appendFileSync(${JSON.stringify(journal)}, 'out ' + process.pid + '\\n');
      });`;
    const children = [1, 2, 3].map(() => spawn(process.execPath, ['-e', child], { stdio: 'inherit' }));
    const codes = await Promise.all(children.map((c) => new Promise<number | null>((resolve) => c.on('close', resolve))));
    assert.deepEqual(codes, [0, 0, 0]);
    const lines = fs.readFileSync(journal, 'utf8').trim().split('\n');
    assert.equal(lines.length, 6);
    for (let i = 0; i < lines.length; i += 2) {
      const pid = lines[i]?.split(' ')[1];
      assert.deepEqual([lines[i], lines[i + 1]], [`in ${pid}`, `out ${pid}`], 'another process entered while one was inside');
    }
    assert.equal(fs.existsSync(lockFile(name)), false);
  });

  it('takes over a lock whose owner is gone', async () => {
    const name = `test-${process.pid}-stale`;
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    fs.writeFileSync(lockFile(name), String(gone));
    assert.equal(await withProcessLock(name, 5_000, async () => 'ran'), 'ran');
    assert.equal(fs.existsSync(lockFile(name)), false);
  });

  it('gives up after the wait it was given, naming the owner, and leaves the owner\'s lock', async () => {
    const name = `test-${process.pid}-held`;
    fs.writeFileSync(lockFile(name), String(process.pid));
    try {
      await assert.rejects(withProcessLock(name, 300, async () => 'ran'), new RegExp(`held by process ${process.pid}`));
      assert.equal(fs.readFileSync(lockFile(name), 'utf8'), String(process.pid));
    } finally {
      fs.rmSync(lockFile(name), { force: true });
    }
  });
});
