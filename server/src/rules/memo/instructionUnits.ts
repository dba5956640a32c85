import type { DockerfileModel, InstructionModel } from '../../model';
import { ruleMemoSlot } from '../../model/instruction';
import { startLineOf } from '../../model/positions';
import { atLine } from './memoRun';
import type { UnitMemo, Units } from './memoRun';
import { objectCache } from '../../model/objectCache';

/** What local rules found in one instruction, under one escape character and syntax channel. */
interface InstructionMemo extends UnitMemo {
  readonly context: string;
}

/**
 * Kept with the instruction object, which the next version reuses when its segment did not change — in a slot
 * on the object (a WeakMap insertion per renumbered instruction cost ~1 µs, thousands per keystroke).
 */
const memos = {
  get: (instruction: InstructionModel): InstructionMemo | undefined => ruleMemoSlot.get(instruction) as InstructionMemo | undefined,
  set: (instruction: InstructionModel, memo: InstructionMemo): void => ruleMemoSlot.set(instruction, memo),
};
/** Each model's units, made once per model rather than once per check. */
const unitsByModel = objectCache<DockerfileModel, Units<InstructionModel>>('instruction units');

/**
 * Instructions as units of the local rules (`Rule.local`): a rule is asked about a view of the model whose
 * `instructions` are just the unchecked ones.
 */
export function instructionUnits(model: DockerfileModel): Units<InstructionModel> {
  let units = unitsByModel.get(model);
  if (units === undefined) {
    const context = `${model.escapeChar}\u0000${String(model.labsSyntax)}`;
    units = {
      all: model.instructions,
      memos: model.instructions.map((instruction) => memoOf(instruction, context)),
      ownerOf: (finding) => model.instructionAt(finding.range.start.line)?.index,
      check: (rule, instructions, context) => rule.check(
        instructions === model.instructions ? model : Object.create(model, { instructions: { value: instructions } }) as DockerfileModel,
        context,
      ),
    };
    unitsByModel.set(model, units);
  }
  return units;
}

/**
 * The memo of an instruction: its own (also when the instruction was renumbered or moved in place, as a
 * line added or an instruction commented out above it does), its findings moved along, or a new empty one.
 */
function memoOf(instruction: InstructionModel, context: string): InstructionMemo {
  const line = startLineOf(instruction.range);
  const own = memos.get(instruction);
  if (own !== undefined && own.context === context) return atLine(own, line);
  // A literal, not a spread: a spread's object kept its fields in a second array (25k of them, 1 MB, at 20k lines).
  const memo: InstructionMemo = { context, found: undefined, line, completeFor: '' };
  memos.set(instruction, memo);
  return memo;
}
