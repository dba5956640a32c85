import type { Argument, Flag, Heredoc, Instruction as AstInstruction, Property } from 'dockerfile-ast';
import type { Range } from './positions';
import { keptRange, moveRange, range as spanOf, rangeBetween, rangeContains } from './positions';
import type { LineShift } from './positions';
import type { CommandModel, DetachedHeredoc, FlagModel, HeredocModel, InstructionModel, KeyValue, Token, VariableReference } from './types';
import { LineIndex } from './lines';
import { findDetachedHeredocs } from './heredocs';
import { expandedWords, scanVariableReferences } from './variableReferences';
import { instructionSpec } from '../reference/instructions';
import { rawArgumentsOf } from './astArgumentSplits';
import { intern } from './intern';
import { kept, trimmed } from './lists';
import { objectCache } from './objectCache';

/** dockerfile-ast's typed subclasses, reached by feature test rather than by class identity. */
interface WithFlags { getFlags(): Flag[] }
interface WithHeredocs { getHeredocs(): Heredoc[] }
interface WithProperties { getProperties(): Property[] }
interface WithTrigger { getTriggerInstruction(): AstInstruction | null }

const COMMAND_KEYWORDS: ReadonlySet<string> = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);
/** The instructions whose arguments are read as `name=value` properties. */
export const PROPERTY_KEYWORDS: ReadonlySet<string> = new Set(['ARG', 'ENV', 'LABEL']);

export function buildInstruction(
  ast: AstInstruction,
  index: number,
  stageIndex: number,
  lines: LineIndex,
  escapeChar: string,
  lineOffset = 0,
): InstructionModel {
  // `lines` and dockerfile-ast's ranges are the parsed text's; the model's are the document's, `lineOffset` lower.
  const at = (range: Range): Range => keptRange(range, lineOffset);
  const keyword = intern(ast.getKeyword().toUpperCase());
  const heredocCapable = instructionSpec(keyword)?.supportsHeredoc === true;
  const astArgs = ast.getArguments();
  // dockerfile-ast lifts flags only for some instructions; the builder reads leading `--name` words on all.
  const flags = hasMethod<WithFlags>(ast, 'getFlags') ? safely(() => ast.getFlags().map((flag) => toFlagModel(flag, at)), []) : leadingFlags(astArgs.map((arg) => toToken(arg, at)));
  const heredocs = heredocCapable && hasMethod<WithHeredocs>(ast, 'getHeredocs')
    ? safely(() => ast.getHeredocs().map((heredoc) => toHeredocModel(heredoc, lines, at)).filter((h): h is HeredocModel => h !== undefined), [])
    : [];
  const bodies = heredocs.flatMap((h) => [h.contentRange, h.terminatorRange]).filter((r): r is Range => r !== null);
  const args = trimmed(astArgs
    .slice(hasMethod<WithFlags>(ast, 'getFlags') ? 0 : flags.length)
    .map((arg) => toToken(arg, at))
    .filter((token) => !bodies.some((body) => rangeContains(body, token.range.start))));
  const argumentsText = ast.getArgumentsContent() ?? '';
  const localArgumentsRange = ast.getArgumentsRange();
  const argumentsRange = localArgumentsRange === null ? null : at(localArgumentsRange);
  const detachedHeredocs: DetachedHeredoc[] = heredocCapable && heredocs.length === 0
    ? findDetachedHeredocs(ast.getRange(), lines).map((d) => ({ operatorRange: at(d.operatorRange), delimiter: d.delimiter, bodyRange: at(d.bodyRange) }))
    : [];
  const triggerAst = keyword === 'ONBUILD' && hasMethod<WithTrigger>(ast, 'getTriggerInstruction') ? safely(() => ast.getTriggerInstruction(), null) : null;
  return new Instruction({
    index,
    keyword,
    keywordText: intern(ast.getInstruction()),
    keywordRange: at(ast.getInstructionRange()),
    range: at(ast.getRange()),
    stageIndex,
    flags,
    args,
    argumentsText,
    argumentsRange,
    command: commandOf(keyword, args, argumentsText, argumentsRange, heredocs.length > 0),
    heredocs,
    detachedHeredocs,
    properties: PROPERTY_KEYWORDS.has(keyword) && hasMethod<WithProperties>(ast, 'getProperties')
      ? safely(() => ast.getProperties().map((property) => toKeyValue(property, at)), [])
      : [],
    trigger: triggerAst ? buildInstruction(triggerAst, index, stageIndex, lines, escapeChar, lineOffset) : undefined,
  }, variableSourceOf(variableSources(ast, keyword, lines), lines, escapeChar, lineOffset));
}

