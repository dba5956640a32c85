import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { convertToMultiStage, openDocument } from './commands/convertToMultiStage';
import { createLanguageClient } from './languageClient';

let client: LanguageClient | undefined;

/** Wiring only: start the language client and register commands; features live in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Stagecraft', { log: true });
  context.subscriptions.push(output);
  try {
    client = createLanguageClient(context, output);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return;
  }
  context.subscriptions.push(
    vscode.commands.registerCommand('stagecraft.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('stagecraft.showServerLog', () => output.show(true)),
    vscode.commands.registerCommand('stagecraft.convertToMultiStage', async (uri?: vscode.Uri) => {
      if (client !== undefined) await convertToMultiStage(client, uri);
    }),
    vscode.commands.registerCommand('stagecraft.openDocument', (uri: string) => openDocument(uri)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
