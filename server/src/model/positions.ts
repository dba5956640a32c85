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

/**
 * The model's ranges: four numbers in one object. A `{ start, end }` literal is three objects of 40 bytes each
 * (positions are rarely shared), and a 20,000-line model held 150k ranges and 200k positions — 14 MB of its
 * 37. `start` and `end` are made when read (short-lived; optimized code does not allocate them at all), and
 * `toJSON` gives LSP its `{ start, end }` shape, so a Span goes wherever a Range does. The lines change only
 * through `LineShift`, when a new version of the document moves the instruction that holds the span.
 */
export class Span implements Range {
  /** The last LineShift that moved this span (a span shared by two fields is moved once); private, so no test's deepEqual sees it. */
  #shiftMark = 0;

  constructor(
    public startLine: number,
    readonly startCharacter: number,
    public endLine: number,
    readonly endCharacter: number,
  ) {}

  get start(): Position {
    return { line: this.startLine, character: this.startCharacter };
  }

  get end(): Position {
    return { line: this.endLine, character: this.endCharacter };
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }

  /** Moves the span `lines` lower unless the shift marked `mark` moved it already. */
  moveOnce(lines: number, mark: number): void {
    if (this.#shiftMark === mark) return;
    this.#shiftMark = mark;
    this.startLine += lines;
    this.endLine += lines;
  }
}

let lastShiftMark = 0;

/**
 * One move of model objects `lines` lower (higher when negative), made in place: a line added above a parsed
 * segment moves its instructions, comments and what they hold, instead of copying them (a copy per Enter of
 * everything below the cursor was most of what a keystroke cost in a large file). Each span is moved once,
 * whichever fields share it. Only the model's own ranges are Spans (dockerfile-ast's are made into Spans when
 * kept), and only they may be moved: nothing outside the model keeps one expecting it to stay.
 */
export class LineShift {
  private readonly mark = ++lastShiftMark;

  constructor(readonly lines: number) {}

  move(range: Range | null | undefined): void {
    if (range instanceof Span) range.moveOnce(this.lines, this.mark);
  }
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return new Span(startLine, startChar, endLine, endChar);
}

/** The range from `start` to `end`. */
export function rangeBetween(start: Position, end: Position): Range {
  return new Span(start.line, start.character, end.line, end.character);
}

/** The same range `lines` lower (higher when negative): where text lands after lines are added above it. */
export function moveRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return new Span(range.start.line + lines, range.start.character, range.end.line + lines, range.end.character);
}

/** A range kept by the model: a Span (dockerfile-ast's ranges are literals), `lines` lower. */
export function keptRange(range: Range, lines: number): Range {
  if (lines === 0 && range instanceof Span) return range;
  return new Span(range.start.line + lines, range.start.character, range.end.line + lines, range.end.character);
}

/** The first line of a range, without making its start position (read per instruction on every keystroke). */
export function startLineOf(range: Range): number {
  return range instanceof Span ? range.startLine : range.start.line;
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