/** Everything the lazy variable scan needs, with no reference to dockerfile-ast's tree. */
interface VariableSource {
  readonly sources: VariableSources;
  readonly lines: LineIndex;
  readonly escapeChar: string;
  /** How far the instruction was moved from where `lines` has it (see placeInPlace). */
  lineDelta: number;
}

/** Shared by every instruction without a `$`: no per-instruction object, and no hold on its segment's text. */
const NO_VARIABLES: VariableSource = { sources: { args: [], literal: [] }, lines: new LineIndex(''), escapeChar: '\\', lineDelta: 0 };

function variableSourceOf(sources: VariableSources, lines: LineIndex, escapeChar: string, lineDelta: number): VariableSource {
  return sources.args.length === 0 ? NO_VARIABLES : { sources, lines, escapeChar, lineDelta };
}

/**
 * An instruction of the model. A class, not an object literal: V8 keeps these thousands of objects in one
 * fast shape (literals that combine a getter with more keys ended up in slow dictionary mode, which every rule
 * paid for on every property read). The variable references are computed on first use — dockerfile-ast
 * re-scans the arguments on every getVariables() call and most features never ask — from a source that holds
 * no reference to dockerfile-ast's tree.
 */
class Instruction implements InstructionModel {
  /** Written again only by `placeInPlace`, when a new version of the document keeps this object. */
  index: number;
  readonly keyword: string;
  readonly keywordText: string;
  readonly keywordRange: Range;
  readonly range: Range;
  /** Like `index`. */
  stageIndex: number;
  readonly flags: InstructionModel['flags'];
  readonly args: InstructionModel['args'];
  readonly argumentsText: string;
  readonly argumentsRange: Range | null;
  readonly command: InstructionModel['command'];
  readonly heredocs: InstructionModel['heredocs'];
  readonly detachedHeredocs: InstructionModel['detachedHeredocs'];
  readonly properties: InstructionModel['properties'];
  readonly trigger: InstructionModel | undefined;
  /** Where the references come from (not part of the model's interface). */
  readonly variableSource: VariableSource;
  /** The rule engine's memo for this instruction (rules/memo/instructionUnits.ts): a field, not a WeakMap entry, as thousands are set per keystroke. */
  ruleMemo: unknown;
  /** On a FROM: the rule engine's memo for its stage (rules/memo/stageUnits.ts), likewise. */
  stageMemo: unknown;
  private cachedVariables: readonly VariableReference[] | undefined;

  constructor(fields: Omit<InstructionModel, 'variables'>, source: VariableSource) {
    this.index = fields.index;
    this.keyword = fields.keyword;
    this.keywordText = fields.keywordText;
    this.keywordRange = fields.keywordRange;
    this.range = fields.range;
    this.stageIndex = fields.stageIndex;
    this.flags = kept(fields.flags);
    this.args = fields.args;
    this.argumentsText = fields.argumentsText;
    this.argumentsRange = fields.argumentsRange;
    this.command = fields.command;
    this.heredocs = kept(fields.heredocs);
    this.detachedHeredocs = kept(fields.detachedHeredocs);
    this.properties = kept(fields.properties);
    this.trigger = fields.trigger;
    this.variableSource = source;
    this.cachedVariables = undefined;
    this.ruleMemo = undefined;
    this.stageMemo = undefined;
  }

