import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { lines } from '../helpers/model';

interface Probe {
  readonly labels: string[];
  readonly items: CompletionItem[];
}

describe('completion through the server', () => {
  let client: LspTestClient;
  let workspace: string;
  let counter = 0;
  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-completion-'));
    fs.mkdirSync(path.join(workspace, 'api'));
    fs.mkdirSync(path.join(workspace, 'web'));
    fs.mkdirSync(path.join(workspace, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'api', 'Dockerfile'), lines('FROM golang:1.22 AS build', 'FROM alpine:3.20'));
    fs.writeFileSync(path.join(workspace, 'web', 'Containerfile'), lines('FROM golang:1.22', 'FROM node:20-alpine AS web', 'FROM web'));
    // Dependency folders are not the user's Dockerfiles.
    fs.writeFileSync(path.join(workspace, 'node_modules', 'dep', 'Dockerfile'), lines('FROM should-not-appear:1'));
    fs.mkdirSync(path.join(workspace, 'app', 'src'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'app', 'go.mod'), 'module x\n');
    fs.writeFileSync(path.join(workspace, 'app', 'secret.env'), 'TOKEN=1\n');
    fs.writeFileSync(path.join(workspace, 'app', 'src', 'main.go'), 'package main\n');
    fs.writeFileSync(path.join(workspace, 'app', '.dockerignore'), 'secret.env\n');
    client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 } }, { rootUri: pathToFileURL(workspace).toString(), snippets: true });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  /** Opens `text` (the cursor is where `|` stands) and asks for completion there. */
  async function complete(textWithCursor: string, folder = 'file:///workspace'): Promise<Probe> {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.replace('|', '');
    const before = text.slice(0, offset).split('\n');
    const position = { line: before.length - 1, character: before[before.length - 1]?.length ?? 0 };
    const uri = `${folder}/c${counter++}/Dockerfile`;
    await client.open(uri, text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    return { labels: list.items.map((i) => i.label), items: list.items };
  }

  const editOf = (item: CompletionItem | undefined): TextEdit => item?.textEdit as TextEdit;

  it('offers only FROM and ARG before the first FROM, every instruction after it', async () => {
    const top = await complete('|');
    assert.deepEqual([...new Set(top.items.map((i) => i.filterText))], ['FROM', 'ARG']);
    const inStage = await complete(lines('FROM alpine', 'R|'));
    assert.deepEqual(new Set(inStage.items.map((i) => i.filterText)), new Set([
      'FROM', 'ARG', 'RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'ENV', 'LABEL', 'EXPOSE', 'WORKDIR', 'USER', 'VOLUME',
      'HEALTHCHECK', 'SHELL', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER',
    ]));
    const shellAndExec = inStage.items.filter((i) => i.filterText === 'CMD').map((i) => editOf(i).newText);
    assert.deepEqual(shellAndExec, ['CMD ["${1:executable}", "${2:param}"]', 'CMD ${1:command}']);
    // The typed prefix is replaced, not appended to.
    assert.deepEqual(editOf(inStage.items[0]).range, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
    assert.deepEqual(inStage.items.find((i) => i.filterText === 'MAINTAINER')?.tags, [1]);
  });

  it('ONBUILD offers the instructions it may carry', async () => {
    const probe = await complete(lines('FROM alpine', 'ONBUILD |'));
    const keywords = new Set(probe.items.map((i) => i.filterText));
    assert.ok(keywords.has('RUN') && keywords.has('COPY'));
    for (const forbidden of ['FROM', 'ONBUILD', 'MAINTAINER']) assert.ok(!keywords.has(forbidden), forbidden);
  });

  it('parser directives only at the very top', async () => {
    assert.deepEqual((await complete('# |')).labels, ['syntax', 'escape', 'check']);
    assert.deepEqual((await complete(lines('# syntax=docker/dockerfile:1', '# |'))).labels, ['escape', 'check']);
    assert.deepEqual((await complete(lines('FROM alpine', '# |'))).labels, []);
  });

  it('flags of each instruction, with value snippets; labs flags only under the labs syntax', async () => {
    const run = await complete(lines('FROM alpine', 'RUN --|'));
    assert.deepEqual(run.labels, ['--mount', '--network']);
    assert.equal(editOf(run.items[0]).newText, '--mount=type=${1|cache,bind,tmpfs,secret,ssh|},target=${2:/root/.cache}');
    assert.deepEqual((await complete(lines('# syntax=docker/dockerfile:1-labs', 'FROM alpine', 'RUN --|'))).labels, ['--mount', '--network', '--security', '--device']);
    assert.deepEqual((await complete(lines('FROM alpine', 'COPY --link --|'))).labels, ['--from', '--chown', '--chmod', '--exclude', '--parents']);
    assert.deepEqual((await complete(lines('FROM alpine', 'ADD --|'))).labels, ['--chown', '--chmod', '--link', '--exclude', '--checksum', '--keep-git-dir', '--unpack']);
    assert.deepEqual((await complete('FROM --|')).labels, ['--platform']);
    assert.deepEqual((await complete(lines('FROM alpine', 'HEALTHCHECK --|'))).labels, ['--interval', '--timeout', '--start-period', '--start-interval', '--retries']);
  });

  it('flag values: network, security, platform, booleans', async () => {
    assert.deepEqual((await complete(lines('FROM alpine', 'RUN --network=|'))).labels, ['default', 'none', 'host']);
    assert.deepEqual((await complete(lines('FROM alpine', 'RUN --security=|'))).labels, ['sandbox', 'insecure']);
    const platform = await complete('FROM --platform=| golang:1.22');
    assert.deepEqual(platform.labels.slice(0, 2), ['$BUILDPLATFORM', '$TARGETPLATFORM']);
    assert.deepEqual(editOf(platform.items[0]).range, { start: { line: 0, character: 16 }, end: { line: 0, character: 16 } });
    assert.deepEqual((await complete(lines('FROM alpine', 'COPY --link=|'))).labels, ['true', 'false']);
  });

  it('--mount: keys of the mount type being written, types, sharing modes, cache targets', async () => {
    assert.deepEqual((await complete(lines('FROM alpine', 'RUN --mount=type=|'))).labels, ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
    const keys = await complete(lines('FROM alpine', 'RUN --mount=type=cache,|'));
    assert.deepEqual(keys.labels, ['target=', 'dst=', 'destination=', 'source=', 'src=', 'from=', 'id=', 'sharing=', 'readonly=', 'ro=', 'readwrite=', 'rw=', 'mode=', 'uid=', 'gid=']);
    assert.deepEqual(editOf(keys.items[0]).range, { start: { line: 1, character: 23 }, end: { line: 1, character: 23 } });
    assert.deepEqual((await complete(lines('FROM alpine', 'RUN --mount=type=secret,id=npm,|'))).labels, ['target=', 'dst=', 'destination=', 'required=', 'env=', 'mode=', 'uid=', 'gid=']);
    assert.deepEqual((await complete(lines('FROM alpine', 'RUN --mount=type=cache,sharing=|'))).labels, ['shared', 'private', 'locked']);
    const targets = await complete(lines('FROM alpine', 'RUN --mount=type=cache,target=/go/p|'));
    assert.ok(targets.labels.includes('/go/pkg/mod'));
    assert.deepEqual(editOf(targets.items[0]).range, { start: { line: 1, character: 30 }, end: { line: 1, character: 35 } });
  });

  it('stage names after --from= (nearest earlier stage first) and in FROM (earlier stages only)', async () => {
    const text = lines('FROM golang:1.22 AS build', 'FROM build AS test', 'FROM alpine AS final', 'COPY --from=| /out /app', 'FROM scratch AS later');
    assert.deepEqual((await complete(text)).labels, ['test', 'build', 'later']);
    assert.deepEqual((await complete(lines('FROM alpine', 'RUN --mount=from=|'))).labels, []);
    assert.deepEqual((await complete(lines('FROM golang:1.22 AS build', 'FROM alpine', 'RUN --mount=type=bind,from=|'))).labels, ['build']);
    const from = await complete(lines('FROM golang:1.22 AS build', 'FROM |', 'FROM alpine AS later'));
    assert.ok(from.labels.includes('build'));
    assert.ok(!from.labels.includes('later'));
    assert.equal(from.labels.at(-1), 'scratch');
  });

  it('base images already used in the workspace, most used first, dependency folders skipped', async () => {
    let labels: string[] = [];
    for (let attempt = 0; attempt < 50 && !labels.includes('node:20-alpine'); attempt++) {
      labels = (await complete('FROM |', pathToFileURL(path.join(workspace, 'other')).toString())).labels;
      if (!labels.includes('node:20-alpine')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Documents other tests opened count too (open documents are part of the workspace), so compare orders.
    assert.ok(labels.indexOf('golang:1.22') >= 0 && labels.indexOf('golang:1.22') < labels.indexOf('node:20-alpine'), labels.join(', '));
    assert.ok(!labels.includes('should-not-appear:1'), 'node_modules is not scanned');
    assert.ok(!labels.includes('web'), 'a stage used as a base is not an image');
    assert.equal(labels.at(-1), 'scratch');
    assert.deepEqual((await complete('FROM golang:1.22 |')).labels, ['AS']);
  });

  it('base images follow the Dockerfiles created, changed and deleted on disk, and closed documents', async () => {
    const imagesNow = async (): Promise<string[]> => (await complete('FROM |', pathToFileURL(path.join(workspace, 'other')).toString())).labels;
    const eventually = async (holds: (labels: string[]) => boolean, what: string): Promise<void> => {
      let labels: string[] = [];
      for (let attempt = 0; attempt < 50; attempt++) {
        labels = await imagesNow();
        if (holds(labels)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.fail(`${what}: ${labels.join(', ')}`);
    };
    // The server registers its watcher after `initialized`: a test run on its own can get here first.
    const findWatcher = () => client.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles');
    for (let attempt = 0; attempt < 50 && findWatcher() === undefined; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    const watcher = findWatcher();
    assert.ok(watcher !== undefined, 'the server watches Dockerfiles when the client can register watchers');
    assert.match(JSON.stringify(watcher.registerOptions), /Dockerfile/);
    // The scan has run (the fixture's images are there) before files change under it.
    await eventually((labels) => labels.includes('node:20-alpine'), 'the workspace scan');
    fs.mkdirSync(path.join(workspace, 'watched'));
    const file = path.join(workspace, 'watched', 'Dockerfile');
    const uri = pathToFileURL(file).toString();
    const changed = (type: 1 | 2 | 3): Promise<void> => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
    fs.writeFileSync(file, lines('FROM watched/created:1'));
    await changed(1);
    await eventually((labels) => labels.includes('watched/created:1'), 'a created Dockerfile counts');
    fs.writeFileSync(file, lines('FROM watched/changed:2'));
    await changed(2);
    await eventually((labels) => labels.includes('watched/changed:2') && !labels.includes('watched/created:1'), 'a changed Dockerfile counts as it is now');
    fs.rmSync(file);
    await changed(3);
    await eventually((labels) => !labels.includes('watched/changed:2'), 'a deleted Dockerfile no longer counts');
    // A file created in a folder the scan skips does not count either.
    fs.mkdirSync(path.join(workspace, 'node_modules', 'late'), { recursive: true });
    const skipped = path.join(workspace, 'node_modules', 'late', 'Dockerfile');
    fs.writeFileSync(skipped, lines('FROM late/dependency:1'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(skipped).toString(), type: 1 }] });
    // Nor one deeper than the scan goes (eight folders).
    const deepFolder = path.join(workspace, ...'abcdefghi'.split(''));
    fs.mkdirSync(deepFolder, { recursive: true });
    fs.writeFileSync(path.join(deepFolder, 'Dockerfile'), lines('FROM too/deep:1'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(deepFolder, 'Dockerfile')).toString(), type: 1 }] });
    // An open document counts while open; closed, what is on disk counts (here: nothing, it was never saved).
    const unsaved = pathToFileURL(path.join(workspace, 'watched', 'Dockerfile.unsaved')).toString();
    await client.open(unsaved, lines('FROM unsaved/image:1'));
    await eventually((labels) => labels.includes('unsaved/image:1'), 'an open document counts');
    await client.close(unsaved);
    await eventually((labels) => !labels.includes('unsaved/image:1'), 'a closed document that is not on disk no longer counts');
    assert.ok(!(await imagesNow()).includes('late/dependency:1'), 'node_modules is not watched into the images');
    assert.ok(!(await imagesNow()).includes('too/deep:1'), 'a file deeper than the scan goes is not watched into the images');
  });

  it('variables in scope: FROM sees global ARGs and platform args; a stage offers to declare what it lacks', async () => {
    const inFrom = await complete(lines('ARG GO=1.22', 'FROM golang:${|'));
    assert.deepEqual(inFrom.labels, ['GO', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);
    assert.equal(editOf(inFrom.items[0]).newText, 'GO}');
    assert.equal(inFrom.items[0]?.additionalTextEdits, undefined);

    const inStage = await complete(lines('ARG GO=1.22', 'FROM alpine', 'ENV APP=/app', 'COPY x $|'));
    assert.deepEqual(inStage.labels, ['APP', 'GO', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);
    assert.equal(inStage.items[0]?.additionalTextEdits, undefined);
    assert.deepEqual(inStage.items[1]?.additionalTextEdits, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: 'ARG GO\n' }]);
    assert.deepEqual(inStage.items[4]?.additionalTextEdits, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: 'ARG TARGETARCH\n' }]);

    const redeclared = await complete(lines('ARG GO=1.22', 'FROM alpine', 'ARG GO', 'ARG TARGETARCH', 'RUN echo ${G|}'));
    const go = redeclared.items.find((i) => i.label === 'GO');
    assert.equal(go?.additionalTextEdits, undefined);
    assert.equal(redeclared.items.find((i) => i.label === 'TARGETARCH')?.additionalTextEdits, undefined);
    assert.deepEqual(editOf(go), { range: { start: { line: 4, character: 11 }, end: { line: 4, character: 12 } }, newText: 'GO' });
    assert.ok(redeclared.labels.includes('HTTP_PROXY'), 'RUN sees proxy args');
    assert.ok(!inStage.labels.includes('HTTP_PROXY'), 'COPY does not');

    const inherited = await complete(lines('FROM alpine AS base', 'ENV PORT=8080', 'FROM base', 'EXPOSE $|'));
    assert.equal(inherited.labels[0], 'PORT');
    assert.match(inherited.items[0]?.detail ?? '', /ENV \(line 2\) = 8080/);
    // A later definition is not in scope yet.
    assert.ok(!(await complete(lines('FROM alpine', 'WORKDIR $|', 'ENV LATER=1'))).labels.includes('LATER'));
  });

  it('ARG names: global ARGs to re-declare, platform, proxy and BuildKit args', async () => {
    const probe = await complete(lines('ARG GO=1.22', 'FROM alpine', 'ARG TARGETOS', 'ARG |'));
    assert.equal(probe.labels[0], 'GO');
    assert.ok(probe.labels.includes('TARGETARCH') && !probe.labels.includes('TARGETOS'));
    assert.ok(probe.labels.includes('HTTPS_PROXY') && probe.labels.includes('BUILDKIT_INLINE_CACHE'));
  });

  it('COPY sources from the build context, without what .dockerignore excludes', async () => {
    const folder = pathToFileURL(path.join(workspace, 'app')).toString();
    const uri = `${folder}/Dockerfile`;
    const text = lines('FROM golang:1.22', 'COPY  ./', 'COPY src/ ./');
    await client.open(uri, text);
    const at = async (line: number, character: number): Promise<CompletionItem[]> =>
      (await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character } })).items;
    const top = await at(1, 5);
    assert.deepEqual(top.map((i) => i.label).sort(), ['.dockerignore', 'go.mod', 'src/']);
    const nested = await at(2, 9);
    assert.deepEqual(nested.map((i) => [i.label, editOf(i).range.start.character]), [['main.go', 9]]);
    // From another stage the paths are that stage's, not the context's.
    await client.open(`${folder}/Dockerfile.stage`, lines('FROM golang:1.22 AS b', 'FROM alpine', 'COPY --from=b '));
    const fromStage = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: `${folder}/Dockerfile.stage` }, position: { line: 2, character: 14 } });
    assert.deepEqual(fromStage.items, []);
  });

  it('keyword-specific values and a half-typed file never fail', async () => {
    assert.deepEqual((await complete(lines('FROM alpine', 'HEALTHCHECK |'))).labels, ['CMD', 'NONE']);
    assert.equal((await complete(lines('FROM alpine', 'STOPSIGNAL |'))).labels[0], 'SIGTERM');
    for (const text of ['FROM alpine\nRUN --mount=|', 'FROM alpine\nRUN <<EOF\n|', 'FROM alpine\nENV ${|', '|FROM', 'FROM alpine\nRUN echo \\\n|', '# escape=`\nFROM alpine\nRUN echo `\n  $|']) {
      await complete(text);
    }
  });
});
