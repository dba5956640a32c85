import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { baseImageEngineConfig, shellCheckConfig } from './engineSettings';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, TransportKind } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../common/src/protocol';
import { LANGUAGE_ID, SERVER_NAME } from '../../common/src/protocol';
import { serverExecArgv } from '../../common/src/serverProcess';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Starts the bundled server over IPC. A missing bundle is reported plainly instead of as a stack trace, and a
 * server that crashes is restarted a few times, with one message to the user, before giving up.
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  if (!fs.existsSync(serverModule)) {
    throw new Error(vscode.l10n.t('The Stagecraft language server is missing at {0}. Reinstall the extension, or run `npm run build` in a development checkout.', serverModule));
  }
  // The server keeps its compiled code in the extension's storage (dist/server.js runs the bundle from it).
  const env = { STAGECRAFT_CACHE_DIR: vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath };
  const execArgv = serverExecArgv(process.versions, os.availableParallelism());
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv, env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6010'], env } },
  };
  const baseImageEngine = baseImageEngineConfig();
  const initializationOptions: InitializationOptions = {
    settings: vscode.workspace.getConfiguration('stagecraft'),
    ...(baseImageEngine === undefined ? {} : { baseImageEngine }),
    shellCheck: shellCheckConfig(),
    // The server's findings, hovers and titles share the extension's bundle (l10n/bundle.l10n.<language>.json).
    ...(vscode.l10n.bundle === undefined ? {} : { l10nBundle: vscode.l10n.bundle }),
  };
  const restarts: number[] = [];
  let toldUser = false;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions,
    synchronize: { configurationSection: 'stagecraft' },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && (restarts[0] ?? now) < now - RESTART_WINDOW_MS) restarts.shift();
        if (restarts.length > MAX_RESTARTS) {
          void vscode.window.showErrorMessage(vscode.l10n.t('The Stagecraft language server stopped {0} times in 3 minutes and will not be restarted. See the "Stagecraft" output for details.', restarts.length));
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        if (!toldUser) {
          toldUser = true;
          void vscode.window.showWarningMessage(vscode.l10n.t('The Stagecraft language server stopped unexpectedly and was restarted.'));
        }
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  return new LanguageClient('stagecraft', SERVER_NAME, serverOptions, clientOptions);
}
