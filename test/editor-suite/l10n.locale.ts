import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { avatarCmdHover, eventually, open, stagecraftDiagnostics } from './helpers';

/**
 * Run by runEditorTests in a second editor started with `--locale qps-ploc` (VS Code's pseudo-language) and an
 * extension copy whose l10n/bundle.l10n.qps-ploc.json brackets every message: text from the server that did not
 * go through the bundle VS Code hands the client shows up unbracketed.
 */
const isTranslated = (text: string): boolean => text.startsWith('⟦') && text.endsWith('⟧');

describe('Stagecraft in a VS Code whose display language is not English (pseudo-locale)', () => {
  it('VS Code runs in that language', () => {
    // (vscode.l10n here would be the test file's, not the extension's: the bundle shows in what the extension shows.)
    assert.equal(vscode.env.language, 'qps-ploc');
  });

  it('the language server\'s diagnostics come in that language', async () => {
    const document = await open('broken.Dockerfile');
    const diagnostics = await eventually('diagnostics', () => {
      const found = stagecraftDiagnostics(document.uri);
      return found.length >= 4 ? found : undefined;
    });
    assert.deepEqual(diagnostics.filter((d) => !isTranslated(d.message)).map((d) => d.message), []);
  });

  it('so do the ENTRYPOINT/CMD hover and the multi-stage refactoring', async () => {
    const { document, markdown } = await avatarCmdHover();
    assert.match(markdown, /⟦The container runs: /);
    const actions = await eventually('code actions', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.RefactorRewrite.value);
      return found.length > 0 ? found : undefined;
    });
    assert.ok(actions.some((action) => action.title === '⟦Convert to multi-stage build⟧'), actions.map((a) => a.title).join(', '));
  });
});
