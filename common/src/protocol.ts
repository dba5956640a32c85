/** Names shared by the client, the server and the CLI. */
export const LANGUAGE_ID = 'dockerfile';
export const DIAGNOSTIC_SOURCE = 'stagecraft';
export const SERVER_NAME = 'Stagecraft Language Server';

export const REPOSITORY_URL = 'https://github.com/stagecraft-dev/stagecraft';

/** Where a rule's documentation page (`docs/rules/<id>.md`) is published. */
export function ruleDocumentationUrl(ruleId: string): string {
  // ShellCheck's codes are documented on its wiki; how Stagecraft runs it (and its own ShellCheck* notes) here.
  if (/^SC\d+$/.test(ruleId)) return `https://www.shellcheck.net/wiki/${ruleId}`;
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId.startsWith('ShellCheck') ? 'ShellCheck' : ruleId}.md`;
}

/** What the client sends in `initialize`: its settings, and the translation bundle of VS Code's display language. */
/**
 * The container CLI the server may ask for base images' configs (`image inspect`, never a pull): sent only for
 * a trusted workspace with `stagecraft.engine.readBaseImages` on; absent, the server reads nothing.
 */
export interface BaseImageEngine {
  readonly executable: string;
}

/** Notification from the client when trust or the engine settings change; `engine` absent turns reading off. */
export const BASE_IMAGE_ENGINE_NOTIFICATION = 'stagecraft/baseImageEngine';

export interface BaseImageEngineParams {
  readonly engine?: BaseImageEngine | undefined;
}

/**
 * The ShellCheck the server may run on RUN scripts: `executable` absent turns it off (an untrusted workspace,
 * or `stagecraft.shellcheck.enable` off). A client that sends nothing gets `shellcheck` from PATH.
 */
export interface ShellCheckParams {
  readonly executable?: string | undefined;
}

export const SHELLCHECK_NOTIFICATION = 'stagecraft/shellCheck';

export interface InitializationOptions {
  readonly settings?: unknown;
  readonly baseImageEngine?: BaseImageEngine | undefined;
  readonly shellCheck?: ShellCheckParams | undefined;
  /** `vscode.l10n.bundle`: absent for English; other editors may send their own bundle of the same shape. */
  readonly l10nBundle?: Readonly<Record<string, string>>;
}

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint';
export type RuleSeveritySetting = RuleSeverity | 'off';

/** Custom request: what the client's commands need to know about a Dockerfile (the client never parses one). */
export const DOCKERFILE_INFO_REQUEST = 'stagecraft/dockerfileInfo';

export interface DockerfileInfoParams {
  readonly uri: string;
}

export interface DockerfileInfo {
  readonly stages: readonly { readonly index: number; readonly name: string | null; readonly base: string; readonly line: number }[];
  readonly args: readonly { readonly name: string; readonly defaultValue: string | null }[];
  /** 0-based start line of each instruction, in order: the classic builder's "Step N" is instruction N. */
  readonly instructionLines: readonly number[];
  readonly final: {
    readonly volumes: readonly string[];
    readonly workdir: string | null;
    readonly exposedPorts: readonly string[];
    /** The CMD of the final stage when known (what run arguments replace). */
    readonly cmd: readonly string[] | null;
  } | null;
}

/** Client commands the server's code lenses call. */
export const BUILD_IMAGE_COMMAND = 'stagecraft.buildImage';
export const RUN_WITH_VOLUME_COMMAND = 'stagecraft.runWithVolume';

/**
 * Custom request: what the server holds in memory, for the load test and the benchmark (documents the
 * client has open, models kept for them, heap in use).
 */
export const SERVER_STATS_REQUEST = 'stagecraft/serverStats';

export interface ServerStats {
  readonly openDocuments: number;
  readonly cachedModels: number;
  readonly heapUsedMB: number;
}
