import type { Position, Range } from 'vscode-languageserver-types';

export type { Position, Range };

/** A position in the 1-based `line:col` convention that terminals and CI tools print. */
export interface CliPosition {
  readonly line: number;
  readonly column: number;
}

export function toCliPosition(position: Position): CliPosition {
  return { line: position.line + 1, column: position.character + 1 };
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** The same range `lines` lower (higher when negative): where text lands after lines are added above it. */
export function moveRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

export function rangeContains(outer: Range, position: Position): boolean {
  return comparePositions(outer.start, position) <= 0 && comparePositions(position, outer.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** In items sorted by position with disjoint line spans, the index of the one whose lines hold `line`. */
export function indexAtLine(items: readonly { readonly range: Range }[], line: number): number | undefined {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = items[mid];
    if (candidate === undefined) return undefined;
    if (line < candidate.range.start.line) high = mid - 1;
    else if (line > candidate.range.end.line) low = mid + 1;
    else return mid;
  }
  return undefined;
}

/** In items sorted by position, the index of the last one that starts on or before `line`. */
export function lastStartingBy(items: readonly { readonly range: Range }[], line: number): number | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = items[mid];
    if (candidate === undefined) return found;
    if (candidate.range.start.line <= line) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
