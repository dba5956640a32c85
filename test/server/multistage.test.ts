import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CreateFile, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits } from '../helpers/edits';
import { LspTestClient } from '../helpers/lspClient';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const AVATAR_DIR = path.join(REPO_ROOT, 'examples', 'avatar');
const AVATAR_URI = pathToFileURL(path.join(AVATAR_DIR, 'Dockerfile')).toString();
const AVATAR_TEXT = fs.readFileSync(path.join(AVATAR_DIR, 'Dockerfile'), 'utf8');
const EXPECTED = fs.readFileSync(path.join(FIXTURES, 'examples-converted', 'avatar.Dockerfile'), 'utf8');

describe('multi-stage refactoring over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start('server');
    await client.open(AVATAR_URI, AVATAR_TEXT);
  });
  after(async () => {
    await client.stop();
  });

  async function actionsAt(line: number, only?: string[]): Promise<CodeAction[]> {
    return client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: AVATAR_URI },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [], ...(only ? { only } : {}) },
    });
  }

  it('offers both actions on the FROM line and on the build step, as refactor.rewrite', async () => {
    for (const line of [0, 8]) {
      const actions = await actionsAt(line);
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [
        ['Convert to multi-stage build', 'refactor.rewrite'],
        ['Convert to multi-stage build into a new file (Dockerfile.prod)', 'refactor.rewrite'],
      ]);
    }
    assert.deepEqual(await actionsAt(2), [], 'not on a plain COPY');
    assert.deepEqual(await actionsAt(0, ['quickfix']), [], 'not when only quick fixes are asked for');
  });

  it('rewrites the file in one edit that produces the golden result', async () => {
    const [inPlace] = await actionsAt(0);
    const edits = inPlace?.edit?.changes?.[AVATAR_URI];
    assert.ok(edits);
    assert.equal(applyTextEdits(AVATAR_TEXT, edits), EXPECTED);
  });

  it('"into a new file" creates Dockerfile.prod beside the original and opens it', async () => {
    const [, newFile] = await actionsAt(0);
    const changes = newFile?.edit?.documentChanges ?? [];
    const create = changes[0] as CreateFile;
    const insert = changes[1] as TextDocumentEdit;
    const target = pathToFileURL(path.join(AVATAR_DIR, 'Dockerfile.prod')).toString();
    assert.deepEqual(create, { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } });
    assert.equal(insert.textDocument.uri, target);
    assert.equal((insert.edits[0] as TextEdit).newText, EXPECTED);
    assert.deepEqual(newFile?.command, { title: 'Open', command: 'stagecraft.openDocument', arguments: [target] });
  });

  it('the server command applies the same edit through workspace/applyEdit', async () => {
    const result: { applied: boolean } = await client.connection.sendRequest('workspace/executeCommand', { command: 'stagecraft.server.convertToMultiStage', arguments: [AVATAR_URI] });
    assert.equal(result.applied, true);
    const applied = client.appliedEdits.at(-1);
    assert.equal(applied?.label, 'Convert to multi-stage build');
    assert.equal(applyTextEdits(AVATAR_TEXT, applied?.edit.changes?.[AVATAR_URI] ?? []), EXPECTED);
  });

  it('explains why when there is nothing to gain', async () => {
    const uri = 'file:///workspace/nginx/Dockerfile';
    await client.open(uri, 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n');
    const result: { applied: boolean; reason: string } = await client.connection.sendRequest('workspace/executeCommand', { command: 'stagecraft.server.convertToMultiStage', arguments: [uri] });
    assert.equal(result.applied, false);
    assert.match(result.reason, /^Nothing to gain from a multi-stage build: no known build toolchain/);
  });

  it('follows the runtimeFamily and stageName settings', async () => {
    client.settings = { diagnostics: { delayMs: 0 }, multiStage: { runtimeFamily: 'scratch', stageName: 'compile' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    for (let i = 0; i < 50; i++) {
      const [action] = await actionsAt(0);
      const text = applyTextEdits(AVATAR_TEXT, action?.edit?.changes?.[AVATAR_URI] ?? []);
      if (text.includes('FROM scratch')) {
        assert.match(text, /FROM golang:1\.22 AS compile/);
        assert.match(text, /COPY --from=compile \/app\/bin\/avatar/);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail('the settings did not take effect');
  });
});

describe('code lenses and the dockerfileInfo request', () => {
  let client: LspTestClient;
  const uri = 'file:///workspace/multi/Dockerfile';
  before(async () => {
    client = await LspTestClient.start('server');
    await client.open(uri, 'ARG GO=1.22\nFROM golang:${GO} AS build\nARG VERSION\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nVOLUME /data\nWORKDIR /srv\nEXPOSE 8080\nCMD ["/app"]\n');
  });
  after(async () => {
    await client.stop();
  });

  it('puts Build and Run lenses on each FROM (with the stage as target for all but the final one)', async () => {
    const lenses: { range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command.title, l.command.command, l.command.arguments[0]]), [
      [1, 'Build stage build', 'stagecraft.buildImage', { uri, target: 'build' }],
      [1, 'Run stage build…', 'stagecraft.runWithVolume', { uri, target: 'build' }],
      [4, 'Build image', 'stagecraft.buildImage', { uri }],
      [4, 'Run with volume…', 'stagecraft.runWithVolume', { uri }],
    ]);
  });

  it('answers stagecraft/dockerfileInfo with stages, ARGs, instruction lines and the final stage\'s runtime', async () => {
    const info: unknown = await client.connection.sendRequest('stagecraft/dockerfileInfo', { uri });
    assert.deepEqual(info, {
      stages: [{ index: 0, name: 'build', base: 'golang:1.22', line: 1 }, { index: 1, name: null, base: 'alpine:3.20', line: 4 }],
      args: [{ name: 'GO', defaultValue: '1.22' }, { name: 'VERSION', defaultValue: null }],
      instructionLines: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      final: { volumes: ['/data'], workdir: '/srv', exposedPorts: ['8080'], cmd: ['/app'] },
    });
  });
});
