import assert from 'node:assert/strict';
import { it } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withProcessLock } from './processLock';
import { REPO_ROOT } from './paths';
import { tempDir } from './tempDir';

/**
 * A real Docker engine for tests: started here if it is installed but not running (as `.ci/run` arranges),
 * with base images made locally, since nothing can be pulled. Every call spawns `docker` with an argv array.
 *
 * Two engines, chosen per test process by STAGECRAFT_TEST_ENGINE: `classic` (the default) is the machine's own
 * Docker 20.10 with the classic builder (DOCKER_BUILDKIT=0); `buildkit` is the current engine that
 * `shared/engine/modern-docker.sh` runs beside it (Docker 28.5, BuildKit, builds through `docker buildx build
 * --load`). A suite that runs on both has one test file per engine (`*.buildkit.test.ts` sets the variable).
 */

export type EngineFlavor = 'classic' | 'buildkit';

export function engineFlavor(): EngineFlavor {
  return process.env['STAGECRAFT_TEST_ENGINE'] === 'buildkit' ? 'buildkit' : 'classic';
}

const MODERN_ENGINE = path.resolve(REPO_ROOT, '..', 'shared', 'engine', 'modern-docker.sh');
let modernExports: { ok: true; env: Readonly<Record<string, string>> } | { ok: false; reason: string } | undefined;

/**
 * Starts the current engine if it is not running (idempotent: minutes the first time, seconds later) and returns
 * the DOCKER_HOST / DOCKER_CONFIG that reach it; this process's other `docker` calls are not pointed there.
 */
export function modernEngineEnv(): { ok: true; env: Readonly<Record<string, string>> } | { ok: false; reason: string } {
  if (modernExports !== undefined) return modernExports;
  if (!fs.existsSync(MODERN_ENGINE)) return (modernExports = { ok: false, reason: `no ${MODERN_ENGINE} here` });
  // Started once by the test runner (scripts/test-machine.sh, run by scripts/run-tests.mjs), which passes its exports down: each `start` copies
  // the buildx plugin into DOCKER_CONFIG again, and a copy under way made another process's `docker buildx`
  // fail with "unknown flag". A test file run on its own starts it here.
  const given = process.env['STAGECRAFT_MODERN_ENGINE'];
  const started = given !== undefined && given !== '' ? { status: 0, stdout: given, stderr: '' } : spawnSync('bash', [MODERN_ENGINE, 'start'], { encoding: 'utf8', timeout: 15 * 60_000 });
  const exports = /export\s+(.*)$/m.exec(started.stdout ?? '')?.[1];
  if (started.status !== 0 || exports === undefined) {
    return (modernExports = { ok: false, reason: `modern-docker.sh start failed (exit ${String(started.status)}): ${(started.stderr ?? '').split('\n').slice(-5).join(' ')}` });
  }
  const env: Record<string, string> = {};
  for (const pair of exports.trim().split(/\s+/)) {
    const at = pair.indexOf('=');
    if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return (modernExports = { ok: true, env });
}

/** The environment `docker` runs with for this process's engine. */
export function dockerEnv(): NodeJS.ProcessEnv {
  if (engineFlavor() === 'classic') return { ...process.env, DOCKER_BUILDKIT: '0' };
  const modern = modernEngineEnv();
  return modern.ok ? { ...process.env, ...modern.env } : process.env;
}

/** Where the current engine's daemon has its root (a chroot); undefined for the classic engine, which shares ours. */
function engineChroot(): string | undefined {
  return engineFlavor() === 'buildkit' ? /^unix:\/\/(.*)\/run\/docker\.sock$/.exec(dockerEnv()['DOCKER_HOST'] ?? '')?.[1] : undefined;
}

/**
 * A fresh folder to bind-mount into a container, as this process sees it (`host`) and as the engine names it
 * (`source`). The current engine's daemon runs in a chroot (shared/engine/modern-docker.sh), so its bind sources
 * are paths inside that root: the folder is made there. Removed when the process exits.
 */
export function bindFolder(prefix: string): { host: string; source: string } {
  const root = engineChroot();
  if (root === undefined) {
    const host = tempDir(prefix);
    return { host, source: host };
  }
  fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  const host = fs.mkdtempSync(path.join(root, 'tmp', prefix));
  process.on('exit', () => fs.rmSync(host, { recursive: true, force: true }));
  return { host, source: host.slice(root.length) };
}

/**
 * A folder the engine sees at the same path as this machine (for processes that pass host paths to the engine
 * themselves, as the editor's Run with Volume does). The classic engine shares the host's file system; the
 * current engine's daemon runs in a chroot, so a host folder is bind-mounted into it at the same path (as a
 * remote engine whose host shares folders under the same names). Unmounted when the process exits.
 */
export function engineVisibleFolder(prefix: string): string {
  const root = engineChroot();
  const host = tempDir(prefix);
  if (root === undefined) return host;
  const inside = path.join(root, host);
  fs.mkdirSync(inside, { recursive: true });
  const mounted = spawnSync('mount', ['--bind', host, inside], { encoding: 'utf8' });
  if (mounted.status !== 0) throw new Error(`could not share ${host} with the engine's chroot: ${mounted.stderr}`);
  process.on('exit', () => {
    spawnSync('umount', ['--lazy', inside]);
    fs.rmSync(inside, { recursive: true, force: true });
  });
  return host;
}

/** This process's engine as the product's engine layer takes it (EngineConfig: executable and environment). */
export function dockerEngineConfig(): { executable: string; env: Record<string, string> } {
  return { executable: 'docker', env: Object.fromEntries(Object.entries(dockerEnv()).filter((entry): entry is [string, string] => entry[1] !== undefined)) };
}

/** `docker build ARGS` on this process's engine: the classic builder, or BuildKit through buildx (loaded into the image store). */
export function buildCommand(args: readonly string[]): string[] {
  return engineFlavor() === 'classic' ? ['build', ...args] : ['buildx', 'build', '--load', ...args];
}

export const BUSYBOX_IMAGE = 'stagecraft-test/busybox:1';

/** Marks the empty images the BuildKit parity test names after public images (its checks read no content). */
export const EMPTY_STAND_IN_LABEL = 'org.stagecraft.test.empty-stand-in';

export interface DockerResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function docker(args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: Buffer } = {}): DockerResult {
  const result = spawnSync('docker', args, {
    encoding: 'utf8',
    env: { ...dockerEnv(), ...options.env },
    timeout: options.timeoutMs ?? 120_000,
    input: options.input,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? (result.error ? String(result.error) : '') };
}

function daemonAnswers(): boolean {
  return docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 }).status === 0;
}

