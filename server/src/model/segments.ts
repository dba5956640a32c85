import { DockerfileParser } from 'dockerfile-ast';
import type { Comment, Instruction, ParserDirective } from 'dockerfile-ast';
import { LineIndex } from './lines';
import { buildInstruction, placeInPlace } from './instruction';
import { shareArgumentSplits } from './astArgumentSplits';
import { COMMENT_OR_BLANK, InstructionLines } from './instructionLines';
import { firstNonBlank } from './blanks';
import { commentOnLine, plainInstructionLines, readPlainInstruction } from './plainLines';
import { LineShift, keptRange } from './positions';
import { joined } from './lists';
import type { CommentModel, DockerfileModel, InstructionModel, ParserDirectiveModel } from './types';

/**
 * Parsing in pieces. dockerfile-ast's cost grows faster than the file (a whole 20,000-line file takes about
 * twice as long as its pieces), and a keystroke changes one piece: so the text is cut into segments of whole
 * instructions, each parsed on its own, and a segment whose text did not change is not parsed again.
 *
 * The cut is made only where dockerfile-ast cannot see anything else: at a line that starts an instruction,
 * outside any line continuation and any heredoc body. The scanner errs towards "still inside" (either escape
 * character continues a line, a heredoc ends only at an exact terminator line, every `<<word` opens one), so a
 * doubtful place is simply not a cut; `test/model/segments.test.ts` checks the result equals a whole-file
 * parse over the corpus and over random text.
 *
 * Within a segment, plain instructions and comment lines are read line by line (plainLines.ts) and only the
 * rest goes to dockerfile-ast (readMixed).
 */

/** Lines per segment before a cut is looked for. */
const SEGMENT_LINES = 40;

export interface ParsedText {
  readonly escapeChar: string;
  readonly directives: readonly ParserDirectiveModel[];
  readonly comments: readonly CommentModel[];
  readonly instructions: readonly InstructionModel[];
}

interface Placement {
  readonly line: number;
  readonly index: number;
  readonly stages: number;
  readonly instructions: readonly InstructionModel[];
  readonly comments: readonly CommentModel[];
}

/**
 * One parsed segment. Only its latest placement is kept (the instructions at their place in the document);
 * placing it elsewhere shifts that one by the difference, so the segment is held in memory once.
 */
interface LocalSegment {
  placed: Placement;
  readonly directives: readonly ParserDirectiveModel[];
  readonly escapeChar: string;
  readonly fromCount: number;
  /** Its reading ended at an instruction start (the parser reads nothing past its last line): a cut after it holds. */
  readonly endsFresh: boolean;
}

/** Parsed segments and checked cuts of one document's previous version, by text; a new version takes what it can reuse. */
export class SegmentCache {
  /**
   * The segments after the first, by their text as it stands in the document (a view into it: a key made by
   * concatenation was a copy of the whole text per keystroke), read with `escapeChar`.
   */
  segments = new Map<string, LocalSegment>();
  escapeChar = '\\';
  /** The first segment, which also reads the parser directives. */
  first: { readonly text: string; readonly segment: LocalSegment } | undefined;
  probes = new Map<string, boolean>();
  /** The other copies of a segment whose text occurs more than once in the file, each placed once (see place). */
  repeats = new Map<string, LocalSegment[]>();
  previous: PreviousCuts | undefined;
  /**
   * The last model built with this cache (one per document), whose stages the next build reuses where nothing
   * they derive from changed. A field, not a WeakMap keyed by the cache: Node 20's scavenger keeps a WeakMap's
   * values alive while their keys are young, so every model survived into old space before it could die.
   */
  lastModel: DockerfileModel | undefined;
  /** Lines per segment before a cut is looked for (tests make it small to cut often). */
  constructor(readonly segmentLines = SEGMENT_LINES) {}
}

const CUTTABLE = /^[ \t]*[A-Za-z]/;

/**
 * The first line of each segment from line `from` (a segment start, where the reader's state is fresh), at
 * instruction starts as InstructionLines reads them. `synced` says whether a line where a cut may go starts the
 * unchanged rest of the previous version at one of its own segment starts: from there on the previous cuts
 * hold as they were, and the scan stops.
 */
