import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { codeCacheFolder, codeCacheName, privateFolder } from '../../server/src/launcher/codeCache';
import { LspTestClient } from '../helpers/lspClient';
import { tempDir } from '../helpers/tempDir';

const URI = 'file:///cache/Dockerfile';

/** The folder's cache files once one is there (the server writes it two seconds after it starts). */
async function cacheFiles(folder: string, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = fs.readdirSync(folder).filter((name) => name.endsWith('.v8cache'));
    if (found.length > 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A server that works: diagnostics for an open document. */
async function startAndCheck(folder: string): Promise<LspTestClient> {
  const client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 } }, { codeCache: folder });
  await client.open(URI, 'FROM alpine:3.20\nRUNN echo\n');
  assert.deepEqual((await client.diagnostics(URI, 1)).map((d) => d.code), ['UnknownInstruction']);
  return client;
}

describe('the server start keeps its compiled code (dist/server.js)', () => {
  it('where the editor says, else in the user’s cache folder; not at all when told so', () => {
    assert.equal(codeCacheFolder({ STAGECRAFT_CACHE_DIR: '/x/y' }, 'linux', '/home/u'), '/x/y');
    assert.equal(codeCacheFolder({ STAGECRAFT_CACHE_DIR: '' }, 'linux', '/home/u'), undefined);
    assert.equal(codeCacheFolder({}, 'linux', '/home/u'), path.join('/home/u', '.cache', 'stagecraft'));
    assert.equal(codeCacheFolder({ XDG_CACHE_HOME: '/c' }, 'linux', '/home/u'), path.join('/c', 'stagecraft'));
    assert.equal(codeCacheFolder({}, 'darwin', '/Users/u'), path.join('/Users/u', 'Library', 'Caches', 'stagecraft'));
    assert.equal(codeCacheFolder({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\u'), path.join('C:\\L', 'stagecraft', 'cache'));
    assert.equal(codeCacheFolder({}, 'linux', ''), undefined);
  });

  it('one file per bundle (size and time written) and runtime', () => {
    const folder = tempDir('stagecraft-cache-');
    const bundle = path.join(folder, 'bundle.js');
    fs.writeFileSync(bundle, 'a');
    fs.utimesSync(bundle, 1000, 1000);
    const name = codeCacheName(fs.statSync(bundle));
    assert.equal(codeCacheName(fs.statSync(bundle)), name);
    assert.ok(name.includes(process.version));
    fs.writeFileSync(bundle, 'bb');
    fs.utimesSync(bundle, 1000, 1000);
    assert.notEqual(codeCacheName(fs.statSync(bundle)), name);
    fs.utimesSync(bundle, 2000, 2000);
    assert.notEqual(codeCacheName(fs.statSync(bundle)), name);
  });

  it('only in a folder no one else may write to', { skip: process.platform === 'win32' ? 'POSIX permissions' : false }, () => {
    const made = path.join(tempDir('stagecraft-cache-'), 'new', 'folder');
    assert.equal(privateFolder(made), made);
    assert.equal(fs.statSync(made).mode & 0o777, 0o700);
    const shared = tempDir('stagecraft-cache-');
    fs.chmodSync(shared, 0o777);
    assert.equal(privateFolder(shared), undefined, 'a folder others can write to is not used');
    const file = path.join(tempDir('stagecraft-cache-'), 'a-file');
    fs.writeFileSync(file, '');
    assert.equal(privateFolder(file), undefined);
  });

  it('is written after the first start, used as it is by the next, and replaced when it is garbage', async () => {
    const folder = path.join(tempDir('stagecraft-cache-'), 'cache');
    const running: LspTestClient[] = [];
    const start = async (): Promise<LspTestClient> => {
      const client = await startAndCheck(folder);
      running.push(client);
      return client;
    };
    try {
      const first = await start();
      const [name] = await cacheFiles(folder);
      assert.ok(name !== undefined, 'the first start wrote a cache');
      assert.equal(await first.stop(), 0);
      const file = path.join(folder, name);
      const written = fs.readFileSync(file);
      const inode = fs.statSync(file).ino;
      assert.ok(written.length > 10_000);

      // V8 accepts it: nothing is written again (a rejected cache would be replaced two seconds after the start).
      const second = await start();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      // A write replaces the file (a new one renamed over it), so the same inode means none happened.
      assert.equal(fs.statSync(file).ino, inode, 'the second start used the cache as it was');
      assert.deepEqual(fs.readFileSync(file), written);
      assert.equal(await second.stop(), 0);

      fs.writeFileSync(file, Buffer.alloc(4096, 7));
      const third = await start();
      const deadline = Date.now() + 15_000;
      while (fs.readFileSync(file).equals(Buffer.alloc(4096, 7)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(fs.readFileSync(file).length > 10_000, 'a garbage cache is compiled past and written anew');
      assert.deepEqual(fs.readdirSync(folder).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
      assert.equal(await third.stop(), 0);
    } finally {
      for (const client of running) if (client.process.exitCode === null) client.process.kill();
    }
  });
});
