import type { FormattingOptions, Position, TextEdit } from 'vscode-languageserver';
import type { DockerfileModel } from '../../model';

/**
 * After Enter on a line that ends with the escape character: indent the new continuation line — one indent
 * below the instruction's first line, or as deep as the previous continuation line (keeps hand alignment).
 */
export function formatOnType(model: DockerfileModel, position: Position, typed: string, options: FormattingOptions): TextEdit[] {
  if (typed !== '\n' || position.line === 0) return [];
  const previous = model.lines.lineText(position.line - 1);
  if (!previous.trimEnd().endsWith(model.escapeChar)) return [];
  const instruction = model.instructionAt(position.line - 1);
  if (instruction === undefined || instruction.heredocs.some((h) => h.range.start.line < position.line)) return [];
  const unit = options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
  const indent = position.line - 1 === instruction.range.start.line ? unit : previous.slice(0, previous.length - previous.trimStart().length) || unit;
  const current = model.lines.lineText(position.line);
  const currentIndent = current.length - current.trimStart().length;
  if (current.slice(0, currentIndent) === indent) return [];
  return [{ range: { start: { line: position.line, character: 0 }, end: { line: position.line, character: currentIndent } }, newText: indent }];
}
