import { firstNonBlankFrom, wordEnd } from './blanks';
import { DETACHED_HEREDOC } from './heredocs';
import { instructionSpec } from '../reference/instructions';

/**
 * Where instructions start, line by line, following dockerfile-ast's own reading of lines without parsing:
 * an instruction continues while a line ends with the escape character (blank and comment lines in between
 * keep it going); its `<<NAME` words open heredocs whose bodies start after its last line and end at a line
 * that is exactly NAME (leading tabs allowed when any of its words is `<<-`). The reader errs towards "still
 * inside" (either escape character continues a line, a heredoc ends only at an exact terminator line, every
 * `<<word` opens one), so a line it calls a start is one, and a doubtful one is not; callers that act on a
 * start still confirm it with the parser wherever an escape or a heredoc came before.
 */
export class InstructionLines {
  private continuation = false;
  private tabbed = false;
  /** The first two words of the instruction (keyword, and ONBUILD's trigger keyword). */
  private readonly keywords: string[] = [];
  /** Heredocs the current instruction opens; `tabbed` undefined: as the instruction's `<<-` words say. */
  private readonly opened: { name: string; tabbed: boolean | undefined }[] = [];
  /** Heredoc bodies still to come, in order. */
  private readonly pending: { name: string; tabbed: boolean }[] = [];

  constructor(private readonly escapeChar: string) {}

  /** Whether the next line would start an instruction, if it is not blank or a comment. */
  get atInstructionStart(): boolean {
    return !this.continuation && this.pending.length === 0;
  }

  /** Reads the next line; true when it starts an instruction. */
  next(text: string): boolean {
    const body = this.pending[0];
    if (!this.continuation && body !== undefined) {
      if ((body.tabbed ? text.replace(/^\t+/, '') : text) === body.name) this.pending.shift();
      return false;
    }
    if (COMMENT_OR_BLANK.test(text)) return false;
    const starts = !this.continuation;
    if (starts) {
      this.tabbed = false;
      this.opened.length = 0;
      this.keywords.length = 0;
    }
    // Words matter only for the keyword and ONBUILD's trigger, and for `<<`: most lines are not split at all.
    if (this.keywords.length < 2) pushFirstWords(text, 2 - this.keywords.length, this.keywords);
    if (text.includes('<')) this.readHeredocWords(text);
    this.continuation = endsEscaped(text, this.escapeChar, this.continuation);
    if (!this.continuation && this.opened.length > 0) this.pushOpened();
    return starts;
  }

  private readHeredocWords(text: string): void {
    const escapeChar = this.escapeChar;
    for (const token of text.split(/[ \t]+/)) {
      if (token === '') continue;
      // The parser removes escapes from words (`\<<EOF` reads as `<<EOF`): such a word may open a heredoc.
      const operator = heredocOperator(token);
      if (token.includes('<') && token.includes(escapeChar) && !operator.startsWith('<<')) this.opened.push({ name: UNPREDICTABLE, tabbed: undefined });
      if (!operator.startsWith('<<') || operator.length <= 2) continue;
      if (operator.startsWith('<<-')) this.tabbed = true;
      const name = heredocName(operator, escapeChar);
      if (name !== null) this.opened.push({ name, tabbed: undefined });
    }
    // `<< EOF`: the model takes the lines up to EOF as the body the author meant (see heredocs.ts).
    for (const match of text.matchAll(DETACHED_HEREDOC)) this.opened.push({ name: match[5] ?? UNPREDICTABLE, tabbed: match[3] === '-' });
  }

  /** At the end of an instruction: the heredocs it opened start their bodies. */
  private pushOpened(): void {
    const capability = heredocCapability(this.keywords, this.escapeChar);
    if (capability === 'unknown') this.pending.push({ name: UNPREDICTABLE, tabbed: false });
    else if (capability === 'yes') for (const heredoc of this.opened) this.pending.push({ name: heredoc.name, tabbed: heredoc.tabbed ?? this.tabbed });
    this.opened.length = 0;
  }
}

/**
 * Adds up to `count` of the line's first words to `words`. Every line of every version is read here (20,000
 * per keystroke in a large file), and splitting the whole line to keep two words was most of what it allocated.
 */
function pushFirstWords(text: string, count: number, words: string[]): void {
  let end = 0;
  for (let left = count; left > 0; left--) {
    const start = firstNonBlankFrom(text, end);
    if (start === -1) return;
    end = wordEnd(text, start);
    words.push(text.slice(start, end));
  }
}

export const COMMENT_OR_BLANK = /^[ \t]*(#|$)/;
/** A heredoc whose terminator cannot be predicted: every line after it is inside. */
const UNPREDICTABLE = '\u0000';

/** A heredoc word without its file-descriptor prefix: BuildKit reads `5<<EOF` as a heredoc (`^(\d*)<<`). */
function heredocOperator(word: string): string {
  return word.replace(/^[0-9]+(?=<<)/, '');
}

/** dockerfile-ast's reading of `<<NAME`, `<<-"NAME"`, `<<'NAME'` (null: not a heredoc). */
function heredocName(token: string, escapeChar: string): string | null {
  let name = token.slice(2);
  if (name.startsWith('-')) name = name.slice(1);
  for (const quote of ['"', "'"]) {
    if (!name.startsWith(quote)) continue;
    if (!name.endsWith(quote)) return null;
    name = name.slice(1, -1);
  }
  if (name.startsWith('<')) return null;
  // An escape inside the word is removed by the parser; rather than imitate it, give up after it.
  // An empty name (`<<""`, or a lone quote) is never terminated by the parser.
  return name.includes(escapeChar) || name === '' ? UNPREDICTABLE : name;
}

/**
 * Whether the instruction goes on after this line, by dockerfile-ast's own character walk: an escape before
 * the line end (spaces allowed between) continues it, unless another escape comes right before it (BuildKit's
 * `([^\\])\\[ \t]*$`: `C:\\dir\\` ends the instruction; dockerfile-ast is patched to agree), and so does an
 * escape followed by spaces and one more character, which the walk skips without ending the continuation it
 * was in.
 */
function endsEscaped(text: string, escapeChar: string, enteringEscaped: boolean): boolean {
  if (!enteringEscaped && !text.includes(escapeChar)) return false;
  let escaped = enteringEscaped;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === escapeChar) {
      const next = text.charAt(i + 1);
      const afterEscape = i > 0 && text.charAt(i - 1) === escapeChar;
      if (next === '') return !afterEscape;
      if (next !== ' ' && next !== '\t') continue;
      let j = i + 2;
      while (j < text.length && (text.charAt(j) === ' ' || text.charAt(j) === '\t')) j++;
      if (j >= text.length) return !afterEscape;
      i = j;
    } else if (char === '#') {
      if (escaped) return true;
    } else if (char !== ' ' && char !== '\t') {
      escaped = false;
    }
  }
  return escaped;
}

const hasHeredocs = (keyword: string): boolean => instructionSpec(keyword)?.supportsHeredoc === true;

/** Only RUN, COPY and ADD (also as ONBUILD's trigger) have heredocs; a keyword with an escape in it is unknown. */
function heredocCapability(keywords: readonly string[], escapeChar: string): 'yes' | 'no' | 'unknown' {
  const [first = '', second = ''] = keywords.map((k) => k.toUpperCase());
  if (first.includes(escapeChar)) return 'unknown';
  if (hasHeredocs(first)) return 'yes';
  if (first !== 'ONBUILD') return 'no';
  if (second.includes(escapeChar)) return 'unknown';
  return hasHeredocs(second) ? 'yes' : 'no';
}
