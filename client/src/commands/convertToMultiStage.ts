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
  await vscode.workspace.openTextDocument(target);
  const result = await client.sendRequest(ExecuteCommandRequest.type, {
    command: 'stagecraft.server.convertToMultiStage',
    arguments: [target.toString()],
  }) as { applied?: boolean; reason?: string } | null;
  if (result?.applied !== true) {
    void vscode.window.showInformationMessage(result?.reason ?? vscode.l10n.t('The Dockerfile was not converted.'));
  }
}

export async function openDocument(uri: string): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preview: false });
}
