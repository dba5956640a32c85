import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { docker, dockerEnv, engineFlavor, engineForSuite } from '../helpers/engine';
import { LspTestClient } from '../helpers/lspClient';
import { lines } from '../helpers/model';

/**
 * The language server with an engine the client allows: a base image's real config (ENV, ENTRYPOINT, CMD),
 * read off the typing path, makes UndefinedVar say what BuildKit says and the ENTRYPOINT/CMD hover say what the
 * container runs, naming the image and its ID; without an engine nothing changes.
 */
const IMAGE = 'stagecraft-test/lsp-base:1';
const URI = 'file:///tmp/stagecraft-base-images/Dockerfile';
const TEXT = lines(`FROM ${IMAGE}`, 'ENV DATA=$APP_HOME/data OTHER=$NOT_DEFINED', 'CMD ["extra"]');

async function undefinedNames(client: LspTestClient, settle: (names: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const latest = client.publishedFor(URI).at(-1)?.diagnostics ?? [];
    const names = latest.filter((d) => d.code === 'UndefinedVar').map((d) => /'\$(\w+)'/.exec(String(d.message))?.[1] ?? '?');
    if (settle(names) || Date.now() > deadline) return names;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe(`the server reads base images from the engine (${engineFlavor()})`, async () => {
  if (!(await engineForSuite())) return;
  before(() => {
    // An empty image with only a config: what matters here is what `image inspect` says.
    const imported = spawnSync('docker', ['import', '--change', 'ENV APP_HOME=/srv/app', '--change', 'ENTRYPOINT ["/bin/echo", "base"]', '--change', 'CMD ["base-cmd"]', '-', IMAGE], { input: Buffer.alloc(1024), env: dockerEnv(), encoding: 'utf8' });
    assert.equal(imported.status, 0, imported.stderr);
  });
  after(() => docker(['image', 'rm', '-f', IMAGE]));

  it('with the engine: UndefinedVar knows the base ENV; the CMD hover shows the base ENTRYPOINT with the image ID', async () => {
    const client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 } }, { baseImageEngine: { executable: 'docker' }, env: dockerEnv() });
    try {
      await client.open(URI, TEXT);
      // First from what is known (nothing), then again when the engine's answer arrives.
      assert.deepEqual(await undefinedNames(client, (names) => names.includes('NOT_DEFINED')), ['NOT_DEFINED']);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 1 } });
      const text = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.match(text, /ENTRYPOINT: `\["\/bin\/echo","base"\]`, inherited from `stagecraft-test\/lsp-base:1` \(image `[0-9a-f]{12}` in the local engine\)/);
      assert.match(text, /`\/bin\/echo base extra`/);
    } finally {
      await client.stop();
    }
  });

  it('without an engine (untrusted, or the setting off): unknown, as before', async () => {
    const client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 } }, { env: dockerEnv() });
    try {
      await client.open(URI, TEXT);
      await client.diagnostics(URI, 1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(await undefinedNames(client, () => true), []);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 1 } });
      const text = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.match(text, /unknown without pulling/);
    } finally {
      await client.stop();
    }
  });
});
