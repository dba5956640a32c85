/** The versions of the runtime the client runs in (`process.versions`): Electron's add `electron`. */
export type RuntimeVersions = Readonly<Record<string, string | undefined>>;

/** V8 helper threads Node starts when not told otherwise. */
const NODE_DEFAULT_POOL_SIZE = 4;

/**
 * Node options the language server process is started with, by the VS Code client and by `npm run bench`
 * (which measures the server as the extension runs it).
 *
 * An 8 MB semi-space: Node's default lets the young generation grow to 2 × 16 MB, which a server that keeps
 * models reaches within its first few hundred files and never gives back (the corpus in the bench: RSS
 * 125 → 95 MB, 20k-line keystrokes about 2 ms slower). VS Code's own runtime (Electron, with pointer
 * compression) defaults to this size already.
 *
 * Under plain Node (VS Code Server, remote hosts, code-server, the bench), one V8 helper thread per core beyond
 * the first, at least one and at most Node's default of four. On two cores Node's four competed with the server's
 * own thread and with the editor beside it: over five alternating runs (one helper against four), opening a
 * 5,000-line file took 290 → 197 ms, p95 over the corpus 13.8 → 10.9 ms, a 1,000-line file 39 → 31 ms. Not
 * Node's own `--v8-pool-size=0` (cores − 1, unbounded): on a 64-core remote host, or in a container limited to a
 * few of them, that is 63 threads for one language server. Electron builds its platform with a thread count of
 * its own and may not take Node's pool option, so under Electron it is not passed.
 */
export function serverExecArgv(runtime: RuntimeVersions, parallelism: number): string[] {
  const everywhere = ['--max-semi-space-size=8'];
  if (runtime['electron'] !== undefined) return everywhere;
  const helpers = Math.min(NODE_DEFAULT_POOL_SIZE, Math.max(1, Math.floor(parallelism) - 1));
  return [...everywhere, `--v8-pool-size=${helpers}`];
}
