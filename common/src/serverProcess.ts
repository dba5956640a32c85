/**
 * Node options the language server process is started with, by the VS Code client and by `npm run bench`
 * (which measures the server as the extension runs it). An 8 MB semi-space: Node's default lets the young
 * generation grow to 2 × 16 MB, which a server that keeps models reaches within its first few hundred files
 * and never gives back (the corpus in the bench: RSS 125 → 95 MB, 20k-line keystrokes about 2 ms slower).
 * VS Code's own runtime (Electron, with pointer compression) defaults to this size already.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8'];
