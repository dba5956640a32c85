import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/model';
import { runRules } from '../../server/src/rules/engine';
import { CORPUS } from '../helpers/paths';

/**
 * Files the real builder rejects, so error diagnostics on them are right. Each with the reason, checked below:
 * an entry that stops producing errors fails the test, so the list cannot go stale.
 */
const REJECTED_BY_DOCKER: Readonly<Record<string, string>> = {
  '0341.Dockerfile': 'docker/compose e2e fixture "wrong-composefile": its line `WRONG DOCKERFILE` is not an instruction',
  '0174.Dockerfile': 'a template whose base image is the placeholder `REPLACE-ME`: Docker 28.5 refuses it (repository name must be lowercase; the BuildKit parity test runs it)',
  '0175.Dockerfile': 'the same template as 0174 (`FROM REPLACE-ME`)',
  '0176.Dockerfile': 'the same template as 0174 (`FROM REPLACE-ME`)',
  '0618.Dockerfile': 'moby/buildkit parser test file "health": `HEALTHCHECK` with no argument, `HEALTHCHECK CMD` with no command and `HEALTHCHECK CONNECT` are rejected when the instructions are parsed',
};

const files = fs.existsSync(path.join(CORPUS, 'files')) ? fs.readdirSync(path.join(CORPUS, 'files')).filter((f) => f.endsWith('Dockerfile')).sort() : [];

describe('corpus of real Dockerfiles (../shared/corpus)', () => {
  if (files.length === 0) {
    it('is absent on this machine, so the corpus checks are skipped', { skip: `no corpus at ${CORPUS}` }, () => undefined);
    return;
  }

  it(`lints all ${files.length} files without a crash and without errors on files Docker accepts`, () => {
    const unexpected: string[] = [];
    const rejected = new Set<string>();
    for (const file of files) {
      const text = fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8');
      const model = buildModel({ uri: file, version: 1, text });
      const problems = runRules(model);
      for (const problem of problems) {
        assert.notEqual(problem.ruleId, 'InternalError', `${file}: ${problem.message}`);
        assert.ok(problem.range.start.line < model.lines.lineCount, `${file}: range outside the file`);
      }
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length === 0) continue;
      if (REJECTED_BY_DOCKER[file] !== undefined) rejected.add(file);
      else unexpected.push(...errors.map((e) => `${file}:${e.range.start.line + 1} ${e.ruleId} ${e.message}`));
    }
    assert.deepEqual(unexpected, []);
    assert.deepEqual([...rejected].sort(), Object.keys(REJECTED_BY_DOCKER).sort(), 'every listed exception still has errors');
  });

  it('finds every stage the manifest counts', () => {
    const manifest = fs.readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n');
    const header = (manifest[0] ?? '').split('\t');
    const idColumn = header.indexOf('id');
    const stagesColumn = header.indexOf('stages');
    const mismatches: string[] = [];
    for (const row of manifest.slice(1)) {
      const cells = row.split('\t');
      const file = `${cells[idColumn] ?? ''}.Dockerfile`;
      if (!files.includes(file)) continue;
      const model = buildModel({ uri: file, version: 1, text: fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8') });
      if (String(model.stages.length) !== cells[stagesColumn]) mismatches.push(`${file}: manifest ${cells[stagesColumn] ?? '?'}, model ${model.stages.length}`);
    }
    assert.deepEqual(mismatches, []);
  });
});
