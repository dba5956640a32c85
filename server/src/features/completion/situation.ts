import type { Position, Range } from 'vscode-languageserver';
import type { DockerfileModel, InstructionModel } from '../../model';
import { comparePositions, rangeContains } from '../../model';

/** What the cursor is in the middle of writing, decided from the model and the text before the cursor. */
export type Situation =
  | { readonly kind: 'directive'; readonly replace: Range }
  | { readonly kind: 'keyword'; readonly replace: Range; readonly beforeFirstFrom: boolean; readonly onbuild: boolean }
  | { readonly kind: 'flag'; readonly instruction: InstructionModel; readonly replace: Range }
  | { readonly kind: 'flagValue'; readonly instruction: InstructionModel; readonly flag: string; readonly value: string; readonly valueStart: Position }
  | { readonly kind: 'variable'; readonly instruction: InstructionModel; readonly replace: Range; readonly braced: boolean; readonly closeBrace: boolean }
  | { readonly kind: 'argument'; readonly instruction: InstructionModel; readonly index: number; readonly word: string; readonly replace: Range };

export function situationAt(model: DockerfileModel, position: Position): Situation | undefined {
  const lineText = model.lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const outer = model.instructionAt(position.line);
  const wordStart = before.length - (/\S*$/.exec(before)?.[0].length ?? 0);
  const word = before.slice(wordStart);
  const replace: Range = { start: { line: position.line, character: wordStart }, end: position };

  if (outer === undefined || comparePositions(position, outer.range.start) < 0) {
    if (/^\s*#/.test(before)) return directivePosition(model, position.line) ? directiveSituation(before, position) : undefined;
    if (/^\s*\S*$/.test(before)) return { kind: 'keyword', replace, beforeFirstFrom: firstFromLine(model) >= position.line, onbuild: false };
    return undefined;
  }
  if (outer.heredocs.some((h) => h.range.start.line < position.line)) return undefined;
  if (/^\s*#/.test(lineText) && position.line !== outer.range.start.line) return undefined;
  if (rangeContains(outer.keywordRange, position) && position.line === outer.range.start.line) {
    return { kind: 'keyword', replace: { start: outer.keywordRange.start, end: position }, beforeFirstFrom: outer.stageIndex < 0 || (outer.keyword === 'FROM' && outer.stageIndex === 0), onbuild: false };
  }
  let instruction = outer;
  if (outer.keyword === 'ONBUILD') {
    const trigger = outer.trigger;
    if (trigger === undefined || (rangeContains(trigger.keywordRange, position) && position.line === trigger.range.start.line)) {
      return { kind: 'keyword', replace, beforeFirstFrom: false, onbuild: true };
    }
    instruction = trigger;
  }
  const variable = /\$(\{?)([A-Za-z0-9_]*)$/.exec(word);
  if (variable !== undefined && variable !== null && (variable.index === 0 || word[variable.index - 1] !== model.escapeChar)) {
    const nameStart = position.character - (variable[2]?.length ?? 0);
    const braced = variable[1] === '{';
    return {
      kind: 'variable', instruction, braced,
      replace: { start: { line: position.line, character: nameStart }, end: position },
      closeBrace: braced && lineText.charAt(position.character) !== '}',
    };
  }
  const argsBefore = instruction.args.filter((a) => comparePositions(a.range.end, replace.start) <= 0 && !rangeContains(a.range, position));
  const flagsOnly = instruction.flags.every((f) => comparePositions(f.range.end, replace.start) <= 0 || rangeContains(f.range, position)) && argsBefore.length === 0;
  if (word.startsWith('--') && flagsOnly) {
    const equals = word.indexOf('=');
    if (equals < 0) return { kind: 'flag', instruction, replace };
    return {
      kind: 'flagValue', instruction, flag: word.slice(2, equals).toLowerCase(), value: word.slice(equals + 1),
      valueStart: { line: position.line, character: wordStart + equals + 1 },
    };
  }
  return { kind: 'argument', instruction, index: argsBefore.length, word, replace };
}

function directiveSituation(before: string, position: Position): Situation {
  const start = before.length - (/[a-z]*$/i.exec(before)?.[0].length ?? 0);
  return { kind: 'directive', replace: { start: { line: position.line, character: start }, end: position } };
}

/** Parser directives are read only from the very top, before any comment, blank line or instruction. */
function directivePosition(model: DockerfileModel, line: number): boolean {
  for (let earlier = 0; earlier < line; earlier++) {
    if (!model.directives.some((d) => d.range.start.line === earlier)) return false;
  }
  return true;
}

function firstFromLine(model: DockerfileModel): number {
  return model.stages[0]?.from.range.start.line ?? Infinity;
}
