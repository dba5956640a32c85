import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { SERVER_STATS_REQUEST } from '../../common/src/protocol';
import type { ServerStats } from '../../common/src/protocol';
import { LspTestClient } from '../helpers/lspClient';
import { DEFAULT_MODEL_LIMITS } from '../../server/src/documents/modelCache';

/** The error code a rejected request carried. */
async function errorCode(request: Promise<unknown>): Promise<number | string> {
  try {
    await request;
    return 'answered';
  } catch (error) {
    return error instanceof ResponseError ? error.code : String(error);
  }
}

function synthetic(stages: number, tag: string): string {
  const lines: string[] = [];
  for (let i = 0; i < stages; i++) {
    lines.push(`FROM golang:1.22 AS s${i}`, 'WORKDIR /src', `RUN --mount=type=cache,target=/root/.cache go build -o /out/${tag} .`, `COPY --from=s${Math.max(0, i - 1)} /out /out`);
  }
  return `${lines.join('\n')}\n`;
}

describe('malformed LSP traffic gets proper errors, never a crash', () => {
  let client: LspTestClient;
  const uri = 'file:///workspace/robust/Dockerfile';
  before(async () => {
    client = await LspTestClient.start();
    await client.open(uri, 'FROM alpine:3.20\nRUN echo hi\n');
    await client.diagnostics(uri, 1);
  });
  after(async () => {
    assert.equal(await client.stop(), 0, 'the server shut down cleanly after all of it');
  });

  it('unknown methods: MethodNotFound', async () => {
    assert.equal(await errorCode(client.request('textDocument/noSuchThing', {})), -32601);
    assert.equal(await errorCode(client.request('stagecraft/noSuchThing', { uri })), -32601);
  });

  it('documents never opened, missing or malformed params: InvalidParams', async () => {
    const position = { line: 0, character: 0 };
    assert.equal(await errorCode(client.request('textDocument/completion', { textDocument: { uri: 'file:///never/Dockerfile' }, position })), -32602);
    assert.equal(await errorCode(client.request('textDocument/completion', {})), -32602);
    assert.equal(await errorCode(client.request('textDocument/definition', { textDocument: { uri }, position: { line: -1, character: 'x' } })), -32602);
    assert.equal(await errorCode(client.request('textDocument/semanticTokens/range', { textDocument: { uri } })), -32602);
    assert.equal(await errorCode(client.request('textDocument/documentSymbol', { textDocument: { uri: 42 } })), -32602);
    const never = { uri: 'file:///never/Dockerfile' };
    const range = { start: position, end: position };
    assert.equal(await errorCode(client.request('textDocument/hover', { textDocument: never, position })), -32602);
    assert.equal(await errorCode(client.request('textDocument/hover', { textDocument: { uri } })), -32602, 'hover without a position');
    assert.equal(await errorCode(client.request('textDocument/codeLens', { textDocument: never })), -32602);
    assert.equal(await errorCode(client.request('textDocument/codeAction', { textDocument: never, range, context: { diagnostics: [] } })), -32602);
    assert.equal(await errorCode(client.request('textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } })), -32602, 'code actions without a range');
  });

  it('positions past the end of a line or of the file answer normally', async () => {
    for (const method of ['textDocument/completion', 'textDocument/hover', 'textDocument/definition', 'textDocument/signatureHelp']) {
      assert.equal(await errorCode(client.request(method, { textDocument: { uri }, position: { line: 500, character: 9999 } })), 'answered', method);
      assert.equal(await errorCode(client.request(method, { textDocument: { uri }, position: { line: 1, character: 9999 } })), 'answered', method);
    }
  });

  it('changes with stale versions, ranges outside the document and garbage notifications leave it working', async () => {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ range: { start: { line: 90, character: 0 }, end: { line: 99, character: 5 } }, text: 'RUN late\n' }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never/Dockerfile', version: 7 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///workspace/robust/broken' } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: {} });
    await client.connection.sendNotification('$/noSuchNotification', { whatever: true });
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['stage 0']);
    assert.deepEqual(symbols[0]?.children?.map((c) => c.name), ['RUN', 'RUN']);
    assert.equal(client.process.exitCode, null, 'still running');
  });
});

describe('load: 50 Dockerfiles open at once, edits interleaved', () => {
  it('answers for every document, keeps the models of the most recently used only, and frees them all on close', async () => {
    const client = await LspTestClient.start();
    try {
      const uris = Array.from({ length: 50 }, (_, i) => `file:///workspace/load/${i}/Dockerfile`);
      for (const [i, uri] of uris.entries()) await client.open(uri, synthetic(40, `app${i}`));
      for (let round = 0; round < 4; round++) {
        for (const [i, uri] of uris.entries()) {
          await client.change(uri, [{ range: { start: { line: 1 + round, character: 0 }, end: { line: 1 + round, character: 0 } }, text: `# edit ${round} of ${i}\n` }]);
        }
      }
      for (const uri of uris) await client.diagnostics(uri, 5);
      const open = await client.request<ServerStats>(SERVER_STATS_REQUEST, {});
      assert.equal(open.openDocuments, 50);
      assert.equal(open.cachedModels, DEFAULT_MODEL_LIMITS.documents, 'one model per recently used document, not one per version or per open document');
      // The first document's model was dropped long ago: asking about it builds it again, from its latest text.
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uris[0] } });
      assert.equal(symbols.length, 40);
      assert.equal(symbols[1]?.range.start.line, 4 + 4, 'the second stage, below the four comment lines the edits added');
      for (const uri of uris) await client.close(uri);
      const closed = await client.request<ServerStats>(SERVER_STATS_REQUEST, {});
      assert.deepEqual([closed.openDocuments, closed.cachedModels], [0, 0]);
      assert.ok(closed.heapUsedMB < 400, `heap ${closed.heapUsedMB.toFixed(0)} MB`);
      const cleared = uris.every((uri) => client.publishedFor(uri).at(-1)?.diagnostics.length === 0);
      assert.ok(cleared, 'closing a document clears its diagnostics');
    } finally {
      await client.stop();
    }
  });
});
