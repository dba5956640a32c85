import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { DockerfileModel, InstructionModel } from '../../model';
import { isInstructionKeyword } from '../../reference/instructions';

export interface FormatSettings {
  /** `keep`: continuation lines indented at more than one depth (a hand-aligned script) stay as written. */
  readonly alignedScripts: 'keep' | 'reindent';
  /** Heredoc bodies are file contents or scripts: untouched unless trailing whitespace is asked to go. */
  readonly heredocBodies: 'keep' | 'trimTrailingWhitespace';
}

export const DEFAULT_FORMAT_SETTINGS: FormatSettings = { alignedScripts: 'keep', heredocBodies: 'keep' };

/**
 * Upper-case keywords (and `AS`), one space after the keyword, continuation lines at one indent, no
 * trailing whitespace, nothing before a top-level instruction or comment. Heredoc bodies and hand-aligned
 * scripts are left as written. Produces only edits that change something, so formatting twice is a no-op.
 */
export function formatDocument(model: DockerfileModel, options: FormattingOptions, settings: FormatSettings, range?: Range): TextEdit[] {
  const indent = options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
  const edits: TextEdit[] = [];
  const fromLine = range?.start.line ?? 0;
  const toLine = range === undefined ? model.lines.lineCount - 1 : (range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line);
  const handled = new Set<number>();
  for (const instruction of model.instructions) {
    if (instruction.range.end.line < fromLine || instruction.range.start.line > toLine) continue;
    formatInstruction(model, instruction, indent, settings, edits, handled);
  }
  for (let line = fromLine; line <= toLine; line++) {
    if (handled.has(line)) continue;
    const text = model.lines.lineText(line);
    // A top-level comment, a directive or a blank line: no leading or trailing whitespace.
    if (text.trim() === '' ? text !== '' : /^\s+#/.test(text)) edits.push(replace(line, 0, text.length - text.trimStart().length, ''));
    trimTrailing(model, line, edits);
  }
  return edits;
}

function formatInstruction(model: DockerfileModel, instruction: InstructionModel, indent: string, settings: FormatSettings, edits: TextEdit[], handled: Set<number>): void {
  const first = instruction.range.start.line;
  const last = instruction.range.end.line;
  const bodyLines = heredocBodyLines(instruction);
  const keyword = instruction.keywordRange;
  if (keyword.start.character > 0) edits.push(replace(first, 0, keyword.start.character, ''));
  casing(instruction, edits);
  if (instruction.trigger !== undefined) casing(instruction.trigger, edits);
  const firstText = model.lines.lineText(first);
  const gapEnd = firstText.length - firstText.slice(keyword.end.character).trimStart().length;
  if (gapEnd < firstText.length && firstText.slice(keyword.end.character, gapEnd) !== ' ') edits.push(replace(first, keyword.end.character, gapEnd, ' '));
  const continuation: number[] = [];
  for (let line = first; line <= last; line++) {
    handled.add(line);
    if (bodyLines.has(line)) {
      if (settings.heredocBodies === 'trimTrailingWhitespace') trimTrailing(model, line, edits);
      continue;
    }
    trimTrailing(model, line, edits);
    if (line > first && model.lines.lineText(line).trim() !== '') continuation.push(line);
  }
  const depths = new Set(continuation.filter((line) => !model.lines.lineText(line).trimStart().startsWith('#')).map((line) => leadingWidth(model.lines.lineText(line))));
  if (depths.size > 1 && settings.alignedScripts === 'keep') return;
  for (const line of continuation) {
    const text = model.lines.lineText(line);
    const current = text.length - text.trimStart().length;
    if (text.slice(0, current) !== indent) edits.push(replace(line, 0, current, indent));
  }
}

function casing(instruction: InstructionModel, edits: TextEdit[]): void {
  if (isInstructionKeyword(instruction.keyword) && instruction.keywordText !== instruction.keyword) {
    edits.push({ range: instruction.keywordRange, newText: instruction.keyword });
  }
  const asToken = instruction.keyword === 'FROM' ? instruction.args[1] : undefined;
  if (asToken !== undefined && asToken.value.toUpperCase() === 'AS' && asToken.value !== 'AS' && instruction.args.length === 3) {
    edits.push({ range: asToken.range, newText: 'AS' });
  }
}

function heredocBodyLines(instruction: InstructionModel): Set<number> {
  const lines = new Set<number>();
  for (const heredoc of instruction.heredocs) {
    const start = heredoc.range.start.line + 1;
    const end = heredoc.terminatorRange?.end.line ?? heredoc.contentRange?.end.line ?? instruction.range.end.line;
    for (let line = start; line <= end; line++) lines.add(line);
  }
  return lines;
}

function leadingWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (char === ' ') width++;
    else if (char === '\t') width += 4;
    else break;
  }
  return width;
}

function trimTrailing(model: DockerfileModel, line: number, edits: TextEdit[]): void {
  const text = model.lines.lineText(line);
  const trimmed = text.trimEnd().length;
  if (trimmed < text.length && trimmed > 0) edits.push(replace(line, trimmed, text.length, ''));
}

function replace(line: number, from: number, to: number, newText: string): TextEdit {
  return { range: { start: { line, character: from }, end: { line, character: to } }, newText };
}