function scanStarts(lines: LineIndex, escapeChar: string, segmentLines: number, from: number, synced: ((line: number) => boolean) | undefined): { starts: number[]; syncedAt: number | undefined } {
  const starts = [from];
  const reader = new InstructionLines(escapeChar);
  for (let line = from; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (reader.atInstructionStart && !COMMENT_OR_BLANK.test(text)) {
      if (line > from && synced?.(line) === true && CUTTABLE.test(text)) return { starts, syncedAt: line };
      // A cut only before a plain keyword: a parse strips a BOM at its start, which mid-file is text.
      if (line - (starts[starts.length - 1] ?? 0) >= segmentLines && CUTTABLE.test(text)) starts.push(line);
    }
    reader.next(text);
  }
  return { starts, syncedAt: undefined };
}

/**
 * The segment starts of a new version, proposed from the previous one's: its starts above the first changed
 * line stand; the scan resumes at the last of them and, once past the changed lines, rejoins the previous
 * starts (moved by the lines added or removed) at the first it meets. Cuts are placed relative to each other,
 * so a fresh scan after an edit that moves one cut would move every later one, and every later segment would
 * be parsed again.
 */
function proposedStarts(text: string, lines: LineIndex, escapeChar: string, segmentLines: number, previous: PreviousCuts | undefined): number[] {
  if (previous === undefined || previous.escapeChar !== escapeChar || previous.segmentLines !== segmentLines) return scanStarts(lines, escapeChar, segmentLines, 0, undefined).starts;
  const old = previous.text;
  if (old === text) return [...previous.starts];
  const prefix = commonPrefixLength(old, text);
  const suffix = commonSuffixLength(old, text, Math.min(old.length, text.length) - prefix);
  const firstChanged = lines.positionAt(prefix).line;
  // Lines after the one where the unchanged end begins are the previous version's, `delta` lines further down.
  const lastChanged = lines.positionAt(text.length - suffix).line;
  const delta = lines.lineCount - previous.lineCount;
  const kept = previous.starts.filter((start) => start < firstChanged);
  const from = kept.pop() ?? 0;
  const moved = previous.starts.map((start) => start + delta);
  const rejoin = new Set(moved.filter((start) => start > lastChanged));
  const scan = scanStarts(lines, escapeChar, segmentLines, from, (line) => rejoin.has(line));
  const syncedAt = scan.syncedAt;
  if (syncedAt === undefined) return [...kept, ...scan.starts];
  return [...kept, ...scan.starts, ...moved.filter((start) => start >= syncedAt)];
}

/**
 * How many leading characters two versions share, by halving windows compared with `===` on substrings, which V8
 * does natively (a character loop took 0.7 ms per 200 KB, per keystroke; startsWith on a slice is no faster).
 */
export function commonPrefixLength(a: string, b: string): number {
  let known = 0;
  let limit = Math.min(a.length, b.length);
  while (known < limit) {
    const mid = known + Math.ceil((limit - known) / 2);
    if (a.substring(known, mid) === b.substring(known, mid)) known = mid;
    else limit = mid - 1;
  }
  return known;
}

/** How many trailing characters two versions share, at most `limit` (so the shared end and start do not overlap). */
export function commonSuffixLength(a: string, b: string, limit: number): number {
  let known = 0;
  while (known < limit) {
    const mid = known + Math.ceil((limit - known) / 2);
    if (a.substring(a.length - mid, a.length - known) === b.substring(b.length - mid, b.length - known)) known = mid;
    else limit = mid - 1;
  }
  return known;
}

/** The previous version's text and segment starts, for the next version's scan to rejoin. */
interface PreviousCuts {
  readonly text: string;
  readonly lineCount: number;
  readonly escapeChar: string;
  readonly segmentLines: number;
  readonly starts: readonly number[];
}

/**
 * A first line the parser may read parser directives from: a comment with an `=` (its directive reader stops
 * at the first line that is not one, so with any other first line there are none).
 */
const MAY_BE_DIRECTIVE = /^[ \t]*#.*=/;

