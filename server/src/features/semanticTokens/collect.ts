import type { DockerfileModel, InstructionModel, Range } from '../../model';
import { stageReferencesOf } from '../../model/symbols';
import { terminatorWordRange } from '../../model/heredocs';
import type { TokenModifier, TokenType } from './legend';

export interface RawToken {
  readonly range: Range;
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
  /** Higher wins where tokens overlap (a `$VAR` inside a quoted value, a value inside a flag). */
  readonly priority: number;
}

const BASE = 0;
const INNER = 1;
const TOP = 2;

/** Tokens of the instructions and comments that touch lines `[fromLine, toLine]`, in no particular order. */
export function collectTokens(model: DockerfileModel, fromLine: number, toLine: number): RawToken[] {
  const tokens: RawToken[] = [];
  const push = (range: Range | null | undefined, type: TokenType, priority = BASE, modifiers: readonly TokenModifier[] = []): void => {
    if (range != null) tokens.push({ range, type, modifiers, priority });
  };
  for (const directive of model.directives) {
    if (directive.range.start.line < fromLine || directive.range.start.line > toLine) continue;
    push(directive.nameRange, 'macro');
    push(directive.valueRange, 'string');
  }
  for (const comment of model.comments) {
    if (comment.range.start.line >= fromLine && comment.range.start.line <= toLine) push(comment.range, 'comment');
  }
  for (const instruction of instructionsTouching(model, fromLine, toLine)) {
    addInstruction(model, instruction, push);
    if (instruction.trigger !== undefined) addInstruction(model, instruction.trigger, push);
  }
  return tokens;
}

type Push = (range: Range | null | undefined, type: TokenType, priority?: number, modifiers?: readonly TokenModifier[]) => void;

function addInstruction(model: DockerfileModel, instruction: InstructionModel, push: Push): void {
  push(instruction.keywordRange, 'keyword', BASE, instruction.keyword === 'MAINTAINER' ? ['deprecated'] : []);
  for (const flag of instruction.flags) {
    push({ start: flag.range.start, end: flag.nameRange.end }, 'parameter');
    if (flag.options.length > 1 || (flag.options.length === 1 && flag.options[0]?.value !== null && flag.name === 'mount')) {
      for (const option of flag.options) {
        push(option.range.start.line === option.range.end.line ? { start: option.range.start, end: { line: option.range.start.line, character: option.range.start.character + option.name.length } } : undefined, 'property', INNER);
        push(option.valueRange, option.name.toLowerCase() === 'type' ? 'enumMember' : 'string', INNER);
      }
    } else if (flag.valueRange !== null) {
      push(flag.valueRange, 'string', INNER);
    }
  }
  for (const reference of stageReferencesOf(instruction)) push(reference.range, 'class', TOP);
  for (const heredoc of instruction.heredocs) {
    push(heredoc.range, 'operator');
    push(terminatorWordRange(heredoc), 'operator');
  }
  if (instruction.keyword === 'FROM') {
    const stage = model.stages[instruction.stageIndex];
    if (stage !== undefined && stage.from === instruction) {
      push(stage.baseRange, stage.parentStageIndex === undefined ? 'type' : 'class');
      const asToken = instruction.args[1];
      if (stage.nameToken !== undefined && asToken !== undefined) {
        push(asToken.range, 'keyword');
        push(stage.nameToken.range, 'class', BASE, ['declaration']);
      }
    }
  } else if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV' || instruction.keyword === 'LABEL') {
    for (const property of instruction.properties) {
      push(property.nameRange, instruction.keyword === 'LABEL' ? 'property' : 'variable', BASE, ['declaration', ...(instruction.keyword === 'ARG' ? [] : ['readonly' as const])]);
      push(property.valueRange, 'string');
    }
  } else if (instruction.keyword === 'EXPOSE') {
    for (const token of instruction.args) push(token.range, 'number');
  } else if (instruction.command?.form === 'exec' && instruction.heredocs.length === 0) {
    for (const token of jsonStrings(model, instruction)) push(token, 'string');
  }
  for (const reference of instruction.variables) push(reference.range, 'variable', TOP, isBuilderArg(model, instruction, reference.name) ? ['defaultLibrary'] : []);
}

function isBuilderArg(model: DockerfileModel, instruction: InstructionModel, name: string): boolean {
  return model.lookupVariable(name, instruction.index)?.kind === 'predefined';
}

/** The quoted strings of an exec-form array, found on the lines as written. */
function jsonStrings(model: DockerfileModel, instruction: InstructionModel): Range[] {
  const range = instruction.argumentsRange;
  if (range === null) return [];
  const found: Range[] = [];
  for (let line = range.start.line; line <= range.end.line; line++) {
    const text = model.lines.lineText(line);
    const from = line === range.start.line ? range.start.character : 0;
    const to = line === range.end.line ? range.end.character : text.length;
    const pattern = /"(?:[^"\\]|\\.)*"/g;
    pattern.lastIndex = from;
    for (let match = pattern.exec(text); match !== null && match.index < to; match = pattern.exec(text)) {
      found.push({ start: { line, character: match.index }, end: { line, character: match.index + match[0].length } });
    }
  }
  return found;
}

function* instructionsTouching(model: DockerfileModel, fromLine: number, toLine: number): Generator<InstructionModel> {
  const { instructions } = model;
  let low = 0;
  let high = instructions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((instructions[mid]?.range.end.line ?? Infinity) < fromLine) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < instructions.length; i++) {
    const instruction = instructions[i];
    if (instruction === undefined || instruction.range.start.line > toLine) return;
    yield instruction;
  }
}
