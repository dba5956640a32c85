import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildModel } from '../../server/src/model';
import type { DockerfileModel } from '../../server/src/model';
import { SegmentCache } from '../../server/src/model/segments';
import { runRules } from '../../server/src/rules/engine';
import { FUZZ_RUNS, FUZZ_SEED, anyDockerfile } from '../fuzz/dockerfiles';
import { CORPUS, CORPUS_DOCKERFILES } from '../helpers/paths';
import { asSent, lines } from '../helpers/model';
import { Span } from '../../server/src/model/positions';

/**
 * A keystroke re-parses one segment and re-checks its instructions with the local rules; everything else is
 * reused. The problems must be exactly those of a check from scratch — this is what keeps `local: true` honest.
 */
function assertIncrementalEqualsFresh(before: string, after: string, label: string): void {
  const cache = new SegmentCache(3);
  runRules(buildModel({ uri: 'file:///x/Dockerfile', version: 1, text: before }, cache));
  const incremental = runRules(buildModel({ uri: 'file:///x/Dockerfile', version: 2, text: after }, cache));
  const fresh = runRules(buildModel({ uri: 'file:///x/Dockerfile', version: 2, text: after }));
  assert.deepEqual(asSent(incremental), asSent(fresh), label);
}

/** A model part as plain data: instructions by index (their parser internals differ between cached and fresh parses), maps as entries. */
function plain(value: unknown, seen = new Set<unknown>()): unknown {
  // `seen` holds the path from the root, so only cycles are cut (shared objects are shared differently in the two builds).
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : value;
  if ('keywordRange' in value && 'index' in value) return `instruction ${String(value.index)}`;
  if (value instanceof Span) return asSent(value);
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  const result = value instanceof Map ? [...value.entries()].map(([k, v]) => [k, plain(v, seen)])
    : Array.isArray(value) ? value.map((item) => plain(item, seen))
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, seen)]));
  seen.delete(value);
  return result;
}

/** Every instruction a stage refers to (its own, its runtime's, inherited ones) is the model's own object at its index. */
function assertInstructionIdentity(model: DockerfileModel, label: string): void {
  for (const stage of model.stages) {
    const { runtime } = stage;
    const settings = [runtime.entrypoint, runtime.cmd, runtime.shell, runtime.workdir, runtime.user].flatMap((s) => (s.known && s.value !== undefined ? [s.value.instruction] : []));
    const referenced = [stage.from, ...stage.instructions, ...settings, ...runtime.volumes.map((s) => s.instruction), ...runtime.exposedPorts.map((s) => s.instruction),
      runtime.stopSignal?.instruction, runtime.healthcheck, ...runtime.entrypointInstructions, ...runtime.cmdInstructions];
    for (const instruction of referenced) {
      if (instruction !== undefined) assert.equal(model.instructions[instruction.index], instruction, `${label}: stage ${stage.index} refers to an instruction object of another version`);
    }
    for (const variable of stage.variables) {
      if (variable.stageIndex === stage.index) assert.equal(model.instructions[variable.instructionIndex]?.stageIndex, stage.index, `${label}: variable ${variable.name}`);
    }
  }
}

/** Comments out the line the edit falls on: the instruction count changes, the line count does not (every instruction below is renumbered in place). */
const COMMENT_OUT_LINE = '\u0001comment out';

const EDITS = ['x', '#', 'ARG GO=1\n', 'ENV A=$B\n', '\n', 'RUN apt-get install curl\n', '\\\n', '--mount=type=cache ', '"', 'FROM alpine AS b\n', '# escape=`\n', '# syntax=docker/dockerfile:1-labs\n', '<<EOF\n', COMMENT_OUT_LINE];

function edit(text: string, at: number, remove: number, insert: string): string {
  const position = text.length === 0 ? 0 : at % (text.length + 1);
  if (insert === COMMENT_OUT_LINE) {
    const lineStart = text.lastIndexOf('\n', position - 1) + 1;
    return `${text.slice(0, lineStart)}#${text.slice(lineStart)}`;
  }
  return text.slice(0, position) + insert + text.slice(position + (remove % 4));
}

const corpusFiles = CORPUS_DOCKERFILES;