/** The escape character, from the parser directives above the first instruction. */
function escapeCharOf(text: string, lines: LineIndex): string {
  if (!MAY_BE_DIRECTIVE.test(lines.lineText(0).replace(/^\uFEFF/, ''))) return '\\';
  let end = 0;
  while (end < lines.lineCount && COMMENT_OR_BLANK.test(end === 0 ? lines.lineText(0).replace(/^\uFEFF/, '') : lines.lineText(end))) end++;
  return end === 0 ? '\\' : DockerfileParser.parse(text.slice(0, lines.offsetAt(end, 0))).getEscapeCharacter();
}

/**
 * The document's directives, comments and instructions. `readPlainLines` false: the parser reads every line
 * (the reference the tests compare plain-line reading with).
 */
export function parseSegmented(text: string, lines: LineIndex, cache: SegmentCache | undefined, segmentLines = cache?.segmentLines ?? SEGMENT_LINES, readPlainLines = true): ParsedText {
  shareArgumentSplits();
  const escape = escapeCharOf(text, lines);
  const proposed = proposedStarts(text, lines, escape, segmentLines, cache?.previous);
  const starts: number[] = [];
  const next = new SegmentCache(segmentLines);
  // Each placed segment's lists, joined at the end into lists of exact size.
  const placedInstructions: (readonly InstructionModel[])[] = [];
  const placedComments: (readonly CommentModel[])[] = [];
  let instructionCount = 0;
  let directives: readonly ParserDirectiveModel[] = [];
  let escapeChar = escape;
  let stagesBefore = 0;
  const sliceLines = (from: number, to: number | undefined): string => text.slice(lines.offsetAt(from, 0), to === undefined ? text.length : lines.offsetAt(to, 0));
  const segmentAt = (startLine: number, segmentText: string): LocalSegment => {
    const at = { line: startLine, index: instructionCount, stages: stagesBefore };
    // Only the first segment sees the parser directives; the others are told the escape character.
    if (startLine === 0) {
      const known = cache?.first?.text === segmentText ? cache.first.segment : next.first?.text === segmentText ? next.first.segment : undefined;
      const local = known ?? parseLocal(segmentText, undefined, escape, at, readPlainLines);
      next.first = { text: segmentText, segment: local };
      return local;
    }
    const earlier = cache?.escapeChar === escapeChar ? cache.segments.get(segmentText) : undefined;
    const local = earlier ?? next.segments.get(segmentText) ?? parseLocal(segmentText, escapeChar, escape, at, readPlainLines);
    next.segments.set(segmentText, local);
    return local;
  };
  const placedHere = new Set<LocalSegment>();
  let cutIndex = 1;
  for (let startLine = 0; startLine < lines.lineCount || startLine === 0;) {
    let end = proposed[cutIndex];
    let local = segmentAt(startLine, sliceLines(startLine, end));
    // A proposed cut stands only if dockerfile-ast itself starts an instruction there; otherwise merge on.
    while (end !== undefined && !cutHolds(local, startLine, end, text, lines, escapeChar, cache, next)) {
      end = proposed[++cutIndex];
      local = segmentAt(startLine, sliceLines(startLine, end));
    }
    cutIndex++;
    starts.push(startLine);
    if (startLine === 0) {
      // The cuts assumed the directives' escape character; should the parse disagree, parse the file whole.
      if (local.escapeChar !== escape && end !== undefined) return parseSegmented(text, lines, cache, Number.MAX_SAFE_INTEGER, readPlainLines);
      escapeChar = local.escapeChar;
      directives = local.directives;
    }
    // The same text again in one file (a repeated block): another copy, the previous version's in order if it had one.
    if (placedHere.has(local)) {
      const segmentText = sliceLines(startLine, end);
      const spare = cache?.escapeChar === escapeChar ? cache.repeats.get(segmentText)?.shift() : undefined;
      local = spare ?? parseLocal(segmentText, escapeChar, escape, { line: startLine, index: instructionCount, stages: stagesBefore }, readPlainLines);
      const copies = next.repeats.get(segmentText);
      if (copies === undefined) next.repeats.set(segmentText, [local]);
      else copies.push(local);
    }
    placedHere.add(local);
    const placed = place(local, startLine, instructionCount, stagesBefore);
    placedInstructions.push(placed.instructions);
    placedComments.push(placed.comments);
    instructionCount += placed.instructions.length;
    stagesBefore += local.fromCount;
    if (end === undefined) break;
    startLine = end;
  }
  if (cache !== undefined) {
    cache.segments = next.segments;
    cache.escapeChar = escapeChar;
    cache.first = next.first;
    cache.probes = next.probes;
    cache.repeats = next.repeats;
    cache.previous = { text, lineCount: lines.lineCount, escapeChar: escape, segmentLines, starts };
  }
  return { escapeChar, directives, comments: joined(placedComments), instructions: joined(placedInstructions) };
}

