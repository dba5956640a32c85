import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DockerfileModel } from '../model';
import { buildModel } from '../model';

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)([.-].*)?$|\.(dockerfile|containerfile)$/i;
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'target', 'vendor', '.venv', '__pycache__']);

export interface ScanLimits {
  readonly maxFolders: number;
  readonly maxFiles: number;
  readonly maxDepth: number;
}

const DEFAULT_LIMITS: ScanLimits = { maxFolders: 3000, maxFiles: 300, maxDepth: 8 };

/** Files the scan would read, for the editor to watch (a glob in the LSP's syntax). */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,Dockerfile-*,Containerfile,Containerfile.*,Containerfile-*,*.dockerfile,*.containerfile}';

/** Larger files are not read for their base images. */
const MAX_FILE_LENGTH = 1_000_000;

/** A dependency, build or hidden folder: the scan does not go in, and files in it do not count. */
function skippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name) || name.startsWith('.');
}

/** Whether the scan reads this file: inside a workspace folder, not in a skipped folder nor deeper than it goes. */
function scanned(file: string, folders: readonly string[], maxDepth: number): boolean {
  return folders.some((folder) => {
    const relative = path.relative(folder, path.dirname(file));
    if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
    if (relative === '') return true;
    const steps = relative.split(path.sep);
    return steps.length <= maxDepth && !steps.some(skippedFolder);
  });
}

/**
 * Base images the workspace's Dockerfiles already use, for FROM completion: a background scan of the
 * workspace folders (bounded, skipping dependency and build folders) plus every document the editor opens.
 */
export class WorkspaceImages {
  private readonly byFile = new Map<string, readonly string[]>();
  /** The workspace folders the last scan read, and how deep it went. */
  private folders: readonly string[] = [];
  private maxDepth = DEFAULT_LIMITS.maxDepth;

  /** `isOpen`: whether the editor has the document open; then it, not the file on disk, says what it uses. */
  constructor(private readonly isOpen: (uri: string) => boolean = () => false) {}

  /** Records the external base images of one file (a newer version replaces what an older one said). */
  record(model: DockerfileModel): void {
    const images = model.stages
      .filter((stage) => stage.baseImage !== undefined && !stage.baseImage.isScratch && stage.base.exact)
      .map((stage) => stage.base.text);
    this.byFile.set(model.uri, images);
  }

  /** What a file's text says, or nothing for a file too large to read for its base images. */
  private recordText(uri: string, text: string): void {
    if (text.length < MAX_FILE_LENGTH) this.record(buildModel({ uri, version: 0, text }));
    else this.byFile.delete(uri);
  }

  /**
   * A file created or changed on disk, or a document closed (what it says now is what is on disk): read again.
   * Gone or unreadable, it no longer counts.
   */
  async refresh(uri: string): Promise<void> {
    if (this.isOpen(uri)) return;
    const file = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    let text: string | undefined;
    if (file !== undefined && scanned(file, this.folders, this.maxDepth)) {
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        // Gone or unreadable: it no longer counts.
      }
    }
    // Opened while the file was read: the document counts, as recorded when it was opened.
    if (this.isOpen(uri)) return;
    if (text === undefined) this.byFile.delete(uri);
    else this.recordText(uri, text);
  }

  /** Images by how many times they are used, most used first. */
  images(): { image: string; uses: number }[] {
    const counts = new Map<string, number>();
    for (const images of this.byFile.values()) for (const image of images) counts.set(image, (counts.get(image) ?? 0) + 1);
    return [...counts].map(([image, uses]) => ({ image, uses })).sort((a, b) => b.uses - a.uses || a.image.localeCompare(b.image));
  }

  async scan(folders: readonly string[], limits: ScanLimits = DEFAULT_LIMITS): Promise<number> {
    this.folders = folders;
    this.maxDepth = limits.maxDepth;
    let foldersSeen = 0;
    let filesRead = 0;
    const queue = folders.map((folder) => ({ folder, depth: 0 }));
    while (queue.length > 0 && foldersSeen < limits.maxFolders && filesRead < limits.maxFiles) {
      const next = queue.shift();
      if (next === undefined) break;
      foldersSeen++;
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(next.folder, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const full = path.join(next.folder, entry.name);
        if (entry.isDirectory()) {
          if (next.depth < limits.maxDepth && !skippedFolder(entry.name)) queue.push({ folder: full, depth: next.depth + 1 });
        } else if (entry.isFile() && DOCKERFILE_NAME.test(entry.name) && filesRead < limits.maxFiles) {
          filesRead++;
          const uri = pathToFileURL(full).toString();
          if (this.byFile.has(uri)) continue;
          try {
            this.recordText(uri, await fs.readFile(full, 'utf8'));
          } catch {
            // Unreadable files simply contribute nothing.
          }
        }
      }
    }
    return filesRead;
  }
}
