import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentHighlight, Location, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits } from '../helpers/edits';
import { LspTestClient } from '../helpers/lspClient';
import { lines } from '../helpers/model';

/** A range as `line:start-end` (0-based line), the compact form these tables compare. */
const at = (range: Range): string => `${range.start.line}:${range.start.character}-${range.end.character}`;

const FILE = lines(
  'ARG GO=1.22', //                               0
  'ARG UNUSED', //                                1
  'FROM golang:${GO} AS build', //                2
  'ARG GO', //                                    3
  'ENV OUT=/out', //                              4
  'RUN go build -o $OUT/app && echo ${GO}', //    5
  'FROM build AS test', //                        6
  'RUN ls $OUT', //                               7
  'FROM alpine:3.20', //                          8
  'ENV OUT=/elsewhere', //                        9
  'COPY --from=build /out/app $OUT/', //          10
  'COPY --from=0 /out/app /app0', //              11
  'RUN --mount=type=bind,from=test,target=/t cat <<EOF', // 12
  'echo $GO', //                                  13
  'EOF', //                                       14
);

describe('definition, references, highlights and rename through the server', () => {
  let client: LspTestClient;
  const uri = 'file:///workspace/navigation/Dockerfile';
  before(async () => {
    client = await LspTestClient.start();
    await client.open(uri, FILE);
  });
  after(async () => {
    await client.stop();
  });

  const position = (line: number, character: number): unknown => ({ textDocument: { uri }, position: { line, character } });
  const refs = async (line: number, character: number, includeDeclaration = true): Promise<string[]> =>
    (await client.request<Location[]>('textDocument/references', { ...(position(line, character) as object), context: { includeDeclaration } })).map((l) => at(l.range));

  it('a global ARG, its re-declaration in a stage and the uses it reaches are one variable', async () => {
    const expected = ['0:4-6', '2:14-16', '3:4-6', '5:35-37'];
    assert.deepEqual(await refs(0, 5), expected);
    assert.deepEqual(await refs(5, 35), expected);
    assert.deepEqual(await refs(2, 15, false), ['2:14-16', '5:35-37']);
    const definition = await client.request<Location[]>('textDocument/definition', position(5, 35));
    assert.deepEqual(definition.map((l) => at(l.range)), ['0:4-6', '3:4-6']);
    // `$GO` in the last stage is not declared there: the global ARG does not reach it, and neither does the heredoc body (the shell's).
    assert.ok(!(await refs(0, 5)).includes('13:5-7'));
  });

  it('ENV inherited by a child stage joins its parent\'s variable; the same name in an unrelated stage is another', async () => {
    assert.deepEqual(await refs(4, 5), ['4:4-7', '5:17-20', '7:8-11']);
    assert.deepEqual(await refs(10, 28), ['9:4-7', '10:28-31']);
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', position(7, 9));
    assert.deepEqual(highlights.map((h) => `${at(h.range)}/${h.kind}`), ['4:4-7/3', '5:17-20/2', '7:8-11/2']);
  });

  it('stages: the AS name, FROM <stage>, COPY --from (by name and by index) and RUN --mount from=', async () => {
    assert.deepEqual(await refs(2, 23), ['2:21-26', '6:5-10', '10:12-17', '11:12-13']);
    assert.deepEqual(await refs(12, 28), ['6:14-18', '12:27-31']);
    const definition = await client.request<Location[]>('textDocument/definition', position(11, 12));
    assert.deepEqual(definition.map((l) => at(l.range)), ['2:21-26']);
  });

  it('heredoc delimiters pair the opening word with its terminator', async () => {
    assert.deepEqual(await refs(14, 1), ['12:48-51', '14:0-3']);
    const definition = await client.request<Location[]>('textDocument/definition', position(14, 0));
    assert.deepEqual(definition.map((l) => at(l.range)), ['12:48-51']);
  });

  const rename = (line: number, character: number, newName: string): Promise<WorkspaceEdit> =>
    client.request<WorkspaceEdit>('textDocument/rename', { ...(position(line, character) as object), newName });

  it('rename changes every occurrence and nothing else', async () => {
    const stage = await rename(10, 13, 'compile');
    const renamed = applyTextEdits(FILE, stage.changes?.[uri] ?? []);
    assert.match(renamed, /AS compile\nARG GO/);
    assert.match(renamed, /FROM compile AS test/);
    assert.match(renamed, /COPY --from=compile \/out/);
    assert.match(renamed, /COPY --from=0 /, 'an index reference stays an index');

    const variable = await rename(3, 4, 'GO_VERSION');
    assert.deepEqual((variable.changes?.[uri] ?? []).map((e) => at(e.range)), ['0:4-6', '2:14-16', '3:4-6', '5:35-37']);
    const heredoc = await rename(12, 49, 'SCRIPT');
    assert.deepEqual(applyTextEdits(FILE, heredoc.changes?.[uri] ?? []).split('\n').slice(12, 15), ['RUN --mount=type=bind,from=test,target=/t cat <<SCRIPT', 'echo $GO', 'SCRIPT']);
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', position(2, 22));
    assert.deepEqual([at(prepared.range), prepared.placeholder], ['2:21-26', 'build']);
  });

  it('rename refuses invalid names, clashes, builder args, index references and undeclared names', async () => {
    const refusals: [number, number, string, RegExp][] = [
      [2, 22, '1st', /not a valid stage name/],
      [2, 22, 'test', /already named `test`/],
      [0, 5, 'GO-VERSION', /not a valid variable name/],
      [0, 5, 'UNUSED', /already defined/],
      [11, 12, 'x', /by its index/],
      [14, 1, 'a b', /not a valid heredoc delimiter/],
      [8, 2, 'x', /has no name/],
      [10, 22, 'x', /Only stage names/],
    ];
    for (const [line, character, newName, message] of refusals) {
      await assert.rejects(rename(line, character, newName), message, `${line}:${character} → ${newName}`);
    }
    const other = 'file:///workspace/navigation/Dockerfile.args';
    await client.open(other, lines('FROM alpine', 'ARG TARGETARCH', 'RUN echo $TARGETARCH $HOME'));
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: other }, position: { line: 1, character: 6 }, newName: 'ARCH' }), /set by the builder/);
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: other }, position: { line: 2, character: 23 } }), /not defined by an ARG or ENV/);
  });

  it('a heredoc cannot be renamed to a word that is a line of its body', async () => {
    const other = 'file:///workspace/navigation/Dockerfile.heredoc';
    await client.open(other, lines('FROM alpine', 'RUN <<EOF', 'STOP', 'EOF'));
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: other }, position: { line: 1, character: 7 }, newName: 'STOP' }), /Line 3 of the body is `STOP`/);
  });

  it('requests for a document that was never opened get an LSP error, not a crash', async () => {
    await assert.rejects(client.request('textDocument/definition', { textDocument: { uri: 'file:///nowhere/Dockerfile' }, position: { line: 0, character: 0 } }), /is not open/);
    assert.deepEqual(await client.request('textDocument/references', { ...(position(400, 3) as object), context: { includeDeclaration: true } }), []);
  });
});
