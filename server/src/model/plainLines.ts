import { PROPERTY_KEYWORDS, commandOf, lexedInstruction, leadingFlags } from './instruction';
import type { LineIndex } from './lines';
import { firstNonBlank, firstNonBlankFrom, isBlank, wordEnd } from './blanks';
import { range, rangeBetween } from './positions';
import { intern } from './intern';
import { trimmed } from './lists';
import type { Position } from './positions';
import type { CommentModel, FlagModel, FlagOptionModel, InstructionModel, KeyValue, Token } from './types';

/**
 * Plain instructions, read without the parser. Most instructions are words with no escape or heredoc
 * (`FROM golang:1.22 AS build`, `COPY --from=build /out /bin/`, `RUN apt-get update && \` onto more such
 * lines), and most comments are lines of their own. For those, dockerfile-ast's reading is splitting on blanks,
 * yet it was most of the cost of opening a file: its parse, every getter splitting the text again, and a tree
 * of objects to throw away. This module gives the model's fields for such an instruction exactly as the
 * dockerfile-ast path does (imitating its quirks too); anything else goes to the parser.
 * `test/model/plainLines.test.ts` compares the two over the corpus, chosen cases and random text.
 */

/** A heredoc (`<<`) or a BOM: the parser's. */
const NEEDS_PARSER = /<<|\uFEFF/;
/**
 * What properties (ARG, ENV, LABEL) must not hold: single quotes (literal to the variable reader), a heredoc,
 * a BOM, a backslash (kept simple: the parser unescapes property values its own way).
 */