  /** The variable references if they were read already. */
  get readVariables(): readonly VariableReference[] | undefined {
    return this.cachedVariables;
  }

  get variables(): readonly VariableReference[] {
    const source = this.variableSource;
    this.cachedVariables ??= kept(moveReferences(variableReferencesOf(source.sources, source.lines, source.escapeChar), source.lineDelta));
    return this.cachedVariables;
  }
}

/** A field of the instruction object the rule engine keeps a memo in; the model never reads it. */
interface MemoSlot {
  get(instruction: InstructionModel): unknown;
  set(instruction: InstructionModel, memo: unknown): void;
}

function memoSlot(field: 'ruleMemo' | 'stageMemo'): MemoSlot {
  // Instructions that are not this module's objects (tests build literals) keep the memo as other caches do.
  const others = objectCache<InstructionModel, unknown>(field);
  return {
    get: (instruction) => (instruction instanceof Instruction ? instruction[field] : others.get(instruction)),
    set: (instruction, memo) => {
      if (instruction instanceof Instruction) instruction[field] = memo;
      else others.set(instruction, memo);
    },
  };
}

/** An instruction's memo of the local rules. */
export const ruleMemoSlot = memoSlot('ruleMemo');
/** A FROM instruction's memo of the per-stage rules for its stage. */
export const stageMemoSlot = memoSlot('stageMemo');

/**
 * The same instruction placed anew: `indexOffset` later, `stageOffset` stages later and `shift.lines` lower,
 * changed in place, not copied. An Enter or a deleted line moves every instruction below it, and a keystroke
 * that comments out an instruction renumbers them; copies of them (with the stages and memos built on them)
 * were most of what such a keystroke cost and left for the collector. The previous version of the document is
 * not read again once a new one is built (the model cache keeps one per document, and a check of a superseded
 * version stops at its next step), and nothing an instruction holds depends on where it is but its spans, so
 * the object can serve the new version. The rule engine's memos keep their findings' ranges apart from the
 * model's and move them themselves (rules/memo/memoRun.ts).
 */
export function placeInPlace(instruction: InstructionModel, indexOffset: number, stageOffset: number, shift: LineShift | undefined): void {
  const placed = instruction as { index: number; stageIndex: number };
  placed.index += indexOffset;
  placed.stageIndex += stageOffset;
  if (shift !== undefined) moveSpans(instruction, shift);
  if (instruction.trigger !== undefined) placeInPlace(instruction.trigger, indexOffset, stageOffset, shift);
}

/** Every span the instruction holds (not its trigger's), and where its variable references will be found. */
function moveSpans(instruction: InstructionModel, shift: LineShift): void {
  shift.move(instruction.keywordRange);
  shift.move(instruction.range);
  shift.move(instruction.argumentsRange);
  shift.move(instruction.command?.range);
  for (const flag of instruction.flags) {
    shift.move(flag.range);
    shift.move(flag.nameRange);
    shift.move(flag.valueRange);
    for (const option of flag.options) {
      shift.move(option.range);
      shift.move(option.valueRange);
    }
  }
  for (const token of instruction.args) shift.move(token.range);
  for (const heredoc of instruction.heredocs) {
    shift.move(heredoc.range);
    shift.move(heredoc.nameRange);
    shift.move(heredoc.contentRange);
    shift.move(heredoc.terminatorRange);
  }
  for (const detached of instruction.detachedHeredocs) {
    shift.move(detached.operatorRange);
    shift.move(detached.bodyRange);
  }
  for (const property of instruction.properties) {
    shift.move(property.range);
    shift.move(property.nameRange);
    shift.move(property.valueRange);
  }
  if (!(instruction instanceof Instruction)) return;
  // References not read yet are found later, in the segment's text, and moved by the source's delta.
  if (instruction.variableSource !== NO_VARIABLES) instruction.variableSource.lineDelta += shift.lines;
  for (const reference of instruction.readVariables ?? []) {
    shift.move(reference.range);
    shift.move(reference.nameRange);
  }
}

