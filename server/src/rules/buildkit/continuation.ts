import { l10n } from '../../locale/l10n';
import type { Finding, Rule } from '../rule';

export const noEmptyContinuation: Rule = {
  id: 'NoEmptyContinuation',
  local: true,
  defaultSeverity: 'warning',
  buildkit: true,
  get summary() { return l10n.t('Empty lines inside a continued instruction are deprecated.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      const { start, end } = instruction.range;
      if (start.line === end.line) continue;
      const bodies = instruction.heredocs.flatMap((h) => [h.contentRange, h.terminatorRange]).filter((r) => r !== null);
      const empty: number[] = [];
      for (let line = start.line + 1; line < end.line; line++) {
        if (model.lines.lineText(line).trim() !== '') continue;
        if (bodies.some((r) => r !== null && line >= r.start.line && line <= r.end.line)) continue;
        empty.push(line);
      }
      const first = empty[0];
      if (first === undefined) continue;
      // One finding per instruction, as BuildKit makes; its fix removes every empty line of the instruction.
      found.push({
        range: { start: { line: first, character: 0 }, end: { line: first, character: 0 } },
        message: empty.length === 1
          ? l10n.t('Empty continuation line: an empty line inside an instruction continued with the escape character is deprecated and will become an error.')
          : l10n.t`Empty continuation lines (${empty.length} in this instruction): an empty line inside an instruction continued with the escape character is deprecated and will become an error.`,
        fixes: [{
          title: empty.length === 1 ? l10n.t('Remove the empty line') : l10n.t('Remove the empty lines'),
          edits: empty.map((line) => ({ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' })),
        }],
      });
    }
    return found;
  },
};
