import type { DockerfileModel } from '../model';
import type { TextEdit } from '../rules/rule';

/** Applies non-overlapping LSP edits to a text (the CLI's and the tests' way to see the result). */
export function applyEdits(text: string, edits: readonly TextEdit[], model: DockerfileModel): string {
  const offset = (position: { line: number; character: number }): number => model.lines.offsetAt(position.line, position.character);
  const sorted = [...edits].map((edit, order) => ({ edit, order })).sort((a, b) => offset(b.edit.range.start) - offset(a.edit.range.start) || b.order - a.order);
  let result = text;
  for (const { edit } of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}
