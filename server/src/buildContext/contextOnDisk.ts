import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContextFiles } from './contextFiles';

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
    list(relative) {
      const full = inside(relative);
      try {
        return full === undefined ? [] : fs.readdirSync(full, { withFileTypes: true }).map((entry) => ({ name: entry.name, directory: entry.isDirectory() }));
      } catch {
        return [];
      }
    },
  };
}

/** The build context for a document URI: its folder on disk for file: URIs, none for unsaved or virtual ones. */
export function contextForUri(uri: string): ContextFiles | undefined {
  if (!uri.startsWith('file:')) return undefined;
  return contextOnDisk(path.dirname(fileURLToPath(uri)));
}
