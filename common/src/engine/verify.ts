import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildArgv } from './argv';
import { EngineError, runEngine } from './runner';
import type { EngineConfig } from './runner';
import { TarReader } from './tarListing';
import type { TarEntry } from './tarListing';

/**
 * Checks that two Dockerfiles make images that behave the same (a multi-stage conversion against its original):
 * both are built with the same context and build args, run with the same arguments and a fresh host folder
 * bind-mounted at each given path, and compared — exit code, stdout, stderr, the files written to the folders —
 * and the files at the given paths are compared in both images (content, mode, owner), read from `docker export`
 * as a stream. Images and containers it made are removed. Nothing here is Stagecraft-specific or vscode-bound.
 */

export interface VerifyRequest {
  readonly engine: EngineConfig;
  readonly original: string;
  readonly converted: string;
  readonly context: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly runArgs: readonly string[];
  /** Container paths a fresh host folder is bind-mounted at, in both runs (the VOLUMEs by default). */
  readonly mountTargets: readonly string[];
  /** Image paths whose files must be the same in both images (what the original got after its build). */
  readonly comparedPaths: readonly string[];
  readonly buildx: boolean;
  /** `--network` for the builds' RUN steps (`none`, `host`, `default`); the engine's default when undefined. */
  readonly network?: string | undefined;
  readonly runTimeoutMs: number;
  /** Makes a fresh host folder the engine can bind-mount at `target` (empty, or seeded the same for both runs). */
  readonly hostFolder: (target: string) => string;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((message: string) => void) | undefined;
}

export interface RunOutcome {
  /** The container's exit code, or `timeout` when it was still running at the time limit (then stopped). */
  readonly exitCode: number | 'timeout';
  readonly stdout: string;
  readonly stderr: string;
  /** Files the run wrote into the mounted folders: `TARGET/relative/path` → SHA-256. */
  readonly files: Readonly<Record<string, string>>;
}

export interface ImageOutcome {
  readonly image: string;
  readonly size: number;
  readonly run: RunOutcome;
}

export type VerifyReport =
  | { readonly verdict: 'same' | 'different'; readonly differences: readonly string[]; readonly original: ImageOutcome; readonly converted: ImageOutcome }
  | { readonly verdict: 'unverified'; readonly reason: string; readonly dockerfile?: string | undefined; readonly output?: string | undefined };

const BUILD_TIMEOUT_MS = 30 * 60_000;

/** Why a verification cannot be trusted on this engine (said as the report's reason, never as a verdict). */
class CannotVerify extends Error {}

const PROBE = '.stagecraft-verify-probe';

function notVisible({ target, host }: { target: string; host: string }): CannotVerify {
  return new CannotVerify(`the engine does not see this machine's folder ${host} that it mounts at ${target} (a remote engine, or a daemon in another file system), so the files the runs write cannot be compared; verify on a local engine`);
}

/**
 * Whether the engine sees each host folder that the container will have mounted: a marker file written here
 * must be readable through the created (not started) container. A remote engine, or a daemon in another file
 * system, mounts a folder of the same name on its own side; both runs would write there and look alike here
 * (a false "same"), so that is refused. The marker is removed before the container starts.
 */
async function assertMountsVisible(request: VerifyRequest, id: string, folders: readonly { target: string; host: string }[]): Promise<void> {
  for (const { target, host } of folders) {
    const marker = path.join(host, PROBE);
    fs.writeFileSync(marker, id);
    try {
      await runEngine(request.engine, ['cp', `${id}:${target.replace(/\/+$/, '')}/${PROBE}`, '-'], { signal: request.signal });
    } catch (error) {
      if (!(error instanceof EngineError) || request.signal?.aborted === true) throw error;
      throw notVisible({ target, host });
    } finally {
      fs.rmSync(marker, { force: true });
    }
  }
}

function hashFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files[path.relative(root, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  walk(root);
  return files;
}

async function run(request: VerifyRequest, image: string): Promise<RunOutcome> {
  const { engine } = request;
  const folders = request.mountTargets.map((target) => ({ target, host: request.hostFolder(target) }));
  const mounts = folders.flatMap(({ target, host }) => ['--mount', `type=bind,source=${host},target=${target}`]);
  const id = await runEngine(engine, ['create', '--network', 'none', ...mounts, image, ...request.runArgs], { signal: request.signal }).then((created) => created.stdout.trim(), (error: unknown) => {
    // Docker: "bind source path does not exist: …"; podman: "statfs …: no such file or directory".
    const said = error instanceof EngineError ? error.result?.stderr ?? error.message : '';
    const folder = /does not exist|no such file/i.test(said) ? folders.find(({ host }) => said.includes(host)) : undefined;
    throw folder !== undefined ? notVisible(folder) : error;
  });
  try {
    await assertMountsVisible(request, id, folders);
    let exitCode: number | 'timeout';
    let stdout = '';
    let stderr = '';
    const limit = AbortSignal.any([AbortSignal.timeout(request.runTimeoutMs), ...(request.signal ? [request.signal] : [])]);
    try {
      const started = await runEngine(engine, ['start', '--attach', id], { signal: limit });
      ({ stdout, stderr } = started);
      exitCode = 0;
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      if (request.signal?.aborted === true) throw error;
      stdout = error.result?.stdout ?? '';
      stderr = error.result?.stderr ?? '';
      if (error.problem === 'cancelled') {
        await runEngine(engine, ['stop', '--time', '1', id]).catch(() => undefined);
        exitCode = 'timeout';
      } else {
        exitCode = error.result?.exitCode ?? -1;
      }
    }
    const files: Record<string, string> = {};
    for (const { target, host } of folders) for (const [name, hash] of Object.entries(hashFiles(host))) files[`${target}/${name}`] = hash;
    return { exitCode, stdout, stderr, files };
  } finally {
    await runEngine(engine, ['rm', '--force', '--volumes', id]).catch(() => undefined);
  }
}

/** The files under `paths` in an image, from `docker export` of a container created (not started) from it. */
async function filesUnder(engine: EngineConfig, image: string, paths: readonly string[]): Promise<Map<string, TarEntry>> {
  const found = new Map<string, TarEntry>();
  if (paths.length === 0) return found;
  const under = (file: string): boolean => paths.some((p) => file === p || file.startsWith(`${p.replace(/\/+$/, '')}/`));
  const id = (await runEngine(engine, ['create', image, 'stagecraft-verify-not-run'])).stdout.trim();
  try {
    const reader = new TarReader(under, (entry) => {
      if (under(entry.path)) found.set(entry.path, entry);
    });
    await new Promise<void>((resolve, reject) => {
      const child = spawn(engine.executable, ['export', id], { env: { ...process.env, ...engine.env }, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => reader.write(chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 && reader.complete ? resolve() : reject(new Error(`${engine.executable} export ${image} failed (exit ${String(code)}${reader.complete ? '' : ', archive cut short'}): ${stderr.trim()}`))));
    });
  } finally {
    await runEngine(engine, ['rm', '--force', id]).catch(() => undefined);
  }
  return found;
}

function compareRuns(original: RunOutcome, converted: RunOutcome): string[] {
  const differences: string[] = [];
  if (original.exitCode !== converted.exitCode) differences.push(`exit code: ${String(original.exitCode)} before, ${String(converted.exitCode)} after`);
  if (original.stdout !== converted.stdout) differences.push(`stdout differs:\n--- original\n${original.stdout}\n--- converted\n${converted.stdout}`);
  if (original.stderr !== converted.stderr) differences.push(`stderr differs:\n--- original\n${original.stderr}\n--- converted\n${converted.stderr}`);
  for (const name of new Set([...Object.keys(original.files), ...Object.keys(converted.files)])) {
    if (original.files[name] === undefined) differences.push(`only the converted image's run wrote ${name}`);
    else if (converted.files[name] === undefined) differences.push(`only the original image's run wrote ${name}`);
    else if (original.files[name] !== converted.files[name]) differences.push(`the runs wrote different content to ${name}`);
  }
  return differences;
}

function compareFiles(original: Map<string, TarEntry>, converted: Map<string, TarEntry>): string[] {
  const differences: string[] = [];
  for (const [file, entry] of original) {
    const other = converted.get(file);
    if (other === undefined) differences.push(`${file} (${entry.type}) is in the original image, not in the converted one`);
    else if (entry.type !== other.type) differences.push(`${file} is a ${entry.type} in the original image, a ${other.type} in the converted one`);
    else if (entry.sha256 !== other.sha256 || (entry.type === 'symlink' && entry.linkTarget !== other.linkTarget)) differences.push(`${file} has other content in the converted image`);
    else if (entry.mode !== other.mode) differences.push(`${file} has mode ${entry.mode.toString(8)} in the original image, ${other.mode.toString(8)} in the converted one`);
    else if (entry.uid !== other.uid || entry.gid !== other.gid) differences.push(`${file} is owned by ${entry.uid}:${entry.gid} in the original image, ${other.uid}:${other.gid} in the converted one`);
  }
  return differences;
}

async function build(request: VerifyRequest, dockerfile: string, tag: string): Promise<{ ok: true } | { ok: false; output: string }> {
  const argv = buildArgv({ dockerfile, context: request.context, tag, buildArgs: request.buildArgs, network: request.network, buildx: request.buildx ? {} : undefined });
  try {
    await runEngine(request.engine, argv, { signal: AbortSignal.any([AbortSignal.timeout(BUILD_TIMEOUT_MS), ...(request.signal ? [request.signal] : [])]) });
    return { ok: true };
  } catch (error) {
    if (error instanceof EngineError && error.result !== undefined && error.problem === 'failed') return { ok: false, output: `${error.result.stdout}\n${error.result.stderr}` };
    throw error;
  }
}

export async function verifyConversion(request: VerifyRequest): Promise<VerifyReport> {
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const tags = { original: `stagecraft-verify/original:${suffix}`, converted: `stagecraft-verify/converted:${suffix}` };
  const progress = request.onProgress ?? ((): void => undefined);
  try {
    for (const which of ['original', 'converted'] as const) {
      progress(`building the ${which} Dockerfile`);
      const built = await build(request, which === 'original' ? request.original : request.converted, tags[which]);
      if (!built.ok) return { verdict: 'unverified', reason: `the ${which} Dockerfile does not build`, dockerfile: which === 'original' ? request.original : request.converted, output: built.output };
    }
    const outcomes: Partial<Record<'original' | 'converted', ImageOutcome>> = {};
    for (const which of ['original', 'converted'] as const) {
      progress(`running the ${which} image`);
      const size = Number((await runEngine(request.engine, ['image', 'inspect', '--format', '{{.Size}}', tags[which]])).stdout.trim());
      outcomes[which] = { image: tags[which], size, run: await run(request, tags[which]) };
    }
    const original = outcomes.original as ImageOutcome;
    const converted = outcomes.converted as ImageOutcome;
    progress('comparing the files the original got after its build');
    const files = compareFiles(await filesUnder(request.engine, tags.original, request.comparedPaths), await filesUnder(request.engine, tags.converted, request.comparedPaths));
    const differences = [...compareRuns(original.run, converted.run), ...files];
    return { verdict: differences.length === 0 ? 'same' : 'different', differences, original, converted };
  } catch (error) {
    if (error instanceof EngineError || error instanceof CannotVerify) return { verdict: 'unverified', reason: error.message };
    throw error;
  } finally {
    await runEngine(request.engine, ['image', 'rm', '--force', tags.original, tags.converted]).catch(() => undefined);
  }
}