describe('incremental checking equals checking from scratch', () => {
  it('after random edits of random Dockerfiles (fast-check, fixed seed)', () => {
    const longer = fc.array(anyDockerfile, { minLength: 2, maxLength: 4 }).map((parts) => parts.join('\n'));
    fc.assert(fc.property(longer, fc.nat(), fc.nat(), fc.constantFrom(...EDITS), (text, at, remove, insert) => {
      assertIncrementalEqualsFresh(text, edit(text, at, remove, insert), JSON.stringify({ text, at, remove, insert }));
    }), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });

  it('after a chain of edits, each version checked from the one before (fast-check, fixed seed)', () => {
    const longer = fc.array(anyDockerfile, { minLength: 2, maxLength: 4 }).map((parts) => parts.join('\n'));
    const anEdit = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...EDITS));
    fc.assert(fc.property(longer, fc.array(anEdit, { minLength: 2, maxLength: 5 }), (text, edits) => {
      const cache = new SegmentCache(3);
      let current = text;
      runRules(buildModel({ uri: 'file:///x/Dockerfile', version: 1, text: current }, cache));
      for (const [step, [at, remove, insert]] of edits.entries()) {
        current = edit(current, at, remove, insert);
        const incrementalModel = buildModel({ uri: 'file:///x/Dockerfile', version: 2 + step, text: current }, cache);
        const freshModel = buildModel({ uri: 'file:///x/Dockerfile', version: 2 + step, text: current });
        // Stages reused from the previous version must be what building them again gives.
        assert.deepEqual(plain(incrementalModel.stages), plain(freshModel.stages), JSON.stringify({ text, edits, step }));
        assertInstructionIdentity(incrementalModel, JSON.stringify({ text, edits, step }));
        assert.deepEqual(asSent(runRules(incrementalModel)), asSent(runRules(freshModel)), JSON.stringify({ text, edits, step }));
      }
    }), { numRuns: Math.max(1, Math.floor(FUZZ_RUNS / 3)), seed: FUZZ_SEED });
  });

  it('an instruction commented out renumbers the instructions below in place: their stages are kept as they were, and equal a fresh build', () => {
    const stage = (i: number, base: string): string => [
      `FROM ${base} AS s${i}`, `ARG V${i}=1`, `ENV P${i}=/opt/$V${i} Q=$V${i}`, 'SHELL ["/bin/bash", "-c"]', `WORKDIR /w${i}`, 'USER app', `VOLUME /data${i}`,
      'EXPOSE 80', 'STOPSIGNAL SIGINT', 'HEALTHCHECK CMD true', 'ONBUILD RUN echo', `ENTRYPOINT ["/bin/app${i}"]`, 'CMD ["--serve"]', `COPY --from=s0 /a /b${i}`, '',
    ].join('\n');
    const text = ['ARG BASE=alpine:3.20', stage(0, '${BASE}'), stage(1, 'debian:12'), stage(2, 's1'), stage(3, 'scratch')].join('\n');
    const cache = new SegmentCache(3);
    const before = buildModel({ uri: 'file:///x/Dockerfile', version: 1, text }, cache);
    runRules(before);
    for (const line of [3, 5, 9, 13]) {
      const lines = text.split('\n');
      lines[line] = `# ${lines[line] ?? ''}`;
      const after = lines.join('\n');
      const previous = buildModel({ uri: 'file:///x/Dockerfile', version: 2, text }, cache);
      const incremental = buildModel({ uri: 'file:///x/Dockerfile', version: 3, text: after }, cache);
      const fresh = buildModel({ uri: 'file:///x/Dockerfile', version: 3, text: after });
      assert.deepEqual(plain(incremental.stages), plain(fresh.stages), `line ${line}`);
      assertInstructionIdentity(incremental, `line ${line}`);
      assert.deepEqual(asSent(runRules(incremental)), asSent(runRules(fresh)), `line ${line}`);
      // Every stage below the edit is the previous version's object, its instructions the same objects renumbered.
      for (const index of [1, 2, 3]) {
        assert.equal(incremental.stages[index], previous.stages[index], `line ${line}: stage ${index} kept`);
        assert.equal(incremental.stages[index]?.from.index, fresh.stages[index]?.from.index, `line ${line}: stage ${index} renumbered`);
      }
    }
  });

  it('global ARGs of a later segment that a FROM above makes a stage\'s, or a FROM removed makes global again', () => {
    const globals = Array.from({ length: 8 }, (_, i) => `ARG A${i}=${i}`);
    const stages = ['FROM alpine:3.20 AS one', 'RUN echo $A1', 'FROM one', 'ARG A2', 'RUN echo $A2'];
    const cases: (readonly [string[], string[]])[] = [
      [[...globals, ...stages], ['FROM busybox AS zero', ...globals, ...stages]],
      [[...globals, ...stages], [globals[0] ?? '', 'FROM busybox AS zero', ...globals.slice(1), ...stages]],
      [['FROM busybox AS zero', ...globals, ...stages], [...globals, ...stages]],
      [[globals[0] ?? '', 'FROM busybox AS zero', ...globals.slice(1), ...stages], [globals[0] ?? '', '# FROM busybox AS zero', ...globals.slice(1), ...stages]],
    ];
    for (const [before, after] of cases) {
      const label = JSON.stringify(after);
      const cache = new SegmentCache(3);
      runRules(buildModel({ uri: 'file:///x/Dockerfile', version: 1, text: lines(...before) }, cache));
      const incremental = buildModel({ uri: 'file:///x/Dockerfile', version: 2, text: lines(...after) }, cache);
      const fresh = buildModel({ uri: 'file:///x/Dockerfile', version: 2, text: lines(...after) });
      assert.deepEqual(plain(incremental.globalVariables), plain(fresh.globalVariables), label);
      assert.deepEqual(plain(incremental.stages), plain(fresh.stages), label);
      assertInstructionIdentity(incremental, label);
      assert.deepEqual(asSent(runRules(incremental)), asSent(runRules(fresh)), label);
    }
  });

  it(`after an edit at three places of every corpus file (${corpusFiles.length} files)`, { skip: corpusFiles.length === 0 ? `no corpus at ${CORPUS}` : false }, () => {
    for (const [index, file] of corpusFiles.entries()) {
      const text = fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8');
      for (const fraction of [0.1, 0.5, 0.9]) {
        const insert = EDITS[(index + Math.round(fraction * 10)) % EDITS.length] ?? 'x';
        assertIncrementalEqualsFresh(text, edit(text, Math.floor(text.length * fraction), 0, insert), `${file} @${fraction} ${JSON.stringify(insert)}`);
      }
    }
  });
});
