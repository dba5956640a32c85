import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const created: string[] = [];
let hooked = false;

/**
 * A fresh folder under the OS temp dir, removed when the test process exits (node's runner gives each test file
 * its own process), so a run leaves nothing behind — also when an assertion fails midway.
 */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const folder of created) fs.rmSync(folder, { recursive: true, force: true });
    });
  }
  return dir;
}