function moveReferences(references: readonly VariableReference[], lines: number): readonly VariableReference[] {
  if (lines === 0) return references;
  return references.map((reference) => ({ ...reference, range: moveRange(reference.range, lines), nameRange: moveRange(reference.nameRange, lines) }));
}

/**
 * What finding the variable references needs, taken from dockerfile-ast now so the lazy scan later holds no
 * reference to its tree (which would keep every segment's whole parse alive): where the raw arguments are in
 * the segment's text (start and end offsets, in pairs: kept for every instruction of every open document, so
 * numbers, not range objects), and for LABEL the values in single quotes, which are literal (dockerfile-ast's
 * rule). An instruction without a `$` has nothing to find and keeps nothing.
 */
interface VariableSources {
  readonly args: readonly number[];
  readonly literal: readonly Range[];
}

function variableSources(ast: AstInstruction, keyword: string, lines: LineIndex): VariableSources {
  const args: number[] = [];
  for (const arg of safely(() => rawArgumentsOf(ast), [])) {
    const { start, end } = arg.getRange();
    args.push(lines.offsetAt(start.line, start.character), lines.offsetAt(end.line, end.character));
  }
  if (!hasDollarWithin(args, lines)) return NO_VARIABLES.sources;
  if (keyword !== 'LABEL' || !hasMethod<WithProperties>(ast, 'getProperties')) return { args: expandedWords(keyword, args), literal: [] };
  const literal = safely(() => ast.getProperties(), [])
    .filter((property) => {
      const value = property.getUnescapedValue();
      return value !== null && value.length > 2 && value.startsWith("'") && value.endsWith("'");
    })
    .map((property) => property.getValueRange())
    .filter((range): range is Range => range !== null);
  return { args, literal };
}

/** Whether a `$` lies between the first word's start and the last word's end (`words`: offset pairs in `lines`). */
function hasDollarWithin(words: readonly number[], lines: LineIndex): boolean {
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return false;
  const dollar = lines.text.indexOf('$', first);
  return dollar !== -1 && dollar < last;
}

/**
 * An instruction read without dockerfile-ast (model/plainLines.ts): the fields as dockerfile-ast would have
 * given them, and its raw words as start and end offsets in `lines`, the text it was read from, `lineDelta`
 * lines above where the model has it.
 */
export function lexedInstruction(fields: Omit<InstructionModel, 'variables'>, rawWords: readonly number[], lines: LineIndex, escapeChar: string, lineDelta: number): InstructionModel {
  const sources = hasDollarWithin(rawWords, lines) ? { args: expandedWords(fields.keyword, rawWords), literal: [] } : NO_VARIABLES.sources;
  return new Instruction(fields, variableSourceOf(sources, lines, escapeChar, lineDelta));
}

function variableReferencesOf(sources: VariableSources, lines: LineIndex, escapeChar: string): VariableReference[] {
  if (sources.args.length === 0) return [];
  const references = scanVariableReferences(sources.args, lines, escapeChar);
  return sources.literal.length === 0 ? references : references.filter((reference) => !sources.literal.some((range) => rangeContains(range, reference.range.start)));
}

/**
 * dockerfile-ast throws on some malformed input (found by the fuzz test: `getHeredocs` on an `ADD \\` whose
 * continuation ends in a lone CR). The instruction then simply lacks that detail; the document is never lost.
 */
function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function hasMethod<T>(value: object, method: string): value is T & object {
  return typeof (value as Record<string, unknown>)[method] === 'function';
}

const FLAG_WORD = /^--([A-Za-z][A-Za-z0-9-]*)(?:=(.*))?$/s;

