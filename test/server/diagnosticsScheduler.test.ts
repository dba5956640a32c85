import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection } from 'vscode-languageserver';
import { DiagnosticsScheduler } from '../../server/src/features/diagnostics';
import type { DocumentSnapshot, ModelCache } from '../../server/src/documents/modelCache';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A scheduler over one document whose version the test moves, recording which versions were checked and published. */
function harness(delayMs: number) {
  const uri = 'file:///w/Dockerfile';
  let version = 1;
  const checked: number[] = [];
  const published: number[] = [];
  const connection = {
    sendDiagnostics: (params: { version?: number }) => { if (params.version !== undefined) published.push(params.version); return Promise.resolve(); },
    console: { error: (message: string) => assert.fail(message) },
  } as unknown as Connection;
  const cache = {
    problemsStepwise: (document: DocumentSnapshot) => {
      checked.push(document.version);
      return { step: () => true, problems: () => [] };
    },
    shellCheckKnown: () => ({ problems: [], pending: false }),
  } as unknown as ModelCache;
  const scheduler = new DiagnosticsScheduler(connection, cache, () => ({ uri, version, getText: () => '' }));
  scheduler.setDelay(delayMs);
  return {
    checked,
    published,
    change(): void {
      version++;
      scheduler.schedule(uri);
    },
    open(): void {
      scheduler.schedule(uri, true);
    },
    dispose: () => scheduler.dispose(),
  };
}

describe('the diagnostics scheduler', () => {
  it('checks the first change after a pause as soon as the messages already queued are handled, with no settling delay', async () => {
    const h = harness(150);
    h.open();
    await turn(); await turn(); await turn();
    assert.deepEqual(h.published, [1], 'opening: published within three event-loop turns');
    await sleep(200);
    h.change();
    await turn(); await turn(); await turn();
    assert.deepEqual(h.published, [1, 2], 'a change after a pause: the same');
    h.dispose();
  });

  it('a change queued right behind another cancels the first check before it starts', async () => {
    const h = harness(150);
    h.change();
    await turn();
    h.change(); // handled one turn later, as vscode-jsonrpc handles the next queued message
    await sleep(200);
    assert.deepEqual(h.checked, [3], 'version 2 was never checked');
    assert.deepEqual(h.published, [3]);
    h.dispose();
  });

  it('a burst of changes (closer together than the delay) is checked once, at its last version', async () => {
    const h = harness(0);
    for (let i = 0; i < 30; i++) h.change();
    await sleep(50);
    assert.deepEqual(h.checked, [31]);
    assert.deepEqual(h.published, [31]);
    h.dispose();
  });

  it('while typing (changes closer than delayMs) it waits for that much quiet', async () => {
    const h = harness(100);
    h.change();
    await sleep(5);
    h.change();
    await turn(); await turn(); await turn();
    assert.deepEqual(h.published.filter((v) => v === 3), [], 'not yet: still typing');
    await sleep(200);
    assert.equal(h.published.at(-1), 3);
    h.dispose();
  });
});
