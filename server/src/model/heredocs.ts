import type { Range } from './positions';
import { range } from './positions';
import type { LineIndex } from './lines';
import type { DetachedHeredoc, HeredocModel } from './types';
import { objectCache } from './objectCache';

/**
 * The builder recognises a heredoc only when its word follows `<<` directly (`<<EOF`, `<<-"EOF"`); in
 * `<< EOF` the `<<` is a word of its own, so the body lines that follow are read as instructions and the
 * build fails on the first of them. Found here so that one precise diagnostic replaces a cascade of
 * "unknown instruction" errors, and the body lines are not treated as instructions by any feature.
 */
export const DETACHED_HEREDOC = /(^|[\s;&|(])(\d*<<(-?))[ \t]+(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\4/g;

export function findDetachedHeredocs(instructionRange: Range, lines: LineIndex): DetachedHeredoc[] {
  const found: DetachedHeredoc[] = [];
  let searchFrom = instructionRange.end.line + 1;
  for (let line = instructionRange.start.line; line <= instructionRange.end.line; line++) {
    const text = lines.lineText(line);
    for (const match of text.matchAll(DETACHED_HEREDOC)) {
      const operator = match[2] ?? '';
      const delimiter = match[5] ?? '';
      const stripsTabs = match[3] === '-';
      const operatorStart = (match.index ?? 0) + (match[1] ?? '').length;
      const terminatorLine = findTerminator(lines, searchFrom, delimiter, stripsTabs);
      if (terminatorLine === undefined) continue;
      found.push({
        operatorRange: range(line, operatorStart, line, operatorStart + operator.length),
        delimiter,
        bodyRange: range(searchFrom, 0, terminatorLine, lines.lineText(terminatorLine).length),
      });
      searchFrom = terminatorLine + 1;
    }
  }
  return found;
}

/** Lines consisting of just a word (tabs allowed before it), by word: built once per document, on demand. */
const terminatorIndex = objectCache<LineIndex, Map<string, number[]>>('heredoc terminator lines');

function candidateLines(lines: LineIndex): Map<string, number[]> {
  let index = terminatorIndex.get(lines);
  if (index === undefined) {
    index = new Map();
    for (let line = 0; line < lines.lineCount; line++) {
      const word = /^\t*([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(lines.lineText(line))?.[1];
      if (word === undefined) continue;
      const list = index.get(word);
      if (list === undefined) index.set(word, [line]);
      else list.push(line);
    }
    terminatorIndex.set(lines, index);
  }
  return index;
}

/** The first line at or after `from` that ends the heredoc; an index keeps many unterminated ones linear. */
function findTerminator(lines: LineIndex, from: number, delimiter: string, stripsTabs: boolean): number | undefined {
  for (const line of candidateLines(lines).get(delimiter) ?? []) {
    if (line < from) continue;
    if (stripsTabs || !lines.lineText(line).startsWith('\t')) return line;
  }
  return undefined;
}

/** The delimiter word on a heredoc's terminating line (after any leading tabs), or null when it never ends. */
export function terminatorWordRange(heredoc: HeredocModel): Range | null {
  if (heredoc.terminatorRange === null) return null;
  const { start, end } = heredoc.terminatorRange;
  return { start: { line: start.line, character: end.character - heredoc.name.length }, end };
}
