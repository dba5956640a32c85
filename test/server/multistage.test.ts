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