/**
 * Whether the whole-file parse starts an instruction at line `cut`: decided by parsing from the start of the
 * segment's last instruction (a true instruction start, where the parser's state is fresh) to the end of the
 * cut line. Cached by that text, so an unchanged boundary is checked once.
 */
function cutHolds(local: LocalSegment, startLine: number, cut: number, text: string, lines: LineIndex, escapeChar: string, cache: SegmentCache | undefined, next: SegmentCache): boolean {
  // Read to its end line by line, its last instruction plain: the cut line (a keyword) starts the next one.
  if (local.endsFresh) return true;
  const { instructions, line } = local.placed;
  const last = instructions[instructions.length - 1];
  const probeStart = startLine + (last === undefined ? 0 : last.range.start.line - line);
  const probe = text.slice(lines.offsetAt(probeStart, 0), lines.offsetAt(cut + 1, 0));
  const key = `${escapeChar}\u0000${cut - probeStart}\u0000${probe}`;
  let holds = cache?.probes.get(key) ?? next.probes.get(key);
  // Nothing that can carry an instruction over a line end (an escape, a heredoc, a BOM or lone CR): the
  // instruction ended at its line end, as the cut assumed. The common case, so no parse is spent on it.
  if (holds === undefined && !probe.includes(escapeChar) && !probe.includes('<') && !probe.includes('\uFEFF') && !/\r(?!\n)/.test(probe)) holds = true;
  if (holds === undefined) {
    const prefix = escapeChar === '\\' ? '' : `# escape=${escapeChar}\n`;
    const cutLine = cut - probeStart + (prefix === '' ? 0 : 1);
    const firstColumn = lines.lineText(cut).length - lines.lineText(cut).trimStart().length;
    holds = !probe.startsWith('\uFEFF') && DockerfileParser.parse(prefix + probe).getInstructions()
      .some((instruction) => instruction.getRange().start.line === cutLine && instruction.getRange().start.character === firstColumn);
  }
  next.probes.set(key, holds);
  return holds;
}

/**
 * The text as a string of its own. A slice of the document's text is, in V8, a view that keeps the whole
 * document string alive; a segment outlives many versions, so each parsed segment pinned the full text of the
 * version it came from (60 edits of a 20k-line file: +64 MB of old texts).
 */
function detachedCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/**
 * The segment read and built where it is first placed, so that placing it there copies nothing. The first
 * segment reads the file's directives; `knownEscape` is what they were found to say (escapeCharOf).
 */
function parseLocal(segmentText: string, escapeFromFirstSegment: string | undefined, knownEscape: string, at: { readonly line: number; readonly index: number; readonly stages: number }, readPlainLines: boolean): LocalSegment {
  // A leading escape directive line when the file uses a backtick: every range below is one line lower.
  const prefix = escapeFromFirstSegment !== undefined && escapeFromFirstSegment !== '\\' ? `# escape=${escapeFromFirstSegment}\n` : '';
  const source = detachedCopy(prefix + segmentText);
  const lines = new LineIndex(source);
  const segment: SegmentSource = { source, lines, prefixLines: prefix === '' ? 0 : 1, lineOffset: at.line - (prefix === '' ? 0 : 1), atFileStart: escapeFromFirstSegment === undefined, index: at.index, stages: at.stages };
  // A BOM or a lone CR anywhere: the parser reads the segment (rare, and not worth imitating).
  const plainReading = readPlainLines && !source.includes('\uFEFF') && !/\r(?!\n)/.test(source);
  const content = (plainReading ? readMixed(segment, escapeFromFirstSegment ?? knownEscape) : undefined) ?? parsedWhole(segment);
  return {
    placed: { line: at.line, index: at.index, stages: at.stages, instructions: content.instructions, comments: content.comments },
    directives: content.directives,
    escapeChar: content.escapeChar,
    fromCount: content.instructions.filter((instruction) => instruction.keyword === 'FROM').length,
    endsFresh: content.endsFresh,
  };
}

