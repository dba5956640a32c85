import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/model/lines';
import { parseSegmented } from '../../server/src/model/segments';
import { SegmentCache, commonPrefixLength, commonSuffixLength } from '../../server/src/model/segments';
import { FUZZ_RUNS, FUZZ_SEED, anyDockerfile } from '../fuzz/dockerfiles';
import { CORPUS, CORPUS_DOCKERFILES } from '../helpers/paths';
import { parsedText, wholeParse } from '../helpers/parsedText';

/** Cut as often as the scanner allows (every instruction) and compare with one whole-file parse. */
function assertSameAsWhole(text: string, label: string): void {
  assert.deepEqual(parsedText(text, 1), wholeParse(text), label);
}

const corpusFiles = CORPUS_DOCKERFILES;

describe('parsing in segments gives exactly the whole-file parse', () => {
  it('on the cases that could fool the cut: continuations, both escape characters, heredocs, detached heredocs, comments, CRLF', () => {
    const cases = [
      'FROM a\nRUN x \\\n  y\nRUN z\n',
      '# escape=`\nFROM a\nRUN dir c:\\ `\n  /s\nRUN b\nCOPY c:\\x d\n',
      'FROM a\nRUN <<EOF\nRUN not an instruction\nEOF\nRUN real\n',
      'FROM a\nRUN <<-EOF\n\tRUN body\n\tEOF\nRUN after\n',
      'FROM a\nRUN cat <<A <<B\nRUN a\nA\nRUN b\nB\nRUN c\n',
      'FROM a\nRUN cat << EOF > /x\nRUN body\nEOF\nRUN after\n',
      'FROM a\nRUN x \\\n# comment\n  y\n\nRUN z\n',
      'FROM a\r\nRUN x \\\r\n  y\r\nRUN z\r\n',
      'FROM a\nRUN <<EOF\nnever terminated\nRUN x\n',
      'FROM a\nONBUILD RUN x \\\n  y\nONBUILD COPY a b\n',
      '\uFEFFFROM a\nRUN x\n',
      // Found by the fuzz test: dockerfile-ast's getHeredocs threw on this (a lone CR ends the continuation line).
      'FROM\nFROM\n\nADD  \\\r# escape=`\n',
      'ARG A=1\nFROM a AS one\nRUN echo $A\nFROM one\nCOPY --from=one /a /b\nFROM scratch\n',
    ];
    for (const text of cases) assertSameAsWhole(text, JSON.stringify(text));
  });

  it('on random and mutated Dockerfile text (fast-check, fixed seed)', () => {
    fc.assert(fc.property(anyDockerfile, (text) => assertSameAsWhole(text, JSON.stringify(text))), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });

  it(`on the corpus (${corpusFiles.length} files)`, { skip: corpusFiles.length === 0 ? `no corpus at ${CORPUS}` : false }, () => {
    for (const file of corpusFiles) assertSameAsWhole(fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8'), file);
  });

  it('after an edit, parsing with the previous version\'s segments gives the whole-file parse (fast-check, fixed seed)', () => {
    const edits = ['#', 'x', '\n', 'RUN a \\\n', '<<EOF\n', 'EOF\n', 'FROM b\n', '# escape=`\n', '`\n', '\r', ''];
    fc.assert(fc.property(fc.array(anyDockerfile, { minLength: 1, maxLength: 3 }), fc.nat(), fc.nat(3), fc.constantFrom(...edits), (parts, at, remove, insert) => {
      const before = parts.join('\n');
      const position = at % (before.length + 1);
      const after = before.slice(0, position) + insert + before.slice(position + remove);
      const cache = new SegmentCache(3);
      parseSegmented(before, new LineIndex(before), cache);
      assert.deepEqual(parsedText(after, 3, cache), wholeParse(after), JSON.stringify({ before, after }));
    }), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });

  it('an edit that moves one cut (an instruction commented out) still re-parses only its neighbourhood: the later cuts are rejoined', () => {
    const text = Array.from({ length: 400 }, (_, i) => (i % 12 === 0 ? `FROM base AS s${i}` : i % 12 === 5 ? 'RUN a && \\\n    b' : `RUN step ${i % 12}`)).join('\n');
    const cache = new SegmentCache();
    const before = parseSegmented(text, new LineIndex(text), cache, 40);
    // Comment out every instruction in turn near the top: each time the segments below are reused, not parsed again.
    let current = text;
    let previous = before;
    for (const line of [40, 41, 45, 90]) {
      const lines = current.split('\n');
      lines[line] = `#${lines[line] ?? ''}`;
      current = lines.join('\n');
      const after = parseSegmented(current, new LineIndex(current), cache, 40);
      const reused = new Set(previous.instructions);
      const fresh = after.instructions.filter((instruction) => !reused.has(instruction)).length;
      // The changed segment and the one after it, before the scan rejoins the previous cuts (without that: all ~400).
      assert.ok(fresh <= 100, `commenting out line ${line}: ${fresh} instructions parsed again (of ${after.instructions.length})`);
      assert.deepEqual(parsedText(current, 40), wholeParse(current));
      previous = after;
    }
  });

  it('parses a file it cannot cut (a heredoc word with the escape character in it) with 130,000 instructions after it', () => {
    // One segment of 130,000 instructions: collecting them with push(...spread) overflowed the call stack.
    const text = `FROM a\nRUN <<E\\F\nbody\nEF\n${'RUN a\n'.repeat(130_000)}`;
    const result = parseSegmented(text, new LineIndex(text), new SegmentCache());
    assert.equal(result.instructions.length, 130_002);
  });

  it('moves an instruction below an added or removed line in place: the same object, its ranges and variable references where a whole parse has them', () => {
    const body = Array.from({ length: 100 }, (_, i) => `RUN step ${i} $HOME \\\n  --and=${i} <<EOF\nbody ${i}\nEOF`).join('\n');
    const cache = new SegmentCache();
    let text = `FROM a\n${body}\n`;
    const first = parseSegmented(text, new LineIndex(text), cache, 20).instructions.at(-1);
    const referencesBefore = first?.variables.map((reference) => reference.range.start.line);
    for (const edit of [(t: string) => `\n\n${t}`, (t: string) => t.replace('\n\n', '\n'), (t: string) => `# a comment\n${t}`]) {
      text = edit(text);
      const parsed = parseSegmented(text, new LineIndex(text), cache, 20);
      assert.equal(parsed.instructions.at(-1), first, 'the last instruction is the object read first');
      assert.deepEqual(parsedText(text, 20, cache), wholeParse(text));
    }
    // Read before the moves (so moved along with the spans) and after them (found at the moved place).
    assert.deepEqual(first?.variables.map((reference) => reference.range.start.line), referencesBefore?.map((line) => line + 2));
  });

  it('keeps a copy of a segment that occurs more than once in a file for each place, so one set of objects is never in two places', () => {
    // Cut every 10 lines: the segments after the first are the same ten lines of text, three times.
    const cache = new SegmentCache();
    let text = `${['FROM a', ...Array.from({ length: 39 }, (_, i) => `RUN same ${(i + 1) % 10}`)].join('\n')}\n`;
    const before = parseSegmented(text, new LineIndex(text), cache, 10).instructions;
    assert.equal(new Set(before).size, before.length, 'no instruction object twice');
    // A line added in the first segment moves the three copies, and reads none of them again.
    text = text.replace('FROM a\n', 'FROM a\nRUN added\n');
    const after = parseSegmented(text, new LineIndex(text), cache, 10).instructions;
    assert.equal(new Set(after).size, after.length, 'no instruction object twice');
    assert.equal(after.slice(11).filter((instruction, i) => instruction === before[10 + i]).length, 30, 'every instruction of the copies is the object it was');
    assert.deepEqual(parsedText(text, 10, cache), wholeParse(text));
  });

  it('reuses unchanged segments: an edit re-parses only its own segment, and objects of unmoved segments are the same', () => {
    const text = Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? `FROM base${i} AS s${i}` : `RUN step ${i}`)).join('\n');
    const cache = new SegmentCache();
    const before = parseSegmented(text, new LineIndex(text), cache, 20);
    const edited = text.replace('RUN step 105', 'RUN step 105 changed');
    const after = parseSegmented(edited, new LineIndex(edited), cache, 20);
    const same = after.instructions.filter((instruction, i) => instruction === before.instructions[i]).length;
    assert.equal(same, 180, 'every instruction outside the edited 20-line segment is reused as is');
    assert.equal(after.instructions[105]?.argumentsText, 'step 105 changed');
    assert.deepEqual(parsedText(edited, 20, cache), wholeParse(edited));
    // A line added near the top moves every later segment: they are shifted, not parsed again, and still right.
    const inserted = `RUN first\n${edited}`;
    assert.deepEqual(parsedText(inserted, 20, cache), wholeParse(inserted));
  });
});

describe('the shared start and end of two versions', () => {
  it('equal a character-by-character comparison, the end never overlapping the start', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string(), fc.string({ unit: 'grapheme' }), (head, middle, tail) => {
      for (const [a, b] of [[head + middle + tail, head + tail], [head + tail, head + middle + tail], [head + middle, head + middle]] as const) {
        const limit = Math.min(a.length, b.length);
        let prefix = 0;
        while (prefix < limit && a[prefix] === b[prefix]) prefix++;
        let suffix = 0;
        while (suffix < limit - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
        assert.equal(commonPrefixLength(a, b), prefix);
        assert.equal(commonSuffixLength(a, b, limit - prefix), suffix);
      }
    }), { numRuns: FUZZ_RUNS * 20, seed: FUZZ_SEED });
  });
});
