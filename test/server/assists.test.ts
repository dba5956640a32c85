import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentLink, InlayHint, SignatureHelp } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { lines } from '../helpers/model';

describe('signature help, document links and inlay hints through the server', () => {
  let client: LspTestClient;
  let counter = 0;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  async function open(text: string): Promise<string> {
    const uri = `file:///workspace/assists/${counter++}/Dockerfile`;
    await client.open(uri, text);
    return uri;
  }

  /** `signature label ▸ active parameter label` at the `|` in the text. */
  async function signatureAt(textWithCursor: string): Promise<string> {
    const offset = textWithCursor.indexOf('|');
    const before = textWithCursor.slice(0, offset).split('\n');
    const uri = await open(textWithCursor.replace('|', ''));
    const help = await client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position: { line: before.length - 1, character: before.at(-1)?.length ?? 0 } });
    if (help === null) return 'none';
    const signature = help.signatures[help.activeSignature ?? 0];
    return `${signature?.label ?? '?'} ▸ ${String(signature?.parameters?.[help.activeParameter ?? 0]?.label)}`;
  }

  it('signature help picks the form written and the parameter being typed', async () => {
    assert.equal(await signatureAt('FROM golang:1.22 |'), 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>] ▸ [AS <name>]');
    assert.equal(await signatureAt('FROM --platform=linux/arm64| golang'), 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>] ▸ [--platform=<platform>]');
    assert.equal(await signatureAt(lines('FROM a', 'RUN make |')), 'RUN [--mount=<type>[,<option>=<value>…]] [--network=<none|host|default>] [--security=<sandbox|insecure>] <command> ▸ <command>');
    assert.equal(await signatureAt(lines('FROM a', 'RUN ["make", |')), 'RUN [--mount=<type>[,<option>=<value>…]] [--network=<none|host|default>] [--security=<sandbox|insecure>] ["<executable>", "<param>", …] ▸ "<param>"');
    assert.equal(await signatureAt(lines('FROM a', 'CMD ["|')), 'CMD ["<executable>", "<param>", …] ▸ "<executable>"');
    assert.equal(await signatureAt(lines('FROM a', 'ENTRYPOINT ["app"]', 'CMD ["|')), 'CMD ["<param>", …] ▸ "<param>"');
    assert.equal(await signatureAt(lines('FROM a', 'CMD app |')), 'CMD <command> ▸ <command>');
    assert.equal(await signatureAt(lines('FROM a', 'COPY a b |')), 'COPY [--from=<stage|image|context>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--parents] [--exclude=<path>] <src> … <dest> ▸ <dest>');
    assert.equal(await signatureAt(lines('FROM a', 'COPY a| b')), 'COPY [--from=<stage|image|context>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--parents] [--exclude=<path>] <src> … <dest> ▸ <src>');
    assert.equal(await signatureAt(lines('FROM a', 'HEALTHCHECK NONE|')), 'HEALTHCHECK NONE ▸ NONE');
    assert.equal(await signatureAt(lines('FROM a', 'ONBUILD COPY a |')), 'COPY [--from=<stage|image|context>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--parents] [--exclude=<path>] <src> … <dest> ▸ <dest>');
    assert.equal(await signatureAt(lines('FROM a', 'RU|N x')), 'none');
  });

  it('links base images and the syntax frontend to their registry pages', async () => {
    const uri = await open(lines(
      '# syntax=docker/dockerfile:1',
      'ARG NODE=20',
      'FROM golang:1.22 AS build',
      'FROM ghcr.io/owner/tool:v1 AS tool',
      'FROM mcr.microsoft.com/dotnet/runtime:8.0',
      'FROM quay.io/prometheus/node-exporter',
      'FROM gcr.io/distroless/static-debian12',
      'FROM bitnami/redis:7',
      'FROM node:${NODE}',
      'FROM build',
      'FROM scratch',
      'FROM ${UNSET}',
    ));
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(links.map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character} ${l.target ?? ''}`), [
      '0:9-28 https://hub.docker.com/r/docker/dockerfile',
      '2:5-16 https://hub.docker.com/_/golang',
      '3:5-26 https://ghcr.io/owner/tool',
      '4:5-41 https://mcr.microsoft.com/artifact/mar/dotnet/runtime',
      '5:5-37 https://quay.io/repository/prometheus/node-exporter',
      '6:5-38 https://gcr.io/distroless/static-debian12',
      '7:5-20 https://hub.docker.com/r/bitnami/redis',
      '8:5-17 https://hub.docker.com/_/node',
    ]);
  });

  it('inlay hints: known values of ${VAR} where the builder expands them, and the stage a --from means', async () => {
    const uri = await open(lines(
      'ARG GO=1.22',
      'FROM golang:${GO} AS build',
      'ARG GO',
      'ENV APP=/srv/app',
      'WORKDIR $APP',
      'RUN echo $APP',
      'ARG LATER',
      'COPY x ${LATER}/',
      'FROM alpine',
      'COPY --from=0 /a /b',
      'COPY --from=build /a ${MISSING:-/b}',
    ));
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } } });
    assert.deepEqual(hints.map((h) => `${h.position.line}:${h.position.character} ${String(h.label)}`), [
      '1:17 = 1.22',
      '4:12 = /srv/app',
      '9:13 build',
      '10:17 #0',
    ]);
    const narrow = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 9, character: 0 }, end: { line: 9, character: 5 } } });
    assert.deepEqual(narrow.map((h) => String(h.label)), ['build']);
  });

  it('announces every editing capability', () => {
    const capabilities = client.initializeResult?.capabilities ?? {};
    for (const key of [
      'completionProvider', 'signatureHelpProvider', 'definitionProvider', 'referencesProvider', 'documentHighlightProvider', 'renameProvider',
      'documentSymbolProvider', 'foldingRangeProvider', 'selectionRangeProvider', 'documentFormattingProvider', 'documentRangeFormattingProvider',
      'documentOnTypeFormattingProvider', 'semanticTokensProvider', 'documentLinkProvider', 'inlayHintProvider', 'codeLensProvider', 'hoverProvider',
    ]) {
      assert.ok(key in capabilities, key);
    }
  });
});
