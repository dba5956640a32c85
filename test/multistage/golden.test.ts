import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ConversionOptions } from '../../server/src/multistage';
import { assertSoundConversion, convertDockerfile } from '../helpers/conversion';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

/**
 * Golden files: each folder holds a Dockerfile (and the context files the planner reads), `options.json`
 * when the settings differ from the defaults, and the exact expected result — `expected.Dockerfile`, or
 * `expected-reason.txt` when there is nothing to gain. `UPDATE_GOLDEN=1 npm test` rewrites them.
 */
const folders = [
  ...fs.readdirSync(path.join(FIXTURES, 'multistage')).map((name) => path.join(FIXTURES, 'multistage', name)),
  ...fs.readdirSync(path.join(FIXTURES, 'apps')).map((name) => path.join(FIXTURES, 'apps', name)),
  ...['avatar', 'webserver', 'ubuntu-go'].map((name) => path.join(REPO_ROOT, 'examples', name)),
].filter((folder) => fs.existsSync(path.join(folder, 'Dockerfile')));

describe('convert to multi-stage: golden files', () => {
  for (const folder of folders) {
    const name = path.relative(REPO_ROOT, folder);
    it(name, () => {
      const optionsFile = path.join(folder, 'options.json');
      const options = fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) as Partial<ConversionOptions> : {};
      const { model, conversion } = convertDockerfile(path.join(folder, 'Dockerfile'), options);
      // The examples stay clean for users: their expected results live with the test fixtures.
      const expectedFile = folder.startsWith(FIXTURES)
        ? path.join(folder, conversion.ok ? 'expected.Dockerfile' : 'expected-reason.txt')
        : path.join(FIXTURES, 'examples-converted', `${path.basename(folder)}.Dockerfile`);
      const actual = conversion.ok ? conversion.text : `${conversion.reason}\n`;
      if (process.env['UPDATE_GOLDEN'] === '1') fs.writeFileSync(expectedFile, actual);
      assert.ok(fs.existsSync(expectedFile), `missing ${path.relative(REPO_ROOT, expectedFile)} (run UPDATE_GOLDEN=1)`);
      assert.equal(actual, fs.readFileSync(expectedFile, 'utf8'));
      if (conversion.ok) assertSoundConversion(model, conversion);
    });
  }

  it('covers every toolchain and the cases with nothing to gain', () => {
    const toolchains = new Set<string>();
    let refusals = 0;
    for (const folder of folders) {
      const { conversion } = convertDockerfile(path.join(folder, 'Dockerfile'));
      if (conversion.ok) toolchains.add(conversion.plan.analysis.toolchain.id);
      else refusals++;
    }
    assert.deepEqual([...toolchains].sort(), ['c', 'dotnet', 'go', 'java', 'node', 'python', 'rust']);
    assert.ok(refusals >= 3);
  });
});
