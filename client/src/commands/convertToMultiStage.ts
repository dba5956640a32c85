import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';

/** The server does the work (one WorkspaceEdit, one undo); this only picks the document and reports. */
export async function convertToMultiStage(client: LanguageClient, uri?: vscode.Uri): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (target === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Dockerfile to convert it to a multi-stage build.'));
    return;
  }
  const document = await vscode.workspace.openTextDocument(target);
  const before = document.getText();
  const result = await client.sendRequest(ExecuteCommandRequest.type, {
    command: 'stagecraft.server.convertToMultiStage',
    arguments: [target.toString()],
  }) as { applied?: boolean; reason?: string } | null;
  if (result?.applied !== true) {
    void vscode.window.showInformationMessage(result?.reason ?? vscode.l10n.t('The Dockerfile was not converted.'));
    return;
  }
  // Offered at once (not awaited: the command is done when the edit is): the original now exists only as the
  // text before the edit.
  if (target.scheme !== 'file') return;
  const converted = document.getText();
  const verify = vscode.l10n.t('Verify on the engine');
  void vscode.window.showInformationMessage(vscode.l10n.t('Converted to a multi-stage build. Build and run both versions to check the image behaves the same?'), verify).then(async (answer) => {
    if (answer === verify) await vscode.commands.executeCommand('stagecraft.verifyConversion', { uri: target.toString(), originalText: before, convertedText: converted, interactive: false });
  });
}

export async function openDocument(uri: string): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preview: false });
}
