import { spawn } from 'node:child_process';
import { endpointLabel } from '../engineEndpoint';

/** Which container CLI to run and how; `executable` is a name on PATH or an absolute path. */
export interface EngineConfig {
  readonly executable: string;
  /** Extra environment (DOCKER_HOST, DOCKER_CONTEXT...) on top of the inherited one. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type EngineProblem = 'not-installed' | 'daemon-not-running' | 'permission-denied' | 'cancelled' | 'failed';

/** A failure of the container CLI, classified so that the user is told what to do about it. */
export class EngineError extends Error {
  constructor(readonly problem: EngineProblem, message: string, readonly result?: RunResult) {
    super(message);
  }
}

export function classify(config: EngineConfig, result: RunResult): EngineError {
  const text = result.stderr;
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|connection refused.*(docker|podman)\.sock|unable to connect to Podman/i.test(text)) {
    return new EngineError('daemon-not-running', `The container engine is not running (${config.executable} could not reach it). Start Docker (or the Podman service) and try again.`, result);
  }
  if (/permission denied.*(docker\.sock|podman\.sock|daemon socket)/i.test(text)) {
    return new EngineError('permission-denied', `Permission denied on the container engine's socket. Add your user to the docker group (then log in again) or use rootless Podman.`, result);
  }
  return new EngineError('failed', `${config.executable} exited with code ${result.exitCode}: ${text.trim().split('\n').slice(-3).join(' ')}`, result);
}

export interface RunOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  readonly cwd?: string;
}

/** Runs the CLI with an argv array (never a shell), resolving with its output; rejects with an EngineError. */
export function runEngine(config: EngineConfig, argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new EngineError('cancelled', 'Cancelled.'));
      return;
    }
    const child = spawn(config.executable, argv, {
      env: { ...process.env, ...config.env },
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    const abort = (): void => {
      child.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onOutput?.(chunk, 'stdout');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onOutput?.(chunk, 'stderr');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', abort);
      reject(error.code === 'ENOENT'
        ? new EngineError('not-installed', `The container CLI \`${config.executable}\` was not found. Install Docker or Podman, or set stagecraft.engine.path to its executable.`)
        : new EngineError('failed', `Could not start ${config.executable}: ${error.message}`));
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', abort);
      const result = { exitCode: code ?? -1, stdout, stderr };
      if (options.signal?.aborted) reject(new EngineError('cancelled', 'Cancelled.', result));
      else if (code === 0) resolve(result);
      else reject(classify(config, result));
    });
  });
}

/** Which engine the CLI talks to, for the output: DOCKER_HOST, else the current docker context. */
export async function describeEndpoint(config: EngineConfig): Promise<string> {
  const host = config.env?.['DOCKER_HOST'] ?? process.env['DOCKER_HOST'];
  let context: string | undefined;
  if (!host && !/podman/.test(config.executable)) {
    try {
      context = (await runEngine(config, ['context', 'show'])).stdout.trim();
    } catch {
      context = undefined;
    }
  }
  return endpointLabel(config.executable, host, () => context);
}
