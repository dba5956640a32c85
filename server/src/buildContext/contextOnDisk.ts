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
      if (full === undefined) return undefined;
      try {
        // Most reads miss (`<name>.dockerignore` next to each Dockerfile): a stat that does not throw is ~8× cheaper than a failed read.
        if (fs.statSync(full, { throwIfNoEntry: false })?.isFile() !== true) return undefined;
        return fs.readFileSync(full, 'utf8');
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

/** How long checks of documents in one folder share what they have read of it. */
const CHECK_CONTEXT_REUSE_MS = 2000;
const checkContexts = new Map<string, { readonly files: ContextFiles; readonly readAt: number }>();

/**
 * The build context for a check (diagnostics): for checks of documents in one folder within 2 s of each other,
 * the same object, which remembers what it has read (`.dockerignore`, which files exist). Reading them again on
 * every keystroke cost more than the rules that ask; the disk does not change while one types, and a change
 * there shows in the first check after that. Completion keeps reading the disk (`contextForUri`).
 */
export function contextForCheck(uri: string, now = Date.now()): ContextFiles | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const directory = path.dirname(fileURLToPath(uri));
  const recent = checkContexts.get(directory);
  if (recent !== undefined && now - recent.readAt < CHECK_CONTEXT_REUSE_MS) return recent.files;
  for (const [folder, entry] of checkContexts) if (now - entry.readAt >= CHECK_CONTEXT_REUSE_MS) checkContexts.delete(folder);
  const files = remembering(contextOnDisk(directory));
  checkContexts.set(directory, { files, readAt: now });
  return files;
}

function remembering(files: ContextFiles): ContextFiles {
  const reads = new Map<string, string | undefined>();
  const existing = new Map<string, boolean>();
  return {
    read(relative) {
      if (!reads.has(relative)) reads.set(relative, files.read(relative));
      return reads.get(relative);
    },
    exists(relative) {
      let exists = existing.get(relative);
      if (exists === undefined) existing.set(relative, (exists = files.exists(relative)));
      return exists;
    },
    list: (relative) => files.list(relative),
  };
}
