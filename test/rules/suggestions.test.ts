import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { closest, editDistance } from '../../server/src/rules/walk';
import { buildModel } from '../../server/src/model';
import { runRules } from '../../server/src/rules/engine';
import { FUZZ_RUNS, FUZZ_SEED } from '../fuzz/dockerfiles';

/** The textbook dynamic programme, unbounded: what the bounded one must agree with up to its limit. */
function levenshtein(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

describe('did-you-mean suggestions', () => {
  it('the bounded edit distance is the true one up to its limit, and above the limit once past it (fast-check)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
      const bounded = editDistance(a, b, limit);
      const truth = levenshtein(a, b);
      if (truth <= limit) assert.equal(bounded, truth);
      else assert.ok(bounded > limit, `${JSON.stringify(a)} ${JSON.stringify(b)}: ${bounded} for ${truth} with limit ${limit}`);
    }), { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 3 });
  });

  it('picks the nearest candidate, ignoring case, and none beyond the limit', () => {
    assert.equal(closest('buidl', ['test', 'build', 'runtime']), 'build');
    assert.equal(closest('BUILDER', ['builder', 'build']), 'builder');
    assert.equal(closest('xyz', ['build', 'runtime']), undefined);
    // Longer words after shorter ones: the rows it reuses grow.
    assert.equal(closest('a-very-long-stage-name-with-a-typo', ['a', 'a-very-long-stage-name-with-a-type']), 'a-very-long-stage-name-with-a-type');
  });

  it('a message about a stage reference lists the first ten stages and counts the rest', () => {
    const stages = Array.from({ length: 30 }, (_, i) => `FROM alpine AS stage${i}\nRUN true`).join('\n');
    const model = buildModel({ uri: 'file:///x/Dockerfile', version: 1, text: `${stages}\nFROM alpine\nCOPY --from=stage99 /a /b\nCOPY --from=99 /a /b\n` });
    const messages = runRules(model).filter((p) => p.ruleId === 'UnknownStageReference' || p.ruleId === 'ImageLooksLikeStage').map((p) => p.message);
    assert.equal(messages.length, 2, messages.join('\n'));
    for (const message of messages) {
      assert.match(message, /`9 \(stage9\)` and 21 more/);
      assert.doesNotMatch(message, /stage10\b/);
    }
  });
});
