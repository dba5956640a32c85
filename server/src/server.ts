import { l10n } from './locale/l10n';
import type { Connection, FormattingOptions, InitializeParams, InitializeResult, Position, Range, TextDocumentIdentifier } from 'vscode-languageserver';
import { DidChangeWatchedFilesNotification, ErrorCodes, ResponseError, TextDocumentSyncKind, TextDocuments } from './lsp';
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
import { BASE_IMAGE_ENGINE_NOTIFICATION, DOCKERFILE_INFO_REQUEST, SERVER_STATS_REQUEST, SHELLCHECK_NOTIFICATION } from '../../common/src/protocol';
import type { BaseImageEngineParams, InitializationOptions, ServerStats, ShellCheckParams } from '../../common/src/protocol';
import { ShellCheckService } from './shellcheck/service';
import { isL10nBundle, useL10nBundle } from './locale/bundle';
import { CONVERT_COMMAND, conversionEdit, multiStageActions } from './features/multiStageActions';
import { DEFAULT_SERVER_SETTINGS, parseSettings } from './settings';
import type { ServerSettings } from './settings';
import { STAGECRAFT_VERSION } from './version';
import { completion } from './features/completion';
import { signatureHelp } from './features/signatureHelp';
import { definition, documentHighlights, references } from './features/navigation/navigation';
import { prepareRename, rename } from './features/navigation/rename';
import { documentSymbols } from './features/outline/documentSymbols';
import { foldingRanges } from './features/outline/folding';
import { selectionRanges } from './features/outline/selectionRanges';
import { formatDocument } from './features/formatting/format';
import { formatOnType } from './features/formatting/onType';
import { LEGEND, SemanticTokensProvider } from './features/semanticTokens';
import { documentLinks } from './features/documentLinks';
import { inlayHints } from './features/inlayHints';
import { contextForUri } from './buildContext/contextOnDisk';
import { DOCKERFILE_GLOB, WorkspaceImages } from './workspace/imageIndex';
import { BaseImages } from './workspace/baseImages';
import { fileURLToPath } from 'node:url';

/**
 * Wires one LSP connection to the features. No logic lives here: every request reads the shared model cache.
 * Nothing in the server writes to stdout, which is the LSP channel under `--stdio`; logs go to the client.
 */
const DEFAULT_FORMATTING: FormattingOptions = { tabSize: 4, insertSpaces: true };

/** The engine the client allows (validated: an executable name or path, nothing else). */
function engineOf(raw: unknown): { executable: string } | undefined {
  const executable = executableOf(raw);
  return executable === undefined ? undefined : { executable };
}

