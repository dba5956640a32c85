import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { lines } from '../helpers/model';

const FILE = lines(
  '# syntax=docker/dockerfile:1',
  '# comment',
  'ARG GO=1.22',
  'FROM --platform=$BUILDPLATFORM golang:${GO} AS build',
  'RUN --mount=type=cache,target=/go/pkg/mod go build -o /out/app',
  'COPY <<EOF /etc/app.conf',
  'port=80',
  'EOF',
  'FROM alpine:3.20',
  'LABEL org.opencontainers.image.title="app"',
  'EXPOSE 8080',
  'COPY --from=build /out/app /app',
  'MAINTAINER me',
  'ENTRYPOINT ["/app", "--port"]',
);

/** `line:text:type[/modifiers]` for each token, decoded with the legend the server announced. */
function decode(data: readonly number[], text: string, legend: SemanticTokensLegend): string[] {
  const source = text.split(/\r?\n/);
  const out: string[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine = 0, deltaStart = 0, length = 0, type = 0, bits = 0] = data.slice(i, i + 5);
    line += deltaLine;
    start = deltaLine > 0 ? deltaStart : start + deltaStart;
    const modifiers = legend.tokenModifiers.filter((_, bit) => (bits & (1 << bit)) !== 0);
    out.push(`${line}:${(source[line] ?? '').slice(start, start + length)}:${legend.tokenTypes[type] ?? `?${type}`}${modifiers.length > 0 ? `/${modifiers.join(',')}` : ''}`);
  }
  return out;
}

describe('semantic tokens through the server', () => {
  let client: LspTestClient;
  let legend: SemanticTokensLegend;
  const uri = 'file:///workspace/tokens/Dockerfile';
  before(async () => {
    client = await LspTestClient.start();
    const provider = client.initializeResult?.capabilities.semanticTokensProvider;
    assert.ok(provider !== undefined && 'legend' in provider);
    legend = provider.legend;
    await client.open(uri, FILE);
  });
  after(async () => {
    await client.stop();
  });

  it('full: every token where it belongs, shell scripts and heredoc bodies left to the grammar', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(decode(tokens.data, FILE, legend), [
      '0:syntax:macro', '0:docker/dockerfile:1:string',
      '1:# comment:comment',
      '2:ARG:keyword', '2:GO:variable/declaration', '2:1.22:string',
      '3:FROM:keyword', '3:--platform:parameter', '3:$BUILDPLATFORM:variable/defaultLibrary', '3:golang::type', '3:${GO}:variable', '3:AS:keyword', '3:build:class/declaration',
      '4:RUN:keyword', '4:--mount:parameter', '4:type:property', '4:cache:enumMember', '4:target:property', '4:/go/pkg/mod:string',
      '5:COPY:keyword', '5:<<EOF:operator', '7:EOF:operator',
      '8:FROM:keyword', '8:alpine:3.20:type',
      '9:LABEL:keyword', '9:org.opencontainers.image.title:property/declaration,readonly', '9:"app":string',
      '10:EXPOSE:keyword', '10:8080:number',
      '11:COPY:keyword', '11:--from:parameter', '11:build:class',
      '12:MAINTAINER:keyword/deprecated',
      '13:ENTRYPOINT:keyword', '13:"/app":string', '13:"--port":string',
    ]);
  });

  it('delta: the edits against the previous result rebuild exactly the new full result', async () => {
    const first = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const version = await client.change(uri, [{ range: { start: { line: 10, character: 7 }, end: { line: 10, character: 11 } }, text: '80 443' }]);
    assert.equal(version, 2);
    const delta = await client.request<SemanticTokensDelta | SemanticTokens>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId });
    assert.ok('edits' in delta, 'a delta, not a full result');
    const rebuilt = [...first.data];
    for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) rebuilt.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
    assert.ok(delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0) < first.data.length / 2, 'the delta is smaller than a full result');
    const full = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(rebuilt, full.data);
    assert.ok(decode(full.data, FILE.replace('EXPOSE 8080', 'EXPOSE 80 443'), legend).includes('10:443:number'));
    // An unknown previous result gets a full answer.
    const unknown = await client.request<SemanticTokens>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: 'stale' });
    assert.deepEqual(unknown.data, full.data);
  });

  it('range: the tokens of the lines asked for, the same as in the full result', async () => {
    const text = FILE.replace('EXPOSE 8080', 'EXPOSE 80 443');
    const range = await client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 8, character: 0 }, end: { line: 10, character: 0 } } });
    assert.deepEqual(decode(range.data, text, legend), ['8:FROM:keyword', '8:alpine:3.20:type', '9:LABEL:keyword', '9:org.opencontainers.image.title:property/declaration,readonly', '9:"app":string', '10:EXPOSE:keyword', '10:80:number', '10:443:number']);
  });

  it('ONBUILD triggers, backtick escapes and CRLF', async () => {
    const other = 'file:///workspace/tokens/Dockerfile.windows';
    const text = '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nONBUILD run echo ${X}\r\nENV A=1 `\r\n    B=2\r\n';
    await client.open(other, text);
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: other } });
    assert.deepEqual(decode(tokens.data, text, legend), [
      '0:escape:macro', '0:`:string',
      '1:FROM:keyword', '1:mcr.microsoft.com/windows/servercore:ltsc2022:type',
      '2:ONBUILD:keyword', '2:run:keyword', '2:${X}:variable',
      '3:ENV:keyword', '3:A:variable/declaration,readonly', '3:1:string', '4:B:variable/declaration,readonly', '4:2:string',
    ]);
  });
});