/** A segment's text, where it goes, and how much of it is the escape directive prepended to it. */
interface SegmentSource {
  readonly source: string;
  readonly lines: LineIndex;
  readonly prefixLines: number;
  /** How much lower the document has `lines`' lines. */
  readonly lineOffset: number;
  /** The segment starts the file: the parser directives are its own. */
  readonly atFileStart: boolean;
  readonly index: number;
  readonly stages: number;
}

interface SegmentContent {
  readonly instructions: InstructionModel[];
  readonly comments: CommentModel[];
  readonly directives: readonly ParserDirectiveModel[];
  readonly escapeChar: string;
  /** See LocalSegment.endsFresh. */
  readonly endsFresh: boolean;
}

function parsedWhole(segment: SegmentSource): SegmentContent {
  const ast = DockerfileParser.parse(segment.source);
  const escapeChar = ast.getEscapeCharacter();
  return {
    instructions: liftInstructions(ast.getInstructions(), segment.lines, escapeChar, segment.lineOffset, segment.index, segment.stages),
    comments: commentsOf(ast.getComments(), segment.lineOffset),
    directives: segment.prefixLines > 0 ? [] : directivesOf(ast.getDirectives()),
    escapeChar,
    endsFresh: false,
  };
}

function commentsOf(comments: readonly Comment[], lineOffset: number): CommentModel[] {
  return comments.map((comment) => ({ text: comment.getContent(), range: keptRange(comment.getRange(), lineOffset) }));
}

function directivesOf(directives: readonly ParserDirective[]): ParserDirectiveModel[] {
  return directives.map((directive) => ({
    name: directive.getName(),
    value: directive.getValue(),
    range: directive.getRange(),
    nameRange: directive.getNameRange(),
    valueRange: directive.getValueRange(),
  }));
}

/**
 * The segment read line by line: plain instruction lines and comment lines (model/plainLines.ts) by this
 * module, everything from any other instruction on by the parser, up to the next plain instruction line where
 * the parser's own reading of that stretch starts an instruction (it confirms; if it does not, the parser reads
 * the rest of the segment). Undefined when the parser directives name another escape character than the one
 * the lines were judged by.
 */
