import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildModel, rangeContains } from '../../server/src/model';
import type { DockerfileModel } from '../../server/src/model';
import { shellCheckProblems } from '../../server/src/shellcheck/findings';
import { ShellCheckRunner } from '../../server/src/shellcheck/runner';
import type { ShellCheckComment } from '../../server/src/shellcheck/runner';
import { runScripts } from '../../server/src/shellcheck/scripts';
import type { RunScript } from '../../server/src/shellcheck/scripts';
import { CORPUS, CORPUS_DOCKERFILES } from '../helpers/paths';
import { shellCheckForSuite } from '../helpers/shellcheck';

/**
 * Over every corpus Dockerfile: each ShellCheck finding lies inside its RUN, and the Dockerfile text under it,
 * read back as the shell gets it, is the text ShellCheck pointed at. The oracle here is independent of the
 * mapping: ShellCheck's line and column are resolved in the script by code points, and the Dockerfile text is
 * undone by hand (line continuations and the comment lines they drop, `<<-` tabs, JSON escapes).
 */
function pointedAt(script: RunScript, comment: ShellCheckComment): string {
  const lines = script.text.split('\n');
  const at = (line: number, column: number): number => {
    let index = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
    const points = [...(lines[line - 1] ?? '')].slice(0, column - 1);
    index += points.join('').length;
    return index;
  };
  return script.text.slice(at(comment.line, comment.column), Math.max(at(comment.line, comment.column), at(comment.endLine, comment.endColumn)));
}

function asTheShellGetsIt(model: DockerfileModel, script: RunScript, text: string, line: number): string {
  const escape = model.escapeChar === '`' ? '`' : '\\\\';
  let read = text.replace(new RegExp(`${escape}[ \\t]*\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*`, 'g'), '').replace(/\r\n/g, '\n');
  if (script.instruction.heredocs.some((h) => h.stripsTabs && h.contentRange !== null && line >= h.contentRange.start.line)) read = read.replace(/\n\t+/g, '\n');
  if (script.instruction.command?.form === 'exec') read = JSON.parse(`"${read}"`) as string;
  return read;
}

describe('ShellCheck findings over the corpus land on the text ShellCheck meant', () => {
  if (CORPUS_DOCKERFILES.length === 0) {
    it('is skipped: no corpus at ../shared/corpus', { skip: 'the corpus is absent' }, () => undefined);
    return;
  }
  if (!shellCheckForSuite()) return;

  it(`every finding in every corpus file (${CORPUS_DOCKERFILES.length})`, async () => {
    const runner = new ShellCheckRunner('shellcheck');
    let findings = 0;
    let scripts = 0;
    const failures: string[] = [];
    await Promise.all(CORPUS_DOCKERFILES.map(async (file) => {
      const model = buildModel({ uri: file, version: 1, text: fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8') });
      const found = runScripts(model);
      scripts += found.length;
      const verdicts = await runner.check(found);
      found.forEach((script, index) => {
        const verdict = verdicts[index];
        if (verdict === undefined || verdict === 'timeout') {
          failures.push(`${file}:${script.instruction.range.start.line + 1}: ${String(verdict)}`);
          return;
        }
        for (const comment of verdict) {
          const [problem] = shellCheckProblems(model, script, [comment], { severities: { [`SC${comment.code}`]: 'warning' } });
          if (problem === undefined) continue; // SC2154 on a variable the Dockerfile defines
          findings++;
          const where = `${file}:${problem.range.start.line + 1}:${problem.range.start.character + 1} SC${comment.code}`;
          if (!rangeContains(script.instruction.range, problem.range.start) || !rangeContains(script.instruction.range, problem.range.end)) failures.push(`${where}: outside its RUN`);
          const { start, end } = problem.range;
          const text = asTheShellGetsIt(model, script, model.lines.slice(start.line, start.character, end.line, end.character), start.line);
          const expected = pointedAt(script, comment);
          if (text !== expected) failures.push(`${where}: ${JSON.stringify(text)} is not ${JSON.stringify(expected)}`);
        }
      });
    }));
    assert.deepEqual(failures.slice(0, 20), []);
    assert.ok(scripts > 1000 && findings > 1000, `${scripts} scripts, ${findings} findings: the corpus has more`);
  });
});
