import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Range } from 'vscode-languageserver-types';
import { Span, keptRange, moveRange, range, rangeBetween } from '../../server/src/model/positions';
import { intern } from '../../server/src/model/intern';
import { trimmed } from '../../server/src/model/lists';
import { asSent, model } from '../helpers/model';

describe('the model’s ranges are Spans', () => {
  it('read, compare and serialize as LSP ranges', () => {
    const span = range(2, 4, 3, 1);
    assert.deepEqual(span.start, { line: 2, character: 4 });
    assert.deepEqual(span.end, { line: 3, character: 1 });
    assert.ok(Range.is(span), 'vscode-languageserver-types accepts it as a Range');
    assert.equal(JSON.stringify({ range: span }), '{"range":{"start":{"line":2,"character":4},"end":{"line":3,"character":1}}}');
    assert.deepEqual(JSON.parse(JSON.stringify(rangeBetween({ line: 1, character: 0 }, { line: 1, character: 5 }))), { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  });

  it('move as values, and a literal kept by the model becomes one', () => {
    const span = range(2, 4, 3, 1);
    assert.equal(moveRange(span, 0), span);
    assert.deepEqual(asSent(moveRange(span, 5)), { start: { line: 7, character: 4 }, end: { line: 8, character: 1 } });
    const literal = { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } };
    const kept = keptRange(literal, 0);
    assert.ok(kept instanceof Span);
    assert.deepEqual(kept.toJSON(), literal);
    assert.equal(keptRange(kept, 0), kept);
  });

  it('are what both readers give every range of an instruction (plain lines and dockerfile-ast)', () => {
    // The first RUN is read line by line; the heredoc goes to dockerfile-ast.
    const built = model('FROM alpine:3.20 AS base\nRUN --mount=type=cache,target=/root/.cache apk add curl\nRUN <<EOF\necho $HOME\nEOF\nENV A=1 B="two"\n');
    for (const instruction of built.instructions) {
      const ranges = [
        instruction.range, instruction.keywordRange, instruction.argumentsRange,
        ...instruction.args.map((a) => a.range),
        ...instruction.flags.flatMap((f) => [f.range, f.nameRange, f.valueRange, ...f.options.flatMap((o) => [o.range, o.valueRange])]),
        ...instruction.properties.flatMap((p) => [p.range, p.nameRange, p.valueRange]),
        ...instruction.heredocs.flatMap((h) => [h.range, h.nameRange, h.contentRange, h.terminatorRange]),
        ...instruction.variables.flatMap((v) => [v.range, v.nameRange]),
      ].filter((r) => r !== null && r !== undefined);
      for (const r of ranges) assert.ok(r instanceof Span, `${instruction.keyword}: ${JSON.stringify(r)}`);
    }
    assert.ok(built.comments.every((c) => c.range instanceof Span));
  });
});

describe('the model’s lists and words', () => {
  it('a list built by push is kept as an exact copy, an empty one as the shared empty list', () => {
    const grown: number[] = [];
    grown.push(1, 2);
    const kept = trimmed(grown);
    assert.deepEqual(kept, [1, 2]);
    assert.notEqual(kept, grown);
    assert.equal(trimmed([]), trimmed([]));
  });

  it('interning gives back the text it was given', () => {
    for (const text of ['', '&&', 'RUN', 'a-much-longer-word-than-twelve', 'é😀']) assert.equal(intern(text), text);
  });
});
