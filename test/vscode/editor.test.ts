import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { dockerEnv, engineFlavor, engineVisibleFolder, ensureEngine, requireEngineInCi } from '../helpers/engine';
import { REPO_ROOT } from '../helpers/paths';
import { withProcessLock } from '../helpers/processLock';
import { editorProvisioned, editorVersion } from '../helpers/editorVersion';
import { ensureStandInImages } from '../helpers/standInImages';

/**
 * Runs the extension-host suite (test/editor-suite) in a real VS Code — code-server's, provisioned by
 * scripts/editor/provision.sh — as one step of `npm test`. Skipped, with the reason, where the editor is not
 * provisioned; `.ci/run` provisions it and sets STAGECRAFT_REQUIRE_EDITOR=1 so there it cannot be skipped.
 * The minimum VS Code runs it on the classic builder (Docker 20.10), the current one on the current engine
 * (Docker 28.5, BuildKit through buildx: editor.current.test.ts), as users of each most likely have.
 */
describe(`extension-host tests in a real VS Code (code-server, ${editorVersion()} VS Code, ${engineFlavor() === 'buildkit' ? 'Docker 28.5 with BuildKit' : 'classic builder'})`, () => {
  const provisioned = editorProvisioned();
  if (!provisioned.ok) {
    if (process.env['STAGECRAFT_REQUIRE_EDITOR'] === '1') it('needs the provisioned editor', () => assert.fail(provisioned.reason));
    else it('is skipped: the editor is not provisioned', { skip: provisioned.reason }, () => undefined);
    return;
  }
  it('runs the suite through @vscode/test-electron and the code-server shim; every test passes', async () => {
    // The Build / Run / Inspect tests need the engine and the local alpine:3.20 stand-in.
    const engine = await ensureEngine();
    if (engine.ok) await ensureStandInImages([]);
    else if (requireEngineInCi()) assert.fail(engine.reason);
    // One real editor at a time: the runs in both VS Codes build, run and remove the same images and containers.
    const result = await withProcessLock('real-editor', 20 * 60_000, async () => spawnSync(process.execPath, [path.join(REPO_ROOT, 'out', 'test', 'vscode', 'runEditorTests.js')], {
      encoding: 'utf8',
      timeout: 600_000,
      // The engine this file's flavor names; its temporary folders (the workspace, the folders the suite mounts
      // into containers) are ones the engine sees at the same path.
      env: {
        ...dockerEnv(),
        STAGECRAFT_EDITOR_ENGINE: engine.ok ? '1' : '0',
        STAGECRAFT_EDITOR_ENGINE_FLAVOR: engineFlavor(),
        ...(engine.ok ? { TMPDIR: engineVisibleFolder('stagecraft-editor-tmp-') } : {}),
      },
    }));
    const output = `${result.stdout}${result.stderr}`;
    // Two launches (see runEditorTests): English, then the pseudo-locale run of the `.locale` files.
    const runs = [...output.matchAll(/(\d+) passing/g)].map((match) => Number(match[1]));
    const passing = runs.length === 2 ? runs.reduce((sum, n) => sum + n, 0) : undefined;
    const failing = /(\d+) failing/.exec(output)?.[1];
    const summary = output.split('\n').filter((line) => /^\s+(✔|\d+\))/.test(line)).join('\n');
    assert.equal(result.status, 0, output.slice(-6000));
    assert.ok(passing !== undefined && passing >= (engine.ok ? 10 : 7) + 3 && failing === undefined, summary);
    process.stdout.write(`# editor suite (${editorVersion()} VS Code, ${engineFlavor()} engine): ${passing} passing\n${summary}\n`);
  });
});