const NOT_IN_PROPERTIES = /[\\'\uFEFF]|<</;

/**
 * A line's text before a final escape that continues the instruction, or the whole line. `tight`: the escape
 * follows a word (`&&\`); the parser ends the word there only when the next line starts with a blank, and
 * otherwise joins the two lines' words into one.
 */
function bodyOf(text: string, escapeChar: string): { body: string; continued: boolean; tight: boolean } {
  if (text.length < 2 || !text.endsWith(escapeChar)) return { body: text, continued: false, tight: false };
  if (isBlank(text.charCodeAt(text.length - 2))) return { body: text.slice(0, -1), continued: true, tight: false };
  // Two escapes at the end (`\\`): which pairs with which is the parser's to say (plainWords declines it).
  if (text.charAt(text.length - 2) === escapeChar) return { body: text, continued: false, tight: false };
  return { body: text.slice(0, -1), continued: true, tight: true };
}

/**
 * Words with escapes read simply: each escape takes the next character into the word (`\"`, `\n`, `\\`). An
 * escape before a blank (an escaped space), a `#` or a `<`, or at the end, means more than that to the parser.
 */
function plainWords(body: string, escapeChar: string): boolean {
  // An escape at the end continues the line whatever comes before it (`\\` too), without a blank to end the word.
  if (NEEDS_PARSER.test(body) || body.endsWith(escapeChar)) return false;
  // Every escape, also the second of a pair: the parser's line reader does not pair them as its word reader does.
  for (let i = body.indexOf(escapeChar); i !== -1; i = body.indexOf(escapeChar, i + 1)) {
    const next = body.charCodeAt(i + 1);
    if (Number.isNaN(next) || isBlank(next) || next === 35 /* # */ || next === 60 /* < */) return false;
  }
  return true;
}

/**
 * Property words the parser reads as this module does: no escape, and a double quote only around a whole
 * value (`NAME="a b"`), closed on its line and followed by a space or the end, as its property reader wants.
 */
function plainProperties(body: string, escapeChar: string): boolean {
  if (NOT_IN_PROPERTIES.test(body) || body.includes(escapeChar)) return false;
  for (let open = body.indexOf('"'); open !== -1; open = body.indexOf('"', open)) {
    const close = body.indexOf('"', open + 1);
    if (body.charAt(open - 1) !== '=' || close === -1 || !['', ' '].includes(body.charAt(close + 1))) return false;
    const wordStart = Math.max(body.lastIndexOf(' ', open), body.lastIndexOf('\t', open)) + 1;
    if (body.slice(wordStart, open).includes('"')) return false;
    open = close + 1;
  }
  return true;
}

/** A word's value as dockerfile-ast gives it: escapes removed, except before `$`, which stays escaped. */
function unescaped(word: string, escapeChar: string): string {
  if (!word.includes(escapeChar)) return word;
  let value = '';
  for (let i = 0; i < word.length; i++) {
    const char = word.charAt(i);
    if (char !== escapeChar) {
      value += char;
      continue;
    }
    const next = word.charAt(++i);
    value += next === '$' ? char + next : next;
  }
  return value;
}

/**
 * How many lines the instruction starting on line `line` spans if this module reads it as dockerfile-ast
 * would; 0 if the parser must. Plain: words without heredocs (escapes only taking the next character),
 * continued by a final ` \` onto lines of the same kind, with blank and comment lines among them; ARG, ENV and
 * LABEL without escapes, double quotes only around whole values (plainProperties), the legacy `key value` form
 * on one line; ONBUILD as its trigger reads. (readPlainInstruction may still decline one: see there.)
 */
export function plainInstructionLines(lines: LineIndex, line: number, escapeChar: string): number {
  const text = lines.lineText(line);
  const start = firstNonBlank(text);
  if (start === -1 || text.charCodeAt(start) === 35 /* # */) return 0;
  const keywordEnd = wordEnd(text, start);
  const onbuild = text.slice(start, keywordEnd).toUpperCase() === 'ONBUILD';
  let { body, continued, tight } = bodyOf(text, escapeChar);
  // ONBUILD's trigger decides how the line reads; it must be on the line, and not another ONBUILD.
  const keywordStart = onbuild ? firstNonBlankFrom(body, keywordEnd) : start;
  const keyword = keywordStart === -1 ? '' : body.slice(keywordStart, wordEnd(body, keywordStart)).toUpperCase();
  // The keyword must be on the line (` \` alone is an instruction named by the escape character); an escape
  // in it joins it with what follows.
  if (keyword === '' || keyword === 'ONBUILD' || keyword.includes(escapeChar)) return 0;
  const properties = PROPERTY_KEYWORDS.has(keyword);
  if (properties) {
    // The legacy `ENV key value…` form on one line without quotes; the first property on the keyword's line.
    const firstWord = firstNonBlankFrom(body, wordEnd(body, keywordStart));
    const legacy = firstWord !== -1 && !body.slice(firstWord, wordEnd(body, firstWord)).includes('=');
    if (firstWord === -1 || (legacy && (continued || body.includes('"')))) return 0;
  }
  const plainBody = (line: string): boolean => (properties ? plainProperties(line, escapeChar) : plainWords(line, escapeChar));
  if (!plainBody(body)) return 0;
  // A tight escape is read here only after an argument, in words (not properties), and before a line that
  // starts with a blank and holds words (`&&\` then `    rm -rf …`, common in long RUNs).
  if (tight && (properties || firstNonBlankFrom(body, wordEnd(body, keywordStart)) === -1)) return 0;
  let end = line + 1;
  for (; continued; end++) {
    if (end >= lines.lineCount) return 0;
    const next = lines.lineText(end);
    const first = firstNonBlank(next);
    if (tight && (first < 1 || next.charCodeAt(first) === 35 /* # */ || next.startsWith(escapeChar, first))) return 0;
    // A comment line goes on the instruction whatever it ends with; the parser's word reader takes an escape in it.
    if (first !== -1 && next.charCodeAt(first) === 35 /* # */) {
      if (next.includes(escapeChar) || NEEDS_PARSER.test(next)) return 0;
      continue;
    }
    // A line of only the escape: a blank line that continues.
    if (first !== -1 && first === next.length - 1 && next.endsWith(escapeChar)) continue;
    // An escape first on a continuation line keeps the parser in the continuation (a `#` after it is a comment).
    if (first !== -1 && next.startsWith(escapeChar, first)) return 0;
    ({ body, continued, tight } = bodyOf(next, escapeChar));
    if (!plainBody(body) || (tight && properties)) return 0;
    // A blank line goes on the instruction too.
    if (firstNonBlank(body) === -1) continued = true;
  }
  return end - line;
}

/** A comment line at an instruction start (`#` its first non-blank character), as dockerfile-ast reads it. */
export function commentOnLine(text: string, line: number): CommentModel {
  const hash = text.indexOf('#');
  let start = hash + 1;
  while (start < text.length && isBlank(text.charCodeAt(start))) start++;
  let end = text.length;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return { text: text.slice(start, end), range: range(line, hash, line, text.length) };
}

/** How dockerfile-ast's instruction classes find flags: where they stop looking (absent: it does not lift flags). */
const FLAG_SEARCH = new Map<string, (word: string) => boolean>([
  ...['FROM', 'RUN', 'COPY', 'ADD'].map((keyword): [string, (word: string) => boolean] => [keyword, (word) => !word.includes('--')]),
  ['HEALTHCHECK', (word) => word.toUpperCase() === 'CMD' || word.toUpperCase() === 'NONE'],
  ...['CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME'].map((keyword): [string, (word: string) => boolean] => [keyword, () => true]),
]);

/**
 * The plain instruction on lines `line` to `line + count - 1` of `lines` (see plainInstructionLines), placed
 * `lineOffset` lines lower in the document: the file's instruction `index`, after `stagesBefore` stages began.
 * Comment lines within it go to `comments`. Undefined (nothing added) when a flag dockerfile-ast would lift
 * holds an escape, a backslash or no name, whose ranges it computes in ways not imitated here.
 */
export function readPlainInstruction(lines: LineIndex, line: number, count: number, escapeChar: string, lineOffset: number, index: number, stagesBefore: number, comments: CommentModel[]): InstructionModel | undefined {
  const text = lines.lineText(line);
  const start = firstNonBlank(text);
  const stageIndex = text.slice(start, wordEnd(text, start)).toUpperCase() === 'FROM' ? stagesBefore : stagesBefore - 1;
  const within: CommentModel[] = [];
  const read = readAt({ lines, escapeChar, lineOffset, lastLine: line + count - 1, comments: within }, line, start, index, stageIndex);
  if (read !== undefined) for (const comment of within) comments.push(comment);
  return read;
}

interface Reading {
  readonly lines: LineIndex;
  readonly escapeChar: string;
  readonly lineOffset: number;
  /** The instruction's last line (comment and blank lines included). */
  readonly lastLine: number;
  /** Where comment lines within the instruction go. */
  readonly comments: CommentModel[];
}

/** The instruction whose keyword is at `line`, `column` (ONBUILD's trigger: at its first word). */
function readAt(reading: Reading, line: number, column: number, index: number, stageIndex: number): InstructionModel | undefined {
  const { lines, escapeChar, lineOffset } = reading;
  const at = line + lineOffset;
  const text = lines.lineText(line);
  const keywordEnd = wordEnd(text, column);
  const keywordText = intern(text.slice(column, keywordEnd));
  const keyword = intern(keywordText.toUpperCase());
  const properties = PROPERTY_KEYWORDS.has(keyword);
  const words: Token[] = [];
  /** Each line's text for the property reader (the keyword blanked out). */
  const bodies: { line: number; body: string }[] = [];
  let lastLine = line;
  for (let l = line; l <= reading.lastLine; l++) {
    const lineText = lines.lineText(l);
    const first = firstNonBlank(lineText);
    if (l > line && first !== -1 && lineText.charCodeAt(first) === 35 /* # */) {
      reading.comments.push(commentOnLine(lineText, l + lineOffset));
      continue;
    }
    // A line of only the escape holds no word.
    if (l > line && first === lineText.length - 1 && lineText.endsWith(escapeChar)) continue;
    if (first !== -1) lastLine = l;
    const body = bodyOf(lineText, escapeChar).body;
    if (properties) bodies.push({ line: l + lineOffset, body: l === line ? ' '.repeat(keywordEnd) + body.slice(keywordEnd) : body });
    wordsOf(body, l === line ? keywordEnd : 0, l + lineOffset, escapeChar, words);
  }
  const stopSearch = FLAG_SEARCH.get(keyword);
  const flags = stopSearch === undefined ? leadingFlags(words) : liftedFlags(words, stopSearch, escapeChar);
  if (flags === undefined) return undefined;
  const keptFlags = trimmed(flags);
  // Like dockerfile-ast, drop as many leading words as there are flags (a word before a flag may go instead).
  // A copy even without flags: `words` grew by push and has room for 17 (a 20k-line model: 1.6 MB of slack).
  const args = words.slice(flags.length);
  // Its arguments text leaves the flags out only where it lifts them itself.
  const spanned = stopSearch === undefined ? words : args;
  const first = spanned[0];
  const last = spanned[spanned.length - 1];
  const argumentsRange = first === undefined || last === undefined ? null : rangeBetween(first.range.start, last.range.end);
  let argumentsText = '';
  if (argumentsRange !== null) {
    argumentsText = argumentsRange.start.line === argumentsRange.end.line
      ? lines.lineText(argumentsRange.start.line - lineOffset).slice(argumentsRange.start.character, argumentsRange.end.character)
      : argumentsContent(lines, offsetIn(lines, lineOffset, argumentsRange.start), offsetIn(lines, lineOffset, argumentsRange.end), escapeChar);
  }
  // Equal positions are one object (a 20k-line file had 260k position objects for 180k places).
  const keywordRange = range(at, column, at, keywordEnd);
  const rawWords: number[] = [];
  for (const word of words) rawWords.push(offsetIn(lines, lineOffset, word.range.start), offsetIn(lines, lineOffset, word.range.end));
  let trigger: InstructionModel | undefined;
  const triggerWord = words[0];
  if (keyword === 'ONBUILD' && triggerWord !== undefined) {
    // Its trigger is read from its first word on, as the parser reads it: a keyword with an escape was declined.
    trigger = readAt({ ...reading, comments: [] }, triggerWord.range.start.line - lineOffset, triggerWord.range.start.character, index, stageIndex);
    if (trigger === undefined) return undefined;
  }
  return lexedInstruction({
    index,
    keyword,
    keywordText,
    keywordRange,
    range: rangeBetween(keywordRange.start, endOfRange(lastLine + lineOffset, lines.lineText(lastLine).length, words[words.length - 1])),
    stageIndex,
    flags: keptFlags,
    args,
    argumentsText,
    argumentsRange,
    command: commandOf(keyword, args, argumentsText, argumentsRange, false),
    heredocs: [],
    detachedHeredocs: [],
    properties: properties ? propertiesOf(propertyWords(bodies), text) : [],
    trigger,
  }, trimmed(rawWords), lines, escapeChar, lineOffset);
}

/** The offset in `lines` of a position placed `lineOffset` lines lower in the document. */
function offsetIn(lines: LineIndex, lineOffset: number, position: Position): number {
  return lines.offsetAt(position.line - lineOffset, position.character);
}

/** The end of an instruction's range: its last word's end object when that is where the range ends. */
function endOfRange(line: number, character: number, lastWord: Token | undefined): Position {
  const end = lastWord?.range.end;
  return end !== undefined && end.line === line && end.character === character ? end : { line, character };
}

/**
 * dockerfile-ast's getArgumentsRanges and getArgumentsContent over the text from the first argument to the
 * end of the last, ported as written: how it joins lines (each continuation line from its first column, up to
 * its last character before the escape) and which lines it takes for comments decide the command text.
 */
function argumentsContent(lines: LineIndex, from: number, to: number, escapeChar: string): string {
  const text = lines.text;
  const fullArgs = text.substring(from, to);
  const ranges: (readonly [number, number])[] = [];
  let end = -1;
  let startOffset: number | null = from;
  let comment = false;
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        for (let j = i + 2; j < fullArgs.length; j++) {
          const after = fullArgs.charAt(j);
          if (after === ' ' || after === '\t') continue;
          if (after === '\r' || after === '\n') {
            if (startOffset !== null) ranges.push([startOffset, from + end + 1]);
            startOffset = null;
            comment = false;
            i = after === '\r' ? j + 1 : j;
          }
          break;
        }
      } else if (next === '\r') {
        if (startOffset !== null) ranges.push([startOffset, from + end + 1]);
        startOffset = null;
        comment = false;
        i += 2;
      } else if (next === '\n') {
        if (startOffset !== null) ranges.push([startOffset, from + end + 1]);
        startOffset = null;
        comment = false;
        i++;
      } else {
        i++;
      }
    } else if (char === '\r' || char === '\n') {
      if (comment) {
        startOffset = null;
        comment = false;
      }
    } else if (!comment) {
      if (startOffset === null) {
        if (char === '#') {
          comment = true;
          continue;
        }
        const position = lines.positionAt(from + i);
        if (position.character !== 0) startOffset = lines.offsetAt(position.line, 0);
      }
      end = i;
    }
  }
  ranges.push(startOffset === null ? [from + end, from + end + 1] : [startOffset, from + end + 1]);
  let content = '';
  for (const [start, stop] of ranges) content += text.substring(start, stop);
  return content;
}

