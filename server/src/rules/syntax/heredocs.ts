import { l10n } from '../../locale/l10n';
import type { Finding, Rule } from '../rule';

export const detachedHeredoc: Rule = {
  id: 'DetachedHeredoc',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('`<< EOF` with a space is not a heredoc to the builder; its body is read as instructions.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      for (const detached of instruction.detachedHeredocs) {
        found.push({
          range: detached.operatorRange,
          message: l10n.t`The builder only sees a heredoc when the word follows \`<<\` directly; with the space, the ${detached.bodyRange.end.line - detached.bodyRange.start.line + 1} lines after it (through \`${detached.delimiter}\`) are read as instructions and the build fails. Write \`<<${detached.delimiter}\` (quotes allowed: \`<<"${detached.delimiter}"\`).`,
          fixes: [{
            title: l10n.t('Remove the space after <<'),
            edits: [{ range: { start: detached.operatorRange.end, end: spaceEnd(model.lines.lineText(detached.operatorRange.end.line), detached.operatorRange.end) }, newText: '' }],
          }],
        });
      }
    }
    return found;
  },
};

function spaceEnd(lineText: string, from: { line: number; character: number }): { line: number; character: number } {
  let character = from.character;
  while (lineText[character] === ' ' || lineText[character] === '\t') character++;
  return { line: from.line, character };
}

export const unterminatedHeredoc: Rule = {
  id: 'UnterminatedHeredoc',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('A heredoc whose terminating line never comes.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      for (const heredoc of instruction.heredocs) {
        if (heredoc.terminatorRange !== null) continue;
        found.push({
          range: heredoc.range,
          message: l10n.t`Heredoc \`${heredoc.name}\` is never terminated: add a line containing only \`${heredoc.name}\`${heredoc.stripsTabs ? l10n.t(' (leading tabs allowed)') : ''}.`,
        });
      }
    }
    return found;
  },
};
