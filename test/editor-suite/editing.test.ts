import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually } from './helpers';

const TEXT = [
  'ARG GO=1.22',
  'FROM golang:${GO} AS build',
  'RUN go build -o /out/app',
  'FROM alpine:3.20',
  'copy --from=build /out/app /app',
  'RUN --',
  '',
].join('\n');

/** The editing features reach VS Code through the client: each asked for through VS Code's own commands. */
describe('editing intelligence in a real VS Code', () => {
  let document: vscode.TextDocument;
  before(async () => {
    document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: TEXT });
    await vscode.window.showTextDocument(document);
  });

  it('completes flags, with the server\'s snippets', async () => {
    const list = await eventually('completion', async () => {
      const found = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(5, 6));
      return found.items.some((i) => i.label === '--mount') ? found : undefined;
    });
    const mount = list.items.find((i) => i.label === '--mount');
    assert.ok(mount?.insertText instanceof vscode.SnippetString, 'a snippet');
    assert.equal(mount.insertText.value, '--mount=type=${1|cache,bind,tmpfs,secret,ssh|},target=${2:/root/.cache}');
  });

  it('outline, definition, rename, folding and signature help', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(symbols.map((s) => s.name), ['ARG', 'build', 'stage 1']);
    const definition = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, new vscode.Position(4, 14));
    const target = definition[0];
    assert.ok(target !== undefined);
    assert.deepEqual('range' in target ? [target.range.start.line, target.range.start.character] : [], [1, 21]);
    const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, new vscode.Position(4, 14), 'compile');
    assert.equal(rename.get(document.uri).length, 2);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    assert.deepEqual(folds.map((f) => [f.start, f.end]), [[1, 2], [3, 5]]);
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', document.uri, new vscode.Position(2, 8));
    assert.match(help.signatures[help.activeSignature]?.label ?? '', /^RUN .* <command>$/);
  });

  it('formats, and formatting again changes nothing', async () => {
    const options = { tabSize: 4, insertSpaces: true };
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, options);
    assert.deepEqual(edits.map((e) => e.newText), ['COPY']);
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const again = await eventually('the formatted version', async () => {
      // VS Code answers `undefined` rather than an empty list when there is nothing to change.
      const found = (await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', document.uri, options)) ?? [];
      return found.length === 0 ? found : undefined;
    }, 5_000);
    assert.deepEqual(again, []);
  });

  it('semantic tokens with the server\'s legend, inlay hints and document links', async () => {
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
    assert.ok(legend.tokenTypes.includes('keyword') && legend.tokenModifiers.includes('declaration'));
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, 6, 0));
    assert.deepEqual(hints.map((h) => String(h.label)), ['= 1.22', '#0']);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    assert.deepEqual(links.map((l) => l.target?.toString()), ['https://hub.docker.com/_/golang', 'https://hub.docker.com/_/alpine']);
  });
});
