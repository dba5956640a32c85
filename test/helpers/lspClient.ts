import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams, Diagnostic, InitializeResult, PublishDiagnosticsParams, TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { DIST } from './paths';
import { tempDir } from './tempDir';

export interface StartOptions {
  /** A workspace folder (file URI) the server may scan. */
  readonly rootUri?: string;
  readonly snippets?: boolean;
  /** Sent as `initializationOptions.l10nBundle`, as the VS Code client does for a non-English display language. */
  readonly l10nBundle?: Readonly<Record<string, string>>;
  /** Where dist/server.js keeps its code cache (by default a folder shared by this test file's servers). */
  readonly codeCache?: string;
  /** Sent as `initializationOptions.baseImageEngine`, as the VS Code client does in a trusted workspace. */
  readonly baseImageEngine?: { readonly executable: string };
  /**
   * Sent as `initializationOptions.shellCheck`. Absent here, ShellCheck is off (`{}`), so the other suites see
   * Stagecraft's own diagnostics in one publish; the ShellCheck suites pass `{ executable: 'shellcheck' }`.
   */
  readonly shellCheck?: { readonly executable?: string };
  /** Extra environment for the server process (DOCKER_HOST...). */
  readonly env?: NodeJS.ProcessEnv;
}

let codeCache: string | undefined;

/**
 * Drives the real, bundled server process over stdio, the way Neovim or Helix would: no mocked protocol.
 */
export class LspTestClient {
  readonly connection: MessageConnection;
  readonly stderr: string[] = [];
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();

  private constructor(readonly process: ChildProcessWithoutNullStreams) {
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout), new StreamMessageWriter(process.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/configuration', () => [this.settings]);
    this.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(params);
      return { applied: true };
    });
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    process.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection.listen();
  }

  settings: unknown = {};
  /** What the server registered dynamically (client/registerCapability). */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** Edits the server asked the client to apply (workspace/applyEdit). */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];

  /** `entry`: `server` runs dist/server.js --stdio; `cli` runs dist/cli.js lsp --stdio. */
  static async start(entry: 'server' | 'cli' = 'server', settings: unknown = { diagnostics: { delayMs: 0 } }, options: StartOptions = {}): Promise<LspTestClient> {
    const args = entry === 'server' ? [path.join(DIST, 'server.js'), '--stdio'] : [path.join(DIST, 'cli.js'), 'lsp', '--stdio'];
    // The servers of one test file share a code cache (dist/server.js keeps its compiled code there), removed at exit.
    codeCache ??= tempDir('stagecraft-code-cache-');
    const child = spawn(process.execPath, args, { stdio: 'pipe', env: { ...process.env, ...options.env, STAGECRAFT_CACHE_DIR: options.codeCache ?? codeCache } });
    const client = new LspTestClient(child);
    client.settings = settings;
    await client.initialize(options);
    return client;
  }

  initializeResult: InitializeResult | undefined;

  private async initialize(options: StartOptions): Promise<void> {
    this.initializeResult = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: options.snippets === true } },
        },
      },
      initializationOptions: { settings: this.settings, ...(options.l10nBundle ? { l10nBundle: options.l10nBundle } : {}), ...(options.baseImageEngine ? { baseImageEngine: options.baseImageEngine } : {}), shellCheck: options.shellCheck ?? {} },
    });
    await this.connection.sendNotification('initialized', {});
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Sends a request and returns its result typed as the caller expects (the tests assert its shape). */
  async request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the first diagnostics published for `uri` (at `version`, when given) within the timeout. */
  async diagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return this.firstPublished((p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs, `no diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`);
  }

  /** Resolves with the first diagnostics published for `uri` at `version` that `accept` takes (a later publish of the same version). */
  async diagnosticsWhere(uri: string, version: number, accept: (diagnostics: readonly Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<Diagnostic[]> {
    return this.firstPublished((p) => p.uri === uri && p.version === version && accept(p.diagnostics), timeoutMs,
      `no matching diagnostics for ${uri} v${version} (published: ${JSON.stringify(this.publishedFor(uri).map((p) => [p.version, p.diagnostics.map((d) => d.code)]))})`);
  }

  private async firstPublished(match: (published: PublishDiagnosticsParams) => boolean, timeoutMs: number, failure: string): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published.find(match);
      if (found !== undefined) return found.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`${failure} within ${timeoutMs} ms; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
