import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ensureEngine, requireEngineInCi } from '../helpers/engine';
import { REPO_ROOT } from '../helpers/paths';
import { withProcessLock } from '../helpers/processLock';
import { editorProvisioned, editorVersion } from '../helpers/editorVersion';
import { ensureStandInImages } from '../helpers/standInImages';
import { prepareWorkspace } from './runEditorTests';

/**
 * The playwright UI smoke test (scripts/editor/ui-screenshots.js): a user's path through the real workbench,
 * with a screenshot per step in out/screenshots (the README's images in docs/images come from such a run).
 */
const SCREENSHOTS = ['diagnostics.png', 'hover.png', 'convert-action.png', 'converted.png', 'build-task.png', 'mounts-view.png'];

describe(`UI smoke test with screenshots (playwright, real workbench, ${editorVersion()} VS Code)`, () => {
  const provisioned = editorProvisioned();
  if (!provisioned.ok) {
    if (process.env['STAGECRAFT_REQUIRE_EDITOR'] === '1') it('needs the provisioned editor', () => assert.fail(provisioned.reason));
    else it('is skipped: the editor is not provisioned', { skip: provisioned.reason }, () => undefined);
    return;
  }
  it('walks through diagnostics, hover, convert, build and mounts, with a screenshot at each step', async () => {
    const engine = await ensureEngine();
    if (!engine.ok) {
      if (requireEngineInCi()) assert.fail(engine.reason);
      return;
    }
    await ensureStandInImages([]);
    // The minimum VS Code's are the README's pictures (docs/images); the current one's go beside them.
    const out = path.join(REPO_ROOT, 'out', editorVersion() === 'current' ? 'screenshots-current' : 'screenshots');
    fs.rmSync(out, { recursive: true, force: true });
    const workspace = prepareWorkspace();
    try {
      // One real editor at a time: the runs in both VS Codes build, run and remove the same images and containers.
      const result = await withProcessLock('real-editor', 20 * 60_000, async () => spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'editor', 'ui-screenshots.js'), workspace, out], {
        encoding: 'utf8', timeout: 600_000, env: { ...process.env, DOCKER_BUILDKIT: '0' },
      }));
      assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
      assert.match(result.stdout, /ui: 5 steps passed/);
      for (const file of SCREENSHOTS) assert.ok(fs.statSync(path.join(out, file)).size > 10_000, `${file} was taken`);
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});
