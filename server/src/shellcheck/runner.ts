import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ShellDialect } from './scripts';

/** One of ShellCheck's `json1` comments (positions 1-based, columns in code points, ends exclusive). */
export interface ShellCheckComment {
  readonly line: number;
  readonly endLine: number;
  readonly column: number;
  readonly endColumn: number;
  readonly level: 'error' | 'warning' | 'info' | 'style';
  readonly code: number;
  readonly message: string;
  readonly fix: { readonly replacements: readonly ShellCheckReplacement[] } | null;
}

export interface ShellCheckReplacement {
  readonly line: number;
  readonly endLine: number;
  readonly column: number;
  readonly endColumn: number;
  readonly replacement: string;
  readonly insertionPoint: 'beforeStart' | 'afterEnd';
  readonly precedence: number;
}

/** What ShellCheck said about one script, or that it took longer than the limit (the script is then left unchecked). */
export type ScriptVerdict = readonly ShellCheckComment[] | 'timeout';

export interface ScriptInput {
  readonly text: string;
  readonly dialect: ShellDialect;
}

/** The executable is not there (or not runnable): said once, with how to install it. */
export class ShellCheckMissing extends Error {}

/** Scripts per process: a batch that overruns its limit is redone script by script, so batches stay small. */
const BATCH_SIZE = 48;

/** Runs `shellcheck`, never through a shell, a bounded number at a time. */
export class ShellCheckRunner {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly executable: string,
    private readonly limits: { readonly processes: number; readonly msPerScript: number } = { processes: 2, msPerScript: 5000 },
  ) {}

  /**
   * ShellCheck's comments on each script, in the order given. Scripts of one dialect go to one process (a
   * process costs ~15 ms, a script under 1 ms); a batch over its time limit is split and each script is run
   * alone under the per-script limit, so one pathological script is the only one left out.
   */
  async check(scripts: readonly ScriptInput[], signal?: AbortSignal): Promise<ScriptVerdict[]> {
    const verdicts: ScriptVerdict[] = new Array<ScriptVerdict>(scripts.length).fill([]);
    const batches = new Map<string, { dialect: ShellDialect; indexes: number[] }>();
    scripts.forEach((script, index) => {
      const key = `${script.dialect}:${Math.floor(index / BATCH_SIZE)}`;
      const batch = batches.get(key) ?? { dialect: script.dialect, indexes: [] };
      batch.indexes.push(index);
      batches.set(key, batch);
    });
    await Promise.all([...batches.values()].map(async ({ dialect, indexes }) => {
      const batch = await this.#run(dialect, indexes.map((index) => scripts[index]?.text ?? ''), signal);
      if (batch !== 'timeout') {
        indexes.forEach((index, position) => { verdicts[index] = batch[position] ?? []; });
        return;
      }
      for (const index of indexes) {
        const alone = await this.#run(dialect, [scripts[index]?.text ?? ''], signal);
        verdicts[index] = alone === 'timeout' ? 'timeout' : alone[0] ?? [];
      }
    }));
    return verdicts;
  }

  async #run(dialect: ShellDialect, texts: readonly string[], signal: AbortSignal | undefined): Promise<ShellCheckComment[][] | 'timeout'> {
    await this.#acquire();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-shellcheck-'));
    try {
      const files = texts.map((text, index) => {
        const file = path.join(folder, `${index}.sh`);
        fs.writeFileSync(file, text);
        return file;
      });
      const limit = AbortSignal.any([AbortSignal.timeout(this.limits.msPerScript * (texts.length === 1 ? 1 : 2)), ...(signal ? [signal] : [])]);
      const stdout = await this.#spawn(['--format=json1', '--norc', `--shell=${dialect}`, '--', ...files], limit, signal);
      if (stdout === 'timeout') return 'timeout';
      const parsed = JSON.parse(stdout) as { comments?: (ShellCheckComment & { file: string })[] };
      const byFile = texts.map((): ShellCheckComment[] => []);
      for (const comment of parsed.comments ?? []) {
        const index = files.indexOf(comment.file);
        if (index >= 0) byFile[index]?.push(comment);
      }
      return byFile;
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
      this.#release();
    }
  }

  #spawn(args: readonly string[], limit: AbortSignal, signal: AbortSignal | undefined): Promise<string | 'timeout'> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.executable, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false, signal: limit });
      const out: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.name === 'AbortError') {
          if (signal?.aborted === true) reject(error);
          else resolve('timeout');
        } else if (error.code === 'ENOENT' || error.code === 'EACCES') {
          reject(new ShellCheckMissing(`${this.executable}: ${error.code === 'ENOENT' ? 'not found' : 'not executable'}`));
        } else {
          reject(error);
        }
      });
      // 0: no comments, 1: comments; anything else is ShellCheck refusing its arguments or failing.
      child.on('close', (code) => {
        if (code === 0 || code === 1) resolve(Buffer.concat(out).toString('utf8'));
        else if (!limit.aborted) reject(new Error(`${this.executable} exited with code ${String(code)}: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
      });
    });
  }

  async #acquire(): Promise<void> {
    if (this.#running < this.limits.processes) {
      this.#running++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next();
    else this.#running--;
  }
}