function readMixed(segment: SegmentSource, escapeChar: string): SegmentContent | undefined {
  const { source, lines, lineOffset } = segment;
  const instructions: InstructionModel[] = [];
  const comments: CommentModel[] = [];
  let directives: readonly ParserDirectiveModel[] = [];
  let parsedEscape = escapeChar;
  let stages = segment.stages;
  const takeInstruction = (instruction: InstructionModel): void => {
    instructions.push(instruction);
    if (instruction.keyword === 'FROM') stages++;
  };
  const take = (parsed: { instructions: readonly InstructionModel[]; comments: readonly CommentModel[] }): void => {
    for (const instruction of parsed.instructions) takeInstruction(instruction);
    for (const comment of parsed.comments) comments.push(comment);
  };
  const parseLines = (from: number, to: number | undefined): { instructions: InstructionModel[]; comments: CommentModel[] } => {
    const fileStart = segment.atFileStart && from === 0;
    const prefix = !fileStart && escapeChar !== '\\' ? `# escape=${escapeChar}\n` : '';
    const text = prefix + source.slice(lines.offsetAt(from, 0), to === undefined ? source.length : lines.offsetAt(to, 0));
    const ast = DockerfileParser.parse(text);
    if (fileStart) {
      directives = directivesOf(ast.getDirectives());
      parsedEscape = ast.getEscapeCharacter();
    }
    const offset = lineOffset + from - (prefix === '' ? 0 : 1);
    return {
      instructions: liftInstructions(ast.getInstructions(), new LineIndex(text), ast.getEscapeCharacter(), offset, segment.index + instructions.length, stages),
      comments: commentsOf(ast.getComments(), offset),
    };
  };
  const finish = (endsFresh: boolean): SegmentContent | undefined => (segment.atFileStart && parsedEscape !== escapeChar ? undefined : { instructions, comments, directives, escapeChar, endsFresh });
  /** Where the stretch the parser reads began (it is reading while `reader` is defined). */
  let parsedFrom = 0;
  let reader: InstructionLines | undefined;
  for (let line = segment.prefixLines; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (reader === undefined) {
      const plain = plainInstructionLines(lines, line, escapeChar);
      // The file's first lines may be parser directives: the parser reads them.
      const directiveLines = segment.atFileStart && line === 0 && MAY_BE_DIRECTIVE.test(text);
      const read = plain > 0 && !directiveLines ? readPlainInstruction(lines, line, plain, escapeChar, lineOffset, segment.index + instructions.length, stages, comments) : undefined;
      if (read !== undefined) {
        takeInstruction(read);
        line += plain - 1;
        continue;
      }
      if (!directiveLines && COMMENT_OR_BLANK.test(text)) {
        if (text.includes('#')) comments.push(commentOnLine(text, line + lineOffset));
        continue;
      }
      parsedFrom = line;
      reader = new InstructionLines(escapeChar);
      reader.next(text);
      continue;
    }
    // Only where the parser's stretch could end: not on each of its lines (a continuation line looks like a start).
    if (!reader.next(text)) continue;
    const plain = plainInstructionLines(lines, line, escapeChar);
    if (plain === 0) continue;
    const parsed = parseLines(parsedFrom, line + plain);
    const last = parsed.instructions[parsed.instructions.length - 1];
    if (last?.range.start.line !== line + lineOffset || last.range.start.character !== firstNonBlank(text)) {
      take(parseLines(parsedFrom, undefined));
      return finish(false);
    }
    take(parsed);
    reader = undefined;
    line += plain - 1;
  }
  if (reader !== undefined) take(parseLines(parsedFrom, undefined));
  return finish(reader === undefined);
}

/** Instructions in order, skipping the lines a detached heredoc (`<< EOF`) meant as its body. */
function liftInstructions(astInstructions: readonly Instruction[], lines: LineIndex, escapeChar: string, lineOffset: number, firstIndex: number, stagesBefore: number): InstructionModel[] {
  const result: InstructionModel[] = [];
  let stageIndex = stagesBefore - 1;
  let skipThroughLine = -1;
  for (const ast of astInstructions) {
    if (ast.getRange().start.line <= skipThroughLine) continue;
    if (ast.getKeyword().toUpperCase() === 'FROM') stageIndex++;
    const model = buildInstruction(ast, firstIndex + result.length, stageIndex, lines, escapeChar, lineOffset);
    for (const detached of model.detachedHeredocs) skipThroughLine = Math.max(skipThroughLine, detached.bodyRange.end.line - lineOffset);
    result.push(model);
  }
  return result;
}

/**
 * The segment's instructions and comments at their place in this version: the previous placement's objects,
 * renumbered and moved in place (see placeInPlace). A segment is placed once per version (parseSegmented reads
 * a second copy of the same text anew).
 */
function place(local: LocalSegment, line: number, index: number, stages: number): Placement {
  const previous = local.placed;
  if (previous.line === line && previous.index === index && previous.stages === stages) return previous;
  const shift = line === previous.line ? undefined : new LineShift(line - previous.line);
  for (const instruction of previous.instructions) placeInPlace(instruction, index - previous.index, stages - previous.stages, shift);
  if (shift !== undefined) for (const comment of previous.comments) shift.move(comment.range);
  local.placed = { line, index, stages, instructions: previous.instructions, comments: previous.comments };
  return local.placed;
}