function wordsOf(text: string, from: number, line: number, escapeChar: string, words: Token[]): void {
  for (let i = from; i < text.length;) {
    if (isBlank(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const end = wordEnd(text, i);
    words.push({ value: intern(unescaped(text.slice(i, end), escapeChar)), range: range(line, i, line, end) });
    i = end;
  }
}

/**
 * ModifiableInstruction.getFlags: every word before the stop that starts with `--` (others are passed over).
 * Undefined for a flag with an escape, a backslash (its name reader skips those) or no name.
 */
function liftedFlags(words: readonly Token[], stopSearch: (word: string) => boolean, escapeChar: string): FlagModel[] | undefined {
  const flags: FlagModel[] = [];
  for (const word of words) {
    if (stopSearch(word.value)) break;
    if (!word.value.startsWith('--')) continue;
    const raw = word.range.end.character - word.range.start.character !== word.value.length || word.value.includes(escapeChar) || word.value.includes('\\');
    if (raw || word.value === '--') return undefined;
    flags.push(flagOf(word));
  }
  return flags;
}

function flagOf({ value: word, range: wordRange }: Token): FlagModel {
  const { line, character: column } = wordRange.start;
  const end = wordRange.end.character;
  const equals = word.indexOf('=');
  if (equals === -1) return { name: intern(word.substring(2)), value: null, range: wordRange, nameRange: range(line, column + 2, line, end), valueRange: null, options: [] };
  const value = word.substring(equals + 1);
  const valueColumn = column + equals + 1;
  return {
    name: intern(word.substring(2, equals)),
    value,
    range: wordRange,
    nameRange: range(line, column + 2, line, column + equals),
    valueRange: rangeBetween({ line, character: equals === word.length - 1 ? end : valueColumn }, wordRange.end),
    options: trimmed(optionsOf(value, line, valueColumn)),
  };
}

/** Flag's option reading (`type=cache,target=/root/.cache`), including its placement of odd input. */
function optionsOf(value: string, line: number, column: number): FlagOptionModel[] {
  const options: FlagOptionModel[] = [];
  let nameStart = -1;
  let valueStart = -1;
  let hasOptions = false;
  const option = (valueEnd: number): FlagOptionModel => {
    const optionRange = range(line, column + nameStart, line, column + valueEnd);
    if (valueStart === -1) return { name: value.substring(nameStart, valueEnd), value: null, range: optionRange, valueRange: null };
    return { name: value.substring(nameStart, valueStart - 1), value: value.substring(valueStart, valueEnd), range: optionRange, valueRange: rangeBetween({ line, character: column + valueStart }, optionRange.end) };
  };
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (char === '=') {
      hasOptions = true;
      if (valueStart === -1) valueStart = i + 1;
    } else if (char === ',') {
      options.push(option(i));
      nameStart = -1;
      valueStart = -1;
    } else if (nameStart === -1) {
      nameStart = i;
    }
  }
  if (hasOptions && nameStart !== -1) options.push(option(value.length));
  return options;
}

/** PropertyInstruction.getProperties on plain words: `k=v` pairs, or the legacy `key value…` form. */
function propertiesOf(words: readonly Token[], text: string): KeyValue[] {
  const [first, second] = words;
  const last = words[words.length - 1];
  if (first === undefined || second === undefined || last === undefined) return first === undefined ? [] : [assignment(first)];
  if (first.value.includes('=')) return words.map(assignment);
  const valueRange = rangeBetween(second.range.start, last.range.end);
  return [{
    name: first.value,
    nameRange: first.range,
    value: text.slice(valueRange.start.character, valueRange.end.character),
    valueRange,
    range: rangeBetween(first.range.start, last.range.end),
    legacySpaceForm: true,
  }];
}

/**
 * The property reader's words: split on blanks except inside a double-quoted value (plainProperties made sure
 * each closes on its line). `bodies` hold each line's text with the keyword blanked out.
 */
function propertyWords(bodies: readonly { line: number; body: string }[]): Token[] {
  const words: Token[] = [];
  for (const { line, body } of bodies) {
    for (let i = firstNonBlankFrom(body, 0); i !== -1 && i < body.length; i = firstNonBlankFrom(body, i)) {
      let end = i;
      while (end < body.length && !isBlank(body.charCodeAt(end))) {
        const close = body.charAt(end) === '"' ? body.indexOf('"', end + 1) : end;
        end = close === -1 ? body.length : close + 1;
      }
      words.push({ value: intern(body.slice(i, end)), range: range(line, i, line, end) });
      i = end;
    }
  }
  return words;
}

/** One `name=value` word (or a bare `name`); a value in double quotes loses them, as Property.getValue does. */
function assignment(word: Token): KeyValue {
  const equals = word.value.indexOf('=');
  if (equals === -1) return { name: word.value, nameRange: word.range, value: undefined, valueRange: undefined, range: word.range, legacySpaceForm: false };
  const { line, character } = word.range.start;
  const value = word.value.slice(equals + 1);
  const quoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"');
  return {
    name: intern(word.value.slice(0, equals)),
    nameRange: rangeBetween(word.range.start, { line, character: character + equals }),
    value: intern(quoted ? value.slice(1, -1) : value),
    valueRange: rangeBetween({ line, character: character + equals + 1 }, word.range.end),
    range: word.range,
    legacySpaceForm: false,
  };
}