/** The leading `--name[=value]` words of an instruction whose parser does not lift flags itself. */
export function leadingFlags(args: readonly Token[]): FlagModel[] {
  const flags: FlagModel[] = [];
  for (const arg of args) {
    const match = FLAG_WORD.exec(arg.value);
    if (match === null) break;
    const range = arg.range;
    const name = match[1] ?? '';
    const nameEnd = range.start.character + 2 + name.length;
    flags.push({
      name,
      value: match[2] ?? null,
      range,
      nameRange: spanOf(range.start.line, range.start.character + 2, range.start.line, nameEnd),
      valueRange: match[2] === undefined ? null : spanOf(range.start.line, nameEnd + 1, range.end.line, range.end.character),
      options: [],
    });
  }
  return flags;
}


function atOptional(range: Range | null, at: (range: Range) => Range): Range | null {
  return range === null ? null : at(range);
}

function toToken(arg: Argument, at: (range: Range) => Range): Token {
  return { value: intern(arg.getValue()), range: at(arg.getRange()) };
}

function toFlagModel(flag: Flag, at: (range: Range) => Range): FlagModel {
  return {
    name: flag.getName(),
    value: flag.getValue(),
    range: at(flag.getRange()),
    nameRange: at(flag.getNameRange()),
    valueRange: atOptional(flag.getValueRange(), at),
    options: flag.getOptions().map((option) => ({
      name: option.getName(),
      value: option.getValue(),
      range: at(option.getRange()),
      valueRange: atOptional(option.getValueRange(), at),
    })),
  };
}

function toHeredocModel(heredoc: Heredoc, lines: LineIndex, at: (range: Range) => Range): HeredocModel | undefined {
  const name = heredoc.getName();
  if (name === '') return undefined;
  const start = heredoc.getStartRange();
  const operatorText = lines.slice(start.start.line, start.start.character, start.end.line, start.end.character);
  return {
    name,
    range: at(start),
    nameRange: at(heredoc.getNameRange()),
    contentRange: atOptional(heredoc.getContentRange(), at),
    terminatorRange: atOptional(heredoc.getDelimiterRange(), at),
    stripsTabs: /^\d*<<-/.test(operatorText),
    quoted: /^\d*<<-?\s*["']/.test(operatorText),
  };
}

function toKeyValue(property: Property, at: (range: Range) => Range): KeyValue {
  const valueRange = property.getValueRange();
  const value = property.getValue();
  return {
    name: property.getName(),
    nameRange: at(property.getNameRange()),
    value: value ?? undefined,
    valueRange: valueRange === null ? undefined : at(valueRange),
    range: at(property.getRange()),
    legacySpaceForm: property.getAssignmentOperator() === null && value !== null,
  };
}

/**
 * The builder's rule: arguments that parse as a JSON array of strings are exec form, anything else is shell
 * form — including text that only looks like JSON (`['a']`), which is the classic trap.
 */
export function commandOf(
  keyword: string,
  args: readonly Token[],
  argumentsText: string,
  argumentsRange: Range | null,
  hasHeredoc: boolean,
): CommandModel | undefined {
  let text = argumentsText;
  let range = argumentsRange;
  if (keyword === 'HEALTHCHECK') {
    const sub = args[0];
    if (sub === undefined || sub.value.toUpperCase() !== 'CMD') return undefined;
    text = argumentsText.replace(/^\s*\S+\s*/, '');
    const firstCommandArg = args[1];
    range = firstCommandArg && argumentsRange ? rangeBetween(firstCommandArg.range.start, argumentsRange.end) : null;
  } else if (!COMMAND_KEYWORDS.has(keyword)) {
    return undefined;
  }
  const trimmed = text.trim();
  if (!hasHeredoc && trimmed.startsWith('[')) {
    const argv = parseJsonStringArray(trimmed);
    if (argv !== undefined) return { form: 'exec', argv, script: '', invalidJson: false, range };
    return { form: 'shell', argv: [], script: trimmed, invalidJson: true, range };
  }
  return { form: 'shell', argv: [], script: trimmed, invalidJson: false, range };
}

export function parseJsonStringArray(text: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((item): item is string => typeof item === 'string')) return parsed;
  } catch {
    // Not JSON: the caller treats it as shell form.
  }
  return undefined;
}
