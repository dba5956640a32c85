import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/model/lines';
import { FUZZ_RUNS, FUZZ_SEED } from '../fuzz/dockerfiles';

const pieces = fc.constantFrom('RUN a', ' ', '\\', '\n', '\r', '\r\n', '\n\r', 'é', '😀', '\t', '#');
const anyText = fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join(''));

describe('the line index', () => {
  it('agrees with the LSP text document on line count, offsets and positions, with and without CR', () => {
    fc.assert(fc.property(anyText, (text) => {
      const index = new LineIndex(text);
      const document = TextDocument.create('file:///x', 'dockerfile', 1, text);
      assert.equal(index.lineCount, document.lineCount);
      for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(index.positionAt(offset), document.positionAt(offset));
      for (let line = 0; line < index.lineCount; line++) assert.equal(index.offsetAt(line, 0), document.offsetAt({ line, character: 0 }));
    }), { numRuns: FUZZ_RUNS * 10, seed: FUZZ_SEED });
  });
});
