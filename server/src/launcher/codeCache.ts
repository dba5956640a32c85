import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { Module, createRequire } from 'node:module';

/**
 * Where compiled code is kept between starts: `STAGECRAFT_CACHE_DIR` (the VS Code client gives its global
 * storage; empty turns caching off), else the user's cache folder. Undefined when there is none to use.
 */
export function codeCacheFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  const chosen = env['STAGECRAFT_CACHE_DIR'];
  if (chosen !== undefined) return chosen === '' ? undefined : chosen;
  if (home === '') return undefined;
  if (platform === 'win32') return path.join(env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'), 'stagecraft', 'cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'stagecraft');
  return path.join(env['XDG_CACHE_HOME'] ?? path.join(home, '.cache'), 'stagecraft');
}

/**
 * The folder made (only its owner may write in it) or checked: compiled code read from a folder others can
 * write to would run as whatever they put there. Undefined when it cannot be made or is not ours alone.
 */
export function privateFolder(folder: string): string | undefined {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (process.platform === 'win32') return folder;
    const stat = fs.statSync(folder);
    const owner = process.getuid?.();
    return stat.isDirectory() && (owner === undefined || stat.uid === owner) && (stat.mode & 0o022) === 0 ? folder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One file per bundle and runtime: V8 itself only checks the source's length, so the name says which bundle —
 * by its size and time of writing (a hash of its content needed Node's crypto module, whose loading cost a tenth
 * of what the cache saves).
 */
export function codeCacheName(bundle: fs.Stats): string {
  return `server-${bundle.size}-${Math.floor(bundle.mtimeMs)}-${process.version}-${process.arch}.v8cache`;
}

/** How long after starting the cache is written, so that it holds what starting and the first requests compiled. */
const WRITE_AFTER_MS = 2000;

/**
 * Runs a CommonJS bundle as `require` would, but compiled with V8's code cache: Node 20 has no compile cache
 * of its own (22 has), and compiling the 1 MB server bundle and the functions its start runs was a quarter
 * of the server's start-up time. A cache that is missing, stale or rejected by V8 is written anew a moment
 * after start; any failure to read or write one only means compiling as usual.
 */
export function runWithCodeCache(bundle: string, cacheFolder: string | undefined): void {
  const source = fs.readFileSync(bundle, 'utf8');
  const folder = cacheFolder === undefined ? undefined : privateFolder(cacheFolder);
  const cacheFile = folder === undefined ? undefined : path.join(folder, codeCacheName(fs.statSync(bundle)));
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile !== undefined) cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData === undefined ? {} : { cachedData }) });
  const exports = {};
  const module = { exports, filename: bundle, id: bundle, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(exports, exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    setTimeout(() => writeAtomically(cacheFile, () => script.createCachedData()), WRITE_AFTER_MS).unref();
  }
}

function writeAtomically(file: string, content: () => Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, content(), { mode: 0o600 });
    fs.renameSync(temporary, file);
    // Caches of earlier bundles for this runtime are of no more use.
    const suffix = `-${process.version}-${process.arch}.v8cache`;
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (name.startsWith('server-') && name.endsWith(suffix) && name !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

export function userHome(): string {
  try {
    return os.homedir();
  } catch {
    return '';
  }
}
