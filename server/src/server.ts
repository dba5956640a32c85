import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_NAME } from '../../common/src/protocol';
import { ruleOptionsForUri } from './config/ruleOptions';
import { ModelCache } from './documents/modelCache';
import { DiagnosticsScheduler } from './features/diagnostics';
import { quickFixes } from './features/codeActions';
import { hover } from './features/hover';
import { codeLenses } from './features/codeLens';
import { dockerfileInfo } from './features/dockerfileInfo';
import type { DockerfileInfoParams } from '../../common/src/protocol';
import { DOCKERFILE_INFO_REQUEST } from '../../common/src/protocol';
import { CONVERT_COMMAND, conversionEdit, multiStageActions } from './features/multiStageActions';
import { DEFAULT_SERVER_SETTINGS, parseSettings } from './settings';
import type { ServerSettings } from './settings';
import { STAGECRAFT_VERSION } from './version';

/**
 * Wires one LSP connection to the features. No logic lives here: every request reads the shared model cache.
 * Nothing in the server writes to stdout, which is the LSP channel under `--stdio`; logs go to the client.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new ModelCache(ruleOptionsForUri);
  const diagnostics = new DiagnosticsScheduler(connection, cache, (uri) => documents.get(uri));
  let pullsConfiguration = false;
  let supportsCreateFile = false;
  let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    supportsCreateFile = params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true;
    const initial = params.initializationOptions as { settings?: unknown } | undefined;
    applySettings(initial?.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        executeCommandProvider: { commands: [CONVERT_COMMAND] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: SERVER_NAME, version: STAGECRAFT_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (pullsConfiguration) diagnostics.waitFor(refreshSettings());
  });

  connection.onDidChangeConfiguration((change) => {
    if (pullsConfiguration) {
      diagnostics.waitFor(refreshSettings());
    } else if (applySettings((change.settings as Record<string, unknown> | null)?.['stagecraft'])) {
      recheckAll();
    }
  });

  let appliedSettings = '';
  /** Returns whether anything changed, so unchanged settings do not re-publish every document. */
  function applySettings(raw: unknown): boolean {
    const parsed = parseSettings(raw);
    const key = JSON.stringify(parsed);
    if (key === appliedSettings) return false;
    appliedSettings = key;
    settings = parsed;
    diagnostics.setDelay(settings.diagnosticsDelayMs);
    cache.setRuleOptions(settings.rules);
    return true;
  }

  async function refreshSettings(): Promise<void> {
    let changed = false;
    try {
      changed = applySettings(await connection.workspace.getConfiguration('stagecraft'));
    } catch (error) {
      connection.console.warn(`Stagecraft could not read its settings: ${String(error)}`);
    }
    if (changed) recheckAll();
  }

  function recheckAll(): void {
    for (const document of documents.all()) diagnostics.schedule(document.uri, true);
  }

  documents.onDidOpen((event) => diagnostics.schedule(event.document.uri, true));
  documents.onDidChangeContent((event) => {
    if (event.document.version > 1) diagnostics.schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    cache.forget(event.document.uri);
    diagnostics.clear(event.document.uri);
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) return [];
    return [...quickFixes(cache, document, params), ...multiStageActions(cache.model(document), params, settings.multiStage, supportsCreateFile)];
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== CONVERT_COMMAND) return undefined;
    const uri = params.arguments?.[0];
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (document === undefined) return { applied: false, reason: 'Open the Dockerfile in an editor first.' };
    const result = conversionEdit(cache.model(document), settings.multiStage);
    if ('reason' in result) return { applied: false, reason: result.reason };
    const applied = await connection.workspace.applyEdit({ label: 'Convert to multi-stage build', edit: result.edit });
    return { applied: applied.applied, reason: applied.failureReason };
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    return document === undefined ? null : hover(cache.model(document), cache.problems(document), params.position);
  });

  connection.onCodeLens((params) => {
    const document = documents.get(params.textDocument.uri);
    return document === undefined ? [] : codeLenses(cache.model(document));
  });

  connection.onRequest(DOCKERFILE_INFO_REQUEST, (params: DockerfileInfoParams) => {
    const document = documents.get(params.uri);
    return document === undefined ? null : dockerfileInfo(cache.model(document));
  });

  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  connection.listen();
}
