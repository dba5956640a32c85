import type { Position } from './positions';
import { rangeContains } from './positions';
import type {
  DockerfileModel, FlagModel, FlagOptionModel, HeredocModel, InstructionModel, ParserDirectiveModel, StageModel, Token,
  VariableReference,
} from './types';

/** What sits under a position, in the model's terms; every position-based feature starts here. */
export type Element =
  | { readonly kind: 'directive'; readonly directive: ParserDirectiveModel }
  | { readonly kind: 'keyword'; readonly instruction: InstructionModel }
  | { readonly kind: 'flag'; readonly instruction: InstructionModel; readonly flag: FlagModel; readonly option: FlagOptionModel | undefined }
  | { readonly kind: 'variable'; readonly instruction: InstructionModel; readonly reference: VariableReference }
  | { readonly kind: 'stageName'; readonly stage: StageModel }
  | { readonly kind: 'baseImage'; readonly stage: StageModel }
  | { readonly kind: 'heredoc'; readonly instruction: InstructionModel; readonly heredoc: HeredocModel }
  | { readonly kind: 'argument'; readonly instruction: InstructionModel; readonly token: Token | undefined };

export function elementAt(model: DockerfileModel, position: Position): Element | undefined {
  for (const directive of model.directives) {
    if (rangeContains(directive.range, position)) return { kind: 'directive', directive };
  }
  const outer = model.instructionAt(position.line);
  if (outer === undefined || !rangeContains(outer.range, position)) return undefined;
  // ONBUILD's trigger is an instruction of its own: describe what the cursor is on inside it.
  const instruction = outer.trigger !== undefined && !rangeContains(outer.keywordRange, position) ? outer.trigger : outer;
  if (rangeContains(instruction.keywordRange, position)) return { kind: 'keyword', instruction };
  const reference = instruction.variables.find((v) => rangeContains(v.range, position));
  if (reference !== undefined) return { kind: 'variable', instruction, reference };
  for (const flag of instruction.flags) {
    if (!rangeContains(flag.range, position)) continue;
    return { kind: 'flag', instruction, flag, option: flag.options.find((o) => rangeContains(o.range, position)) };
  }
  const heredoc = instruction.heredocs.find((h) => rangeContains(h.range, position));
  if (heredoc !== undefined) return { kind: 'heredoc', instruction, heredoc };
  if (instruction.keyword === 'FROM') {
    const stage = model.stages[instruction.stageIndex]?.from === instruction ? model.stages[instruction.stageIndex] : undefined;
    if (stage !== undefined && stage.nameToken !== undefined && rangeContains(stage.nameToken.range, position)) return { kind: 'stageName', stage };
    if (stage !== undefined && stage.baseRange !== undefined && rangeContains(stage.baseRange, position)) return { kind: 'baseImage', stage };
  }
  return { kind: 'argument', instruction, token: instruction.args.find((t) => rangeContains(t.range, position)) };
}
