import * as vscode from 'vscode';

/** Polls until `probe` returns a value (not undefined/false), failing with `what` after the timeout. */
export async function eventually<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error('the editor tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

export function stagecraftDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'stagecraft');
}

export function markdownOf(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/** The hover over the avatar Dockerfile's CMD, once the server answers with the command it runs. */
export async function avatarCmdHover(): Promise<{ readonly document: vscode.TextDocument; readonly markdown: string }> {
  const document = await open('Dockerfile');
  const cmdLine = document.getText().split('\n').findIndex((line) => line.startsWith('CMD'));
  const markdown = await eventually('hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(cmdLine, 1));
    const text = markdownOf(hovers);
    return text.includes('./bin/avatar') ? text : undefined;
  });
  return { document, markdown };
}
