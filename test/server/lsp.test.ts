import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { fixture } from '../helpers/paths';
import { tempDir } from '../helpers/tempDir';

const BROKEN_URI = 'file:///workspace/broken/Dockerfile';

describe('language server over stdio (dist/server.js)', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start('server');
  });
  after(async () => {
    assert.equal(await client.stop(), 0, 'server exits cleanly after shutdown/exit');
  });

  it('announces itself and its capabilities', () => {
    const result = client.initializeResult;
    assert.equal(result?.serverInfo?.name, 'Stagecraft Language Server');
    assert.deepEqual(result?.capabilities.textDocumentSync, { openClose: true, change: 2 });
  });

  it('publishes diagnostics for didOpen with code, source, range and documentation link', async () => {
    await client.open(BROKEN_URI, fixture('broken.Dockerfile'));
    const diagnostics = await client.diagnostics(BROKEN_URI, 1);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.severity]), [
      ['UnknownInstruction', 1, 1],
      ['UnknownStageReference', 2, 1],
      ['InvalidExposePort', 3, 1],
      ['InvalidJsonForm', 4, 2],
    ]);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'stagecraft');
      assert.match(diagnostic.codeDescription?.href ?? '', new RegExp(`/docs/rules/${String(diagnostic.code)}\\.md$`));
    }
  });

  it('re-checks after incremental edits and reports the new version', async () => {
    // Fix line 2 ("RUNN" -> "RUN") with a ranged change.
    const version = await client.change(BROKEN_URI, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, text: 'RUN' }]);
    const diagnostics = await client.diagnostics(BROKEN_URI, version);
    // With RUN fixed, the file builds with the Go toolchain and ships it: the multi-stage hint appears too.
    assert.deepEqual(diagnostics.map((d) => d.code), ['ToolchainInFinalStage', 'UnknownStageReference', 'InvalidExposePort', 'InvalidJsonForm']);
  });

  it('offers the quick fixes that findings carry', async () => {
    const uri = 'file:///workspace/fix/Dockerfile';
    await client.open(uri, 'FROM alpine:3.20\nRUN --netwrok=none true\n');
    const [diagnostic] = await client.diagnostics(uri, 1);
    assert.equal(diagnostic?.code, 'UnknownFlag');
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Change to --network', 'quickfix']]);
    assert.deepEqual(actions[0]?.edit?.changes?.[uri], [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 13 } }, newText: 'network' }]);
  });

  it('survives a half-typed Dockerfile and garbage while typing', async () => {
    const uri = 'file:///workspace/typing/Dockerfile';
    await client.open(uri, '');
    let version = 1;
    for (const text of ['F', 'FROM', 'FROM golang:1.22 AS', 'RUN <<EOF\n', 'CMD ["./app", ', '\u0000\uFEFF\\\\\\', '\n']) {
      version = await client.change(uri, [{ range: { start: { line: 99, character: 0 }, end: { line: 99, character: 0 } }, text }]);
    }
    const diagnostics = await client.diagnostics(uri, version);
    assert.ok(Array.isArray(diagnostics));
    assert.ok(!diagnostics.some((d) => d.code === 'InternalError'), JSON.stringify(diagnostics));
  });

  it('clears diagnostics when a document closes', async () => {
    await client.close(BROKEN_URI);
    const published = client.publishedFor(BROKEN_URI);
    for (let i = 0; i < 50 && client.publishedFor(BROKEN_URI).at(-1)?.diagnostics.length !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(published.length >= 2);
    assert.deepEqual(client.publishedFor(BROKEN_URI).at(-1)?.diagnostics, []);
  });

  it('applies a rule severity setting pushed by the client without a restart', async () => {
    const uri = 'file:///workspace/settings/Dockerfile';
    client.settings = { diagnostics: { delayMs: 0 }, rules: { InvalidJsonForm: 'off', UnknownInstruction: 'warning' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.open(uri, "FROM a:1\nRUNN x\nCMD ['x']\n");
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['UnknownInstruction', 2]]);
    client.settings = { diagnostics: { delayMs: 0 } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  it('never writes anything but LSP messages to stdout', () => {
    // Any stray write would have broken the JSON-RPC stream and failed the requests above; stderr stays quiet too.
    assert.equal(client.stderr.join(''), '');
  });
});

describe('the same server through `stagecraft lsp --stdio`', () => {
  it('answers initialize and publishes diagnostics for didOpen', async () => {
    const client = await LspTestClient.start('cli');
    try {
      const uri = 'file:///workspace/avatar/Dockerfile';
      await client.open(uri, fixture('seeds/avatar.Dockerfile'));
      // The avatar seed is valid: only the information that a multi-stage build would shrink it.
      assert.deepEqual((await client.diagnostics(uri, 1)).map((d) => [d.code, d.severity]), [['ToolchainInFinalStage', 3]]);
      await client.open(BROKEN_URI, fixture('broken.Dockerfile'));
      assert.equal((await client.diagnostics(BROKEN_URI, 1)).length, 4);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('debounced diagnostics while typing', () => {
  it('publishes only for the last version of a burst of edits', async () => {
    const client = await LspTestClient.start('server', { diagnostics: { delayMs: 200 } });
    try {
      const uri = 'file:///workspace/burst/Dockerfile';
      await client.open(uri, 'FROM alpine:3.20\n');
      await client.diagnostics(uri, 1);
      let version = 1;
      for (const ch of 'RUN echo typing') {
        version = await client.change(uri, [{ range: { start: { line: 1, character: 99 }, end: { line: 1, character: 99 } }, text: ch }]);
      }
      await client.diagnostics(uri, version);
      const versions = client.publishedFor(uri).map((p) => p.version);
      assert.deepEqual(versions, [1, version], 'intermediate versions were never checked');
    } finally {
      await client.stop();
    }
  });
});

describe('repository configuration (.stagecraft.json) in the server', () => {
  it('applies the nearest .stagecraft.json, and the editor setting overrides it', async () => {
    const root = tempDir('stagecraft-repo-');
    fs.writeFileSync(path.join(root, '.stagecraft.json'), JSON.stringify({ rules: { LegacyKeyValueFormat: 'error', StageNameCasing: 'off' } }));
    const uri = pathToFileURL(path.join(root, 'Dockerfile')).toString();
    const client = await LspTestClient.start('server');
    try {
      await client.open(uri, 'FROM alpine:3.20 AS Build\nENV A 1\nEXPOSE 80/TCP\n');
      assert.deepEqual((await client.diagnostics(uri, 1)).map((d) => [d.code, d.severity]), [['LegacyKeyValueFormat', 1], ['ExposeProtoCasing', 2]]);
      client.settings = { diagnostics: { delayMs: 0 }, rules: { LegacyKeyValueFormat: 'info' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      for (let i = 0; i < 100; i++) {
        const last = client.publishedFor(uri).at(-1)?.diagnostics.map((d) => [d.code, d.severity]);
        if (JSON.stringify(last) === JSON.stringify([['LegacyKeyValueFormat', 3], ['ExposeProtoCasing', 2]])) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.fail(`the setting did not override the file: ${JSON.stringify(client.publishedFor(uri).at(-1))}`);
    } finally {
      await client.stop();
    }
  });
});
