import type { EngineConfig } from './runner';
import { runEngine } from './runner';
import { isObject } from './parse';

/** A BuildKit builder as `docker buildx ls --format json` lists it. */
export interface BuildxBuilder {
  readonly name: string;
  /** `docker`, `docker-container`, `kubernetes`, `remote`. */
  readonly driver: string;
  readonly current: boolean;
}

/** One JSON object per line; lines that are not a builder are left out. */
export function parseBuildxList(stdout: string): BuildxBuilder[] {
  const builders: BuildxBuilder[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isObject(parsed) || typeof parsed['Name'] !== 'string') continue;
    builders.push({ name: parsed['Name'], driver: typeof parsed['Driver'] === 'string' ? parsed['Driver'] : '', current: parsed['Current'] === true });
  }
  return builders;
}

const PROBE_TIMEOUT_MS = 15_000;

/**
 * The builders buildx offers on this engine, or undefined when there is no buildx (podman, an old docker CLI,
 * no plugin) or it does not answer in time: then Build Image uses `docker build`.
 */
export async function buildxBuilders(engine: EngineConfig): Promise<BuildxBuilder[] | undefined> {
  if (/podman/.test(engine.executable)) return undefined;
  try {
    const listed = await runEngine(engine, ['buildx', 'ls', '--format', 'json'], { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return parseBuildxList(listed.stdout);
  } catch {
    // buildx older than --format json still builds: a current builder, unnamed.
    try {
      await runEngine(engine, ['buildx', 'version'], { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      return [];
    } catch {
      return undefined;
    }
  }
}
