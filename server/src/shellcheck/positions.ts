import type { DockerfileModel, Range } from '../model';
import type { RunScript } from './scripts';

/**
 * ShellCheck's `json1` positions are 1-based lines and columns counted in code points (a tab is one column,
 * an emoji one): converted to an index into the script's UTF-16 text, clamped to the script.
 */
export function scriptIndex(script: RunScript, lineStarts: readonly number[], line: number, column: number): number {
  const lineStart = lineStarts[Math.min(Math.max(line - 1, 0), lineStarts.length - 1)] ?? 0;
  let index = lineStart;
  for (let step = 1; step < column && index < script.text.length && script.text[index] !== '\n'; step++) {
    const code = script.text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return Math.min(index, script.text.length);
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/**
 * The Dockerfile range of script text [start, end): from the first character's place to just after the last
 * one's, so a range never swallows a line continuation it does not contain at its ends.
 */
export function documentRange(model: DockerfileModel, script: RunScript, start: number, end: number): Range {
  const from = script.base + (script.offsets[start] ?? 0);
  const to = end > start ? script.base + (script.offsets[end - 1] ?? 0) + 1 : from;
  return { start: model.lines.positionAt(from), end: model.lines.positionAt(Math.max(to, from)) };
}