let engineState: { ok: true } | { ok: false; reason: string } | undefined;

const DAEMON_LOG = path.join(os.tmpdir(), 'stagecraft-dockerd.log');
const STARTUP_MS = 60_000;

/** Makes sure a daemon answers; returns why not otherwise. Tests skip with that reason unless CI requires the engine. */
export async function ensureEngine(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (engineState !== undefined) return engineState;
  if (engineFlavor() === 'buildkit') {
    const modern = await withProcessLock('modern-docker', 20 * 60_000, async () => modernEngineEnv());
    engineState = modern.ok && daemonAnswers() ? { ok: true } : { ok: false, reason: modern.ok ? 'the current engine does not answer' : modern.reason };
    return engineState;
  }
  if (spawnSync('docker', ['--version']).status !== 0) {
    engineState = { ok: false, reason: 'the docker CLI is not installed (apt-get install docker.io)' };
    return engineState;
  }
  // The processes that wait for the lock find the daemon the first one started.
  engineState = daemonAnswers() ? { ok: true } : await withProcessLock('dockerd', 2 * STARTUP_MS, async () => (daemonAnswers() ? { ok: true } : startDaemon()));
  return engineState;
}

async function startDaemon(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const dockerd = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((p) => fs.existsSync(p));
  if (dockerd === undefined || process.getuid?.() !== 0) {
    return { ok: false, reason: 'no Docker daemon is running and this test cannot start one (needs root and dockerd)' };
  }
  const logStart = fs.existsSync(DAEMON_LOG) ? fs.statSync(DAEMON_LOG).size : 0;
  const log = fs.openSync(DAEMON_LOG, 'a');
  const daemon = spawn(dockerd, ['--bridge=none', '--iptables=false'], { detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  daemon.unref();
  let exitCode: number | null | undefined;
  daemon.on('exit', (code) => (exitCode = code));
  const deadline = Date.now() + STARTUP_MS;
  while (exitCode === undefined && Date.now() < deadline) {
    if (daemonAnswers()) return { ok: true };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (exitCode === undefined) killGroup(daemon.pid); // half started, it would keep containerd's database locked for the next try
  const what = exitCode === undefined ? `did not answer within ${STARTUP_MS / 1000} s` : `exited (${String(exitCode)})`;
  return { ok: false, reason: `dockerd ${what}; from ${DAEMON_LOG}:\n${daemonErrors(logStart)}` };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The daemon's error lines since `offset`, so a failure in CI says why without the log at hand. */
function daemonErrors(offset: number): string {
  const lines = fs.readFileSync(DAEMON_LOG).subarray(offset).toString('utf8').split('\n');
  const errors = lines.filter((line) => /level=(error|fatal)|^failed to /.test(line));
  return (errors.length > 0 ? errors : lines).slice(-8).join('\n');
}

/** A 2 MB image with busybox's /bin/sh and tools, from Debian's busybox-static, tagged for reuse. */
export function ensureBusyboxImage(): void {
  if (docker(['image', 'inspect', BUSYBOX_IMAGE]).status === 0) return;
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => fs.existsSync(p));
  if (busybox === undefined) throw new Error('busybox is not installed (apt-get install busybox-static)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-busybox-'));
  fs.copyFileSync(busybox, path.join(dir, 'busybox'));
  fs.chmodSync(path.join(dir, 'busybox'), 0o755);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n');
  const result = docker(buildCommand(['--network', 'none', '-q', '-t', BUSYBOX_IMAGE, dir]));
  fs.rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`building ${BUSYBOX_IMAGE} failed: ${result.stderr}`);
}

/** Builds a Dockerfile given as text in an empty context and returns the image id. */
export function buildImage(dockerfile: string, tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-build-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    const result = docker(buildCommand(['--network', 'none', '-q', '-t', tag, dir]));
    if (result.status !== 0) throw new Error(`docker build failed:\n${dockerfile}\n${result.stderr}`);
    return result.stdout.trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function inspectJson<T>(args: readonly string[]): T {
  const result = docker(args);
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export function requireEngineInCi(): boolean {
  return process.env['STAGECRAFT_REQUIRE_ENGINE'] === '1';
}

/**
 * For a describe() that needs the engine: true when it is there; otherwise registers one test that is skipped
 * with the reason — or fails, where CI requires the engine — and returns false.
 */
export async function engineForSuite(): Promise<boolean> {
  const engine = await ensureEngine();
  if (engine.ok) return true;
  if (requireEngineInCi()) it('needs a Docker engine', () => assert.fail(engine.reason));
  else it('is skipped: no Docker engine here', { skip: engine.reason }, () => undefined);
  return false;
}