/** The executable a client's `{ executable }` names (a name or path, nothing else); undefined when none. */
function executableOf(raw: unknown): string | undefined {
  const executable = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['executable'] : undefined;
  return typeof executable === 'string' && executable.trim() !== '' ? executable : undefined;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new ModelCache(ruleOptionsForUri);
  const diagnostics = new DiagnosticsScheduler(connection, cache, (uri) => documents.get(uri));
  let pullsConfiguration = false;
  let supportsCreateFile = false;
  let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  let snippetSupport = false;
  let watchesFiles = false;
  let workspaceFolders: string[] = [];
  const semanticTokens = new SemanticTokensProvider();
  const workspaceImages = new WorkspaceImages((uri) => documents.get(uri) !== undefined);
  // Base images' real configs from the engine the client allows; a change checks the documents again.
  const baseImages = new BaseImages(() => recheckAll(), (line) => connection.console.log(`Stagecraft: ${line}`));
  cache.setBaseImages(baseImages);
  // ShellCheck on RUN scripts, as the client allows (trusted workspace, setting on); its results follow ours.
  const shellCheck = new ShellCheckService((line) => connection.console.warn(`Stagecraft: ${line}`));
  cache.setShellCheck(shellCheck);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    supportsCreateFile = params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true;
    snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    watchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFolders = (params.workspaceFolders ?? (params.rootUri === null ? [] : [{ uri: params.rootUri, name: '' }]))
      .filter((folder) => folder.uri.startsWith('file:'))
      .map((folder) => fileURLToPath(folder.uri));
    const initial = params.initializationOptions as InitializationOptions | undefined;
    // Without one the language stays as the process started (the CLI's `lsp` reads it from the locale).
    if (isL10nBundle(initial?.l10nBundle)) useL10nBundle(initial.l10nBundle);
    applySettings(initial?.settings);
    baseImages.setEngine(engineOf(initial?.baseImageEngine));
    shellCheck.configure(initial?.shellCheck === undefined ? 'shellcheck' : executableOf(initial.shellCheck));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        executeCommandProvider: { commands: [CONVERT_COMMAND] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['-', '=', '$', '{', ',', '/', ' '] },
        signatureHelpProvider: { triggerCharacters: [' ', ','], retriggerCharacters: ['='] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'Dockerfile' },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
        semanticTokensProvider: { legend: LEGEND, full: { delta: true }, range: true },
        documentLinkProvider: { resolveProvider: false },
        inlayHintProvider: true,
      },
      serverInfo: { name: SERVER_NAME, version: STAGECRAFT_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (pullsConfiguration) diagnostics.waitFor(refreshSettings());
    // Base images used across the workspace, for FROM completion; off the typing path and bounded.
    setTimeout(() => {
      workspaceImages.scan(workspaceFolders).catch((error: unknown) => connection.console.warn(`Stagecraft could not scan the workspace: ${String(error)}`));
    }, 500);
    // Dockerfiles created, changed or deleted on disk keep those images current.
    if (watchesFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: DOCKERFILE_GLOB }] })
        .catch((error: unknown) => connection.console.warn(`Stagecraft could not watch the workspace's Dockerfiles: ${String(error)}`));
    }
  });

  connection.onNotification(SHELLCHECK_NOTIFICATION, (params: ShellCheckParams) => {
    shellCheck.configure(executableOf(params));
    recheckAll();
  });

  connection.onNotification(BASE_IMAGE_ENGINE_NOTIFICATION, (params: BaseImageEngineParams) => {
    baseImages.setEngine(engineOf(params.engine));
    recheckAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    // An open document speaks for itself until it is closed (refresh leaves it alone).
    for (const change of changes) void workspaceImages.refresh(change.uri);
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

  documents.onDidOpen((event) => {
    diagnostics.schedule(event.document.uri, true);
    workspaceImages.record(cache.model(event.document));
  });
  documents.onDidChangeContent((event) => {
    if (event.document.version > 1) diagnostics.schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    semanticTokens.forget(event.document.uri);
    cache.forget(event.document.uri);
    diagnostics.clear(event.document.uri);
    // What it said may not have been saved: the file on disk (or its absence) counts from now on.
    void workspaceImages.refresh(event.document.uri);
  });

  connection.onCodeAction((params) => {
    const document = documentOf(params.textDocument);
    rangeOf(params.range);
    return [...quickFixes(cache, document, params), ...multiStageActions(cache.model(document), params, settings.multiStage, supportsCreateFile)];
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== CONVERT_COMMAND) return undefined;
    const uri = params.arguments?.[0];
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (document === undefined) return { applied: false, reason: l10n.t('Open the Dockerfile in an editor first.') };
    const result = conversionEdit(cache.model(document), settings.multiStage);
    if ('reason' in result) return { applied: false, reason: result.reason };
    const applied = await connection.workspace.applyEdit({ label: l10n.t('Convert to multi-stage build'), edit: result.edit });
    return { applied: applied.applied, reason: applied.failureReason };
  });

  connection.onHover((params) => {
    const document = documentOf(params.textDocument);
    return hover(cache.model(document), cache.problems(document), positionOf(params.position), baseImages.enabled ? (image) => baseImages.command(image) : undefined);
  });

  connection.onCodeLens((params) => codeLenses(modelOf(params.textDocument)));

  /** An open document, or an LSP error for malformed params or a document never opened (or closed since). */
  function documentOf(textDocument: TextDocumentIdentifier | undefined): TextDocument {
    const uri: unknown = textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, l10n.t('textDocument.uri is missing.'));
    const document = documents.get(uri);
    if (document === undefined) throw new ResponseError(ErrorCodes.InvalidParams, l10n.t`${uri} is not open in the server.`);
    return document;
  }

  function modelOf(textDocument: TextDocumentIdentifier | undefined) {
    return cache.model(documentOf(textDocument));
  }

  /** A position a feature can use: non-negative whole numbers (past the end of a line or file is fine). */
  function positionOf(position: Position | undefined): Position {
    const valid = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;
    if (position === undefined || !valid(position.line) || !valid(position.character)) {
      throw new ResponseError(ErrorCodes.InvalidParams, l10n.t('position must have non-negative integer line and character.'));
    }
    return position;
  }

  function rangeOf(range: Range | undefined): Range {
    if (range === undefined) throw new ResponseError(ErrorCodes.InvalidParams, l10n.t('range is missing.'));
    return { start: positionOf(range.start), end: positionOf(range.end) };
  }

  connection.onRequest(SERVER_STATS_REQUEST, (): ServerStats => ({
    openDocuments: documents.all().length,
    cachedModels: cache.size,
    heapUsedMB: process.memoryUsage().heapUsed / 1e6,
  }));

  connection.onCompletion((params) => {
    const model = modelOf(params.textDocument);
    return completion(model, positionOf(params.position), {
      snippets: snippetSupport,
      buildContext: contextForUri(model.uri),
      workspaceImages: workspaceImages.images(),
    });
  });
  connection.onSignatureHelp((params) => signatureHelp(modelOf(params.textDocument), positionOf(params.position)));
  connection.onDefinition((params) => definition(modelOf(params.textDocument), positionOf(params.position)));
  connection.onReferences((params) => references(modelOf(params.textDocument), positionOf(params.position), params.context?.includeDeclaration !== false));
  connection.onDocumentHighlight((params) => documentHighlights(modelOf(params.textDocument), positionOf(params.position)));
  connection.onPrepareRename((params) => {
    const result = prepareRename(modelOf(params.textDocument), positionOf(params.position));
    if ('ok' in result) throw new ResponseError(-32803, result.ok ? l10n.t('Cannot rename here.') : result.reason);
    return result;
  });
  connection.onRenameRequest((params) => {
    const result = rename(modelOf(params.textDocument), positionOf(params.position), String(params.newName));
    if ('reason' in result) throw new ResponseError(-32803, result.reason);
    return result;
  });
  connection.onDocumentSymbol((params) => documentSymbols(modelOf(params.textDocument)));
  connection.onFoldingRanges((params) => foldingRanges(modelOf(params.textDocument)));
  connection.onSelectionRanges((params) => selectionRanges(modelOf(params.textDocument), (params.positions ?? []).map(positionOf)));
  connection.onDocumentFormatting((params) => formatDocument(modelOf(params.textDocument), params.options ?? DEFAULT_FORMATTING, settings.format));
  connection.onDocumentRangeFormatting((params) => formatDocument(modelOf(params.textDocument), params.options ?? DEFAULT_FORMATTING, settings.format, rangeOf(params.range)));
  connection.onDocumentOnTypeFormatting((params) => formatOnType(modelOf(params.textDocument), positionOf(params.position), params.ch, params.options ?? DEFAULT_FORMATTING));
  connection.languages.semanticTokens.on((params) => semanticTokens.full(modelOf(params.textDocument)));
  connection.languages.semanticTokens.onDelta((params) => semanticTokens.delta(modelOf(params.textDocument), params.previousResultId));
  connection.languages.semanticTokens.onRange((params) => semanticTokens.range(modelOf(params.textDocument), rangeOf(params.range)));
  connection.onDocumentLinks((params) => documentLinks(modelOf(params.textDocument)));
  connection.languages.inlayHint.on((params) => inlayHints(modelOf(params.textDocument), rangeOf(params.range)));

  connection.onRequest(DOCKERFILE_INFO_REQUEST, (params: DockerfileInfoParams) => {
    const document = documents.get(params.uri);
    return document === undefined ? null : dockerfileInfo(cache.model(document));
  });

  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  connection.listen();
}
