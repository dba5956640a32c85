import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { avatarCmdHover, eventually, open, stagecraftDiagnostics, workspaceFile } from './helpers';

const EXTENSION_ID = 'stagecraft.stagecraft';

describe('Stagecraft in a real VS Code', () => {
  it('activates for every Dockerfile file-name pattern', async () => {
    for (const name of ['Dockerfile', 'Dockerfile.dev', 'app.Dockerfile', 'web.dockerfile', 'Containerfile']) {
      const document = await open(name);
      assert.equal(document.languageId, 'dockerfile', name);
    }
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    await eventually('activation', () => extension.isActive);
  });

  it('shows Stagecraft diagnostics from the language server', async () => {
    const document = await open('broken.Dockerfile');
    const diagnostics = await eventually('diagnostics', () => {
      const found = stagecraftDiagnostics(document.uri);
      return found.length >= 4 ? found : undefined;
    });
    assert.deepEqual(diagnostics.map((d) => [typeof d.code === 'object' ? d.code.value : d.code, d.range.start.line]), [
      ['UnknownInstruction', 1], ['UnknownStageReference', 2], ['InvalidExposePort', 3], ['InvalidJsonForm', 4],
    ]);
    const first = diagnostics[0];
    assert.ok(first && typeof first.code === 'object' && first.code.target.toString().endsWith('/docs/rules/UnknownInstruction.md'));
  });

  it('explains ENTRYPOINT/CMD in the hover with the exact command', async () => {
    const { markdown: text } = await avatarCmdHover();
    assert.ok(text.includes('./bin/avatar ./test.jpg ./shared/test_out.jpg'), text);
  });

  it('offers "Convert to multi-stage build"; applying it gives the expected file, and undo restores the original', async () => {
    const document = await open('Dockerfile');
    const original = document.getText();
    const actions = await eventually('code actions', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.RefactorRewrite.value);
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(actions.map((a) => a.title), ['Convert to multi-stage build', 'Convert to multi-stage build into a new file (Dockerfile.prod)']);
    const edit = actions[0]?.edit;
    assert.ok(edit);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const expected = fs.readFileSync(path.join(workspaceFile('.').fsPath, 'expected-converted.Dockerfile'), 'utf8');
    assert.equal(document.getText(), expected);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await eventually('undo', () => document.getText() === original);
  });

  it('the Convert to Multi-Stage Build command converts the active Dockerfile', async () => {
    const document = await open('Dockerfile');
    const original = document.getText();
    await vscode.commands.executeCommand('stagecraft.convertToMultiStage', document.uri);
    await eventually('conversion', () => document.getText().includes('FROM alpine:3.20'));
    await vscode.commands.executeCommand('undo');
    await eventually('undo', () => document.getText() === original);
  });

  it('registers every contributed command', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('applies a rule severity setting without a reload', async () => {
    const document = await open('broken.Dockerfile');
    const severityOf = (): vscode.DiagnosticSeverity | undefined => stagecraftDiagnostics(document.uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'InvalidJsonForm')?.severity;
    await eventually('the default severity', () => severityOf() === vscode.DiagnosticSeverity.Warning);
    const config = vscode.workspace.getConfiguration('stagecraft');
    await config.update('rules', { InvalidJsonForm: 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      await eventually('the new severity', () => severityOf() === vscode.DiagnosticSeverity.Error);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
