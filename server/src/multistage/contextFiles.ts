import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContextFiles } from './artifacts';

/** The build context on disk (by default the Dockerfile's folder), read-only and confined to that folder. */
export function contextOnDisk(directory: string): ContextFiles {
  const root = path.resolve(directory);
  const inside = (relative: string): string | undefined => {
    const full = path.resolve(root, relative);
    return full === root || full.startsWith(`${root}${path.sep}`) ? full : undefined;
  };
  return {
    read(relative) {
      const full = inside(relative);
      try {
        return full === undefined ? undefined : fs.readFileSync(full, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists(relative) {
      const full = inside(relative);
      return full !== undefined && fs.existsSync(full);
    },
  };
}
