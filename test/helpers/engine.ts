import assert from 'node:assert/strict';
import { it } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withProcessLock } from './processLock';

/**
 * A real Docker engine for tests: started here if it is installed but not running (as `.ci/run` arranges),
 * with base images made locally, since nothing can be pulled. Every call spawns `docker` with an argv array.
 */

export const BUSYBOX_IMAGE = 'stagecraft-test/busybox:1';

export interface DockerResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function docker(args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): DockerResult {
  const result = spawnSync('docker', args, {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '0', ...options.env },
    timeout: options.timeoutMs ?? 120_000,
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
  const result = docker(['build', '--network', 'none', '-q', '-t', BUSYBOX_IMAGE, dir]);
  fs.rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`building ${BUSYBOX_IMAGE} failed: ${result.stderr}`);
}

/** Builds a Dockerfile given as text in an empty context and returns the image id. */
export function buildImage(dockerfile: string, tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-build-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    const result = docker(['build', '--network', 'none', '-q', '-t', tag, dir]);
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
