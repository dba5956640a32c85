import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, FoldingRange, SelectionRange } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { lines } from '../helpers/model';

const FILE = lines(
  '# syntax=docker/dockerfile:1', //                         0
  '# Build stage', //                                        1
  '# (two lines)', //                                        2
  'ARG GO=1.22', //                                          3
  'FROM --platform=$BUILDPLATFORM golang:${GO} AS build', // 4
  'ARG TARGETARCH', //                                       5
  'RUN --mount=type=cache,target=/go/pkg/mod \\', //         6
  '    GOARCH=$TARGETARCH go build -o /out/app', //          7
  'COPY <<EOF /etc/app.conf', //                             8
  'port=80', //                                              9
  'EOF', //                                                  10
  '', //                                                     11
  'FROM alpine:3.20', //                                     12
  'COPY --from=build /out/app /app', //                      13
  'ENTRYPOINT ["/app"]', //                                  14
);

/** `name (detail) [children]`: the outline as a reader sees it. */
function outline(symbols: readonly DocumentSymbol[]): unknown[] {
  return symbols.map((s) => (s.children === undefined || s.children.length === 0 ? `${s.name} (${s.detail ?? ''})` : [`${s.name} (${s.detail ?? ''})`, outline(s.children)]));
}

describe('outline, folding and selection ranges through the server', () => {
  let client: LspTestClient;
  const uri = 'file:///workspace/outline/Dockerfile';
  before(async () => {
    client = await LspTestClient.start();
    await client.open(uri, FILE);
  });
  after(async () => {
    await client.stop();
  });

  it('document symbols: directives and global ARGs, then stages holding their instructions', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(outline(symbols), [
      '# syntax (docker/dockerfile:1)',
      ['ARG (GO=1.22)', ['GO (1.22)']],
      ['build (FROM golang:${GO})', [['ARG (TARGETARCH)', ['TARGETARCH ()']], 'RUN (GOARCH=$TARGETARCH go build -o /out/app)', 'COPY (<<EOF /etc/app.conf)']],
      ['stage 1 (FROM alpine:3.20 (final))', ['COPY (/out/app /app)', 'ENTRYPOINT (["/app"])']],
    ]);
    const build = symbols[2];
    assert.deepEqual([build?.range.start.line, build?.range.end.line, build?.selectionRange.start.character], [4, 10, 47]);
  });

  it('folding: per comment block, stage, multi-line instruction and heredoc', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(ranges.map((r) => `${r.startLine}-${r.endLine}${r.kind === undefined ? '' : ` ${r.kind}`}`), ['1-2 comment', '4-10', '6-7', '8-10', '12-14']);
  });

  it('selection ranges grow from a name to the file', async () => {
    const [chain] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 7, character: 14 }] });
    const spans: string[] = [];
    for (let range: SelectionRange | undefined = chain; range !== undefined; range = range.parent) {
      spans.push(`${range.range.start.line}:${range.range.start.character}-${range.range.end.line}:${range.range.end.character}`);
    }
    assert.deepEqual(spans, ['7:12-7:22', '7:11-7:22', '7:4-7:22', '7:4-7:43', '6:0-7:43', '4:0-10:3', '0:0-15:0']);
  });
});
