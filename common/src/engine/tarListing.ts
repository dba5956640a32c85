import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';

/**
 * Reads a tar stream (`docker export`) header by header, never holding a file in memory: each entry's path,
 * type, mode, owner and size, and a SHA-256 of the content of the regular files `wanted` selects. Understands
 * ustar prefixes, GNU long names and pax `path` records, which image exports use for long paths.
 */

export interface TarEntry {
  readonly path: string;
  /** `file`, `dir`, `symlink`, `hardlink` or `other`. */
  readonly type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly linkTarget: string;
  /** Hex SHA-256 of the content, for wanted regular files. */
  readonly sha256: string | undefined;
}

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const text = field(header, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function typeOf(flag: string): TarEntry['type'] {
  if (flag === '0' || flag === '' || flag === '7') return 'file';
  if (flag === '5') return 'dir';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

/** `./usr/bin/x` and `usr/bin/x/` both as `/usr/bin/x`. */
export function normalizeTarPath(raw: string): string {
  const trimmed = raw.replace(/^\.?\/*/, '').replace(/\/+$/, '');
  return `/${trimmed}`;
}

export class TarReader {
  #pending: Buffer = Buffer.alloc(0);
  /** Bytes of the current entry's content still to come (then its padding). */
  #remaining = 0;
  #padding = 0;
  #hash: Hash | undefined;
  #current: Omit<TarEntry, 'sha256'> | undefined;
  /** Content of a GNU long-name or pax header entry, read whole (small). */
  #meta: { kind: 'L' | 'x'; chunks: Buffer[] } | undefined;
  #nextPath: string | undefined;
  #ended = false;

  constructor(private readonly wanted: (path: string) => boolean, private readonly onEntry: (entry: TarEntry) => void) {}

  write(chunk: Buffer): void {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    let offset = 0;
    while (!this.#ended) {
      if (this.#remaining > 0) {
        const take = Math.min(this.#remaining, this.#pending.length - offset);
        if (take === 0) break;
        const data = this.#pending.subarray(offset, offset + take);
        if (this.#meta !== undefined) this.#meta.chunks.push(Buffer.from(data));
        this.#hash?.update(data);
        this.#remaining -= take;
        offset += take;
        if (this.#remaining > 0) break;
        this.#finishEntry();
        continue;
      }
      if (this.#padding > 0) {
        const skip = Math.min(this.#padding, this.#pending.length - offset);
        this.#padding -= skip;
        offset += skip;
        if (this.#padding > 0) break;
        continue;
      }
      if (this.#pending.length - offset < BLOCK) break;
      const header = this.#pending.subarray(offset, offset + BLOCK);
      offset += BLOCK;
      if (header.every((byte) => byte === 0)) {
        this.#ended = true;
        break;
      }
      this.#startEntry(header);
    }
    this.#pending = this.#pending.subarray(offset);
  }

  /** Whether the archive's end was read (a stream that stops before it is truncated). */
  get complete(): boolean {
    return this.#ended && this.#remaining === 0;
  }

  #startEntry(header: Buffer): void {
    const flag = field(header, 156, 1);
    const size = octal(header, 124, 12);
    this.#padding = (BLOCK - (size % BLOCK)) % BLOCK;
    this.#remaining = size;
    if (flag === 'L' || flag === 'x') {
      this.#meta = { kind: flag, chunks: [] };
      this.#current = undefined;
      this.#hash = undefined;
      if (size === 0) this.#finishEntry();
      return;
    }
    const prefix = field(header, 345, 155);
    const name = field(header, 0, 100);
    const path = normalizeTarPath(this.#nextPath ?? (prefix !== '' ? `${prefix}/${name}` : name));
    this.#nextPath = undefined;
    const type = typeOf(flag);
    this.#current = { path, type, mode: octal(header, 100, 8) & 0o7777, uid: octal(header, 108, 8), gid: octal(header, 116, 8), size, linkTarget: field(header, 157, 100) };
    this.#hash = type === 'file' && this.wanted(path) ? createHash('sha256') : undefined;
    if (size === 0) this.#finishEntry();
  }

  #finishEntry(): void {
    if (this.#meta !== undefined) {
      const text = Buffer.concat(this.#meta.chunks).toString('utf8');
      if (this.#meta.kind === 'L') this.#nextPath = text.replace(/\0+$/, '');
      else {
        const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1];
        if (path !== undefined) this.#nextPath = path;
      }
      this.#meta = undefined;
      return;
    }
    const entry = this.#current;
    if (entry === undefined) return;
    this.onEntry({ ...entry, sha256: this.#hash?.digest('hex') });
    this.#current = undefined;
    this.#hash = undefined;
  }
}
