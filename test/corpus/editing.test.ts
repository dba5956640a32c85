import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/model';
import type { DockerfileModel } from '../../server/src/model';
import { formatDocument, DEFAULT_FORMAT_SETTINGS } from '../../server/src/features/formatting/format';
import { SemanticTokensProvider } from '../../server/src/features/semanticTokens';
import { TOKEN_TYPES, TOKEN_MODIFIERS } from '../../server/src/features/semanticTokens/legend';
import { symbolTable } from '../../server/src/model/symbols';
import { documentSymbols } from '../../server/src/features/outline/documentSymbols';
import { foldingRanges } from '../../server/src/features/outline/folding';
import { applyTextEdits } from '../helpers/edits';
import { CORPUS } from '../helpers/paths';

const files = fs.existsSync(path.join(CORPUS, 'files')) ? fs.readdirSync(path.join(CORPUS, 'files')).filter((f) => f.endsWith('Dockerfile')).sort() : [];
const OPTIONS = { tabSize: 4, insertSpaces: true };

const parse = (file: string, text: string): DockerfileModel => buildModel({ uri: `file:///corpus/${file}`, version: 1, text });

describe('editing features over the corpus (../shared/corpus)', () => {
  if (files.length === 0) {
    it('is absent on this machine, so the corpus checks are skipped', { skip: `no corpus at ${CORPUS}` }, () => undefined);
    return;
  }
  const texts = files.map((file) => ({ file, text: fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8') }));

  it(`formatting all ${files.length} files loses nothing, keeps every instruction and is idempotent`, () => {
    let changed = 0;
    for (const { file, text } of texts) {
      const model = parse(file, text);
      const formatted = applyTextEdits(text, formatDocument(model, OPTIONS, DEFAULT_FORMAT_SETTINGS));
      if (formatted !== text) changed++;
      assert.equal(formatted.replace(/\s+/g, '').toUpperCase(), text.replace(/\s+/g, '').toUpperCase(), `${file}: formatting changed more than whitespace and keyword case`);
      const again = parse(file, formatted);
      assert.deepEqual(again.instructions.map((i) => i.keyword), model.instructions.map((i) => i.keyword), `${file}: instructions changed`);
      assert.deepEqual(again.instructions.flatMap((i) => i.heredocs.map((h) => h.name)), model.instructions.flatMap((i) => i.heredocs.map((h) => h.name)), `${file}: heredocs changed`);
      assert.deepEqual(formatDocument(again, OPTIONS, DEFAULT_FORMAT_SETTINGS), [], `${file}: a second format still edits`);
    }
    assert.ok(changed > 0, 'formatting should have something to do on real files');
  });

  it('semantic tokens are in bounds, sorted, non-overlapping and in the legend, for every file', () => {
    const provider = new SemanticTokensProvider();
    for (const { file, text } of texts) {
      const model = parse(file, text);
      const { data } = provider.full(model);
      assert.equal(data.length % 5, 0);
      let line = 0;
      let start = 0;
      let previousEnd = -1;
      for (let i = 0; i < data.length; i += 5) {
        const [deltaLine = 0, deltaStart = 0, length = 0, type = 0, modifiers = 0] = data.slice(i, i + 5);
        if (deltaLine > 0) previousEnd = -1;
        line += deltaLine;
        start = deltaLine > 0 ? deltaStart : start + deltaStart;
        assert.ok(length > 0, `${file}: empty token at ${line}`);
        assert.ok(start >= previousEnd, `${file}: overlapping tokens at ${line}:${start}`);
        assert.ok(start + length <= model.lines.lineText(line).length, `${file}: token past the end of line ${line}`);
        assert.ok(type < TOKEN_TYPES.length && modifiers < 1 << TOKEN_MODIFIERS.length, `${file}: token outside the legend`);
        previousEnd = start + length;
      }
    }
  });

  it('symbols, outline and folding never point outside the file', () => {
    for (const { file, text } of texts) {
      const model = parse(file, text);
      for (const symbol of symbolTable(model).symbols) {
        for (const occurrence of symbol.occurrences) assert.ok(occurrence.range.end.line < model.lines.lineCount, `${file}: ${symbol.name}`);
      }
      for (const range of foldingRanges(model)) assert.ok(range.startLine < range.endLine && range.endLine < model.lines.lineCount, `${file}: fold ${range.startLine}-${range.endLine}`);
      assert.equal(documentSymbols(model).length >= model.stages.length, true);
    }
  });
});
