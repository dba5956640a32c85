import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A lock shared by the test processes that `node --test` runs side by side. Setting up the engine must
 * happen once: two dockerds started in the same instant both pass dockerd's own pid-file check and break
 * each other's containerd (seen in CI), and two debootstraps would write the same cached tarball.
 */

const POLL_MS = 250;

function readOwner(lockFile: string): string | undefined {
  try {
    return fs.readFileSync(lockFile, 'utf8');
  } catch {
    return undefined; // released meanwhile
  }
}

function modifiedAt(lockFile: string): number {
  try {
    return fs.statSync(lockFile).mtimeMs;
  } catch {
    return Date.now();
  }
}

function ownerIsGone(lockFile: string): boolean {
  const text = readOwner(lockFile);
  if (text === undefined) return false; // the next attempt to take it decides
  const owner = Number.parseInt(text, 10);
  // Empty for the instant between the owner creating the file and writing its pid into it.
  if (!Number.isInteger(owner) || owner <= 0) return Date.now() - modifiedAt(lockFile) > 10_000;
  try {
    process.kill(owner, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function tryTake(lockFile: string): boolean {
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A test process that died holding the lock (killed by a timeout, say) must not block every later run.
    if (ownerIsGone(lockFile)) fs.rmSync(lockFile, { force: true });
    return false;
  }
}

/** Runs `work` while holding the lock `name`; waits for another process holding it, up to `waitMs`. */
export async function withProcessLock<T>(name: string, waitMs: number, work: () => Promise<T>): Promise<T> {
  const lockFile = path.join(os.tmpdir(), `stagecraft-${name}.lock`);
  const deadline = Date.now() + waitMs;
  while (!tryTake(lockFile)) {
    if (Date.now() > deadline) {
      throw new Error(`waited ${Math.round(waitMs / 1000)} s for ${lockFile}, held by process ${readOwner(lockFile) ?? '(released just now)'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}
