import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentLink, DocumentSymbol, FoldingRange, InlayHint, Location, SignatureHelp, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { fixture } from '../helpers/paths';

/** The editing features on the seed Dockerfiles (the tutorials' files) and the avatar file after conversion. */
describe('editing features on the seed Dockerfiles', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
    for (const seed of ['avatar', 'gin-webserver', 'scratch-static', 'ubuntu-go']) await client.open(uriOf(seed), fixture(`seeds/${seed}.Dockerfile`));
    await client.open(uriOf('converted'), fixture('examples-converted/avatar.Dockerfile'));
  });
  after(async () => {
    await client.stop();
  });

  function uriOf(name: string): string {
    return `file:///workspace/seeds/${name}/Dockerfile`;
  }
  const ask = <T>(method: string, name: string, extra: object = {}): Promise<T> => client.request<T>(method, { textDocument: { uri: uriOf(name) }, ...extra });
  const at = (line: number, character: number): object => ({ position: { line, character } });

  it('seeds are already tidy: formatting asks for nothing', async () => {
    for (const seed of ['avatar', 'gin-webserver', 'scratch-static', 'ubuntu-go', 'converted']) {
      assert.deepEqual(await ask<TextEdit[]>('textDocument/formatting', seed, { options: { tabSize: 4, insertSpaces: true } }), [], seed);
    }
  });

  it('avatar: one final stage holding its instructions; CMD gives ENTRYPOINT its parameters', async () => {
    const [stage] = await ask<DocumentSymbol[]>('textDocument/documentSymbol', 'avatar');
    assert.equal(stage?.name, 'stage 0');
    assert.equal(stage?.detail, 'FROM golang:1.22 (final)');
    assert.deepEqual(stage?.children?.map((c) => `${c.name} ${c.detail ?? ''}`), [
      'WORKDIR /app', 'COPY go.mod ./', 'COPY *.go ./', 'COPY test.jpg ./', 'RUN go build -o ./bin/avatar .', 'VOLUME /app/shared',
      'ENTRYPOINT ["./bin/avatar"]', 'CMD ["./test.jpg", "./shared/test_out.jpg"]',
    ]);
    const help = await ask<SignatureHelp>('textDocument/signatureHelp', 'avatar', at(14, 6));
    assert.equal(help.signatures[help.activeSignature ?? 0]?.label, 'CMD ["<param>", …]');
    const folds = await ask<FoldingRange[]>('textDocument/foldingRange', 'avatar');
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 14]]);
    const links = await ask<DocumentLink[]>('textDocument/documentLink', 'avatar');
    assert.deepEqual(links.map((l) => l.target), ['https://hub.docker.com/_/golang']);
  });

  it('gin-webserver: $GOPATH comes from the base image, so it has no definition and cannot be renamed', async () => {
    assert.deepEqual(await ask<Location[]>('textDocument/definition', 'gin-webserver', at(7, 10)), []);
    await assert.rejects(ask('textDocument/rename', 'gin-webserver', { ...at(7, 10), newName: 'GP' }), /comes from the base image or the shell/);
    const references = await ask<Location[]>('textDocument/references', 'gin-webserver', { ...at(4, 6), context: { includeDeclaration: true } });
    assert.deepEqual(references.map((l) => `${l.range.start.line}:${l.range.start.character}`), ['4:4']);
  });

  it('scratch-static: no link for scratch; with an exec-form ENTRYPOINT, CMD gives its parameters', async () => {
    assert.deepEqual(await ask<DocumentLink[]>('textDocument/documentLink', 'scratch-static'), []);
    const help = await ask<SignatureHelp>('textDocument/signatureHelp', 'scratch-static', at(3, 6));
    assert.equal(help.signatures[help.activeSignature ?? 0]?.label, 'CMD ["<param>", …]');
  });

  it('ubuntu-go: a CMD alone is the executable', async () => {
    const help = await ask<SignatureHelp>('textDocument/signatureHelp', 'ubuntu-go', at(8, 6));
    assert.equal(help.signatures[help.activeSignature ?? 0]?.label, 'CMD ["<executable>", "<param>", …]');
    const links = await ask<DocumentLink[]>('textDocument/documentLink', 'ubuntu-go');
    assert.deepEqual(links.map((l) => l.target), ['https://hub.docker.com/_/ubuntu']);
  });

  it('converted avatar: --from=build leads to the build stage, with inlay hints naming its index', async () => {
    const definition = await ask<Location[]>('textDocument/definition', 'converted', at(18, 13));
    assert.deepEqual(definition.map((l) => `${l.range.start.line}:${l.range.start.character}`), ['6:20']);
    const references = await ask<Location[]>('textDocument/references', 'converted', { ...at(6, 21), context: { includeDeclaration: false } });
    assert.deepEqual(references.map((l) => l.range.start.line), [18, 19]);
    const hints = await ask<InlayHint[]>('textDocument/inlayHint', 'converted', { range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } } });
    assert.deepEqual(hints.map((h) => `${h.position.line} ${String(h.label)}`), ['18 #0', '19 #0']);
    const symbols = await ask<DocumentSymbol[]>('textDocument/documentSymbol', 'converted');
    assert.deepEqual(symbols.map((s) => `${s.name}: ${s.detail ?? ''}`), ['build: FROM golang:1.22', 'stage 1: FROM alpine:3.20 (final)']);
  });
});
