import type { DockerfileModel, InstructionModel, StageModel } from '../../model';
import { indexAtLine, startLineOf } from '../../model/positions';
import { stageMemoSlot } from '../../model/instruction';
import { sameItems } from '../../model/lists';
import { atLine } from './memoRun';
import type { UnitMemo, Units } from './memoRun';
import { objectCache } from '../../model/objectCache';

/** What per-stage rules found in one stage, valid while its instructions and everything outside it the rules may read stay the same. */
interface StageMemo extends UnitMemo {
  readonly context: string;
  readonly instructions: readonly InstructionModel[];
}

/** Kept with the stage's FROM instruction object, in a slot on it rather than a WeakMap entry, like the instruction memos. */
const memos = {
  get: (from: InstructionModel): StageMemo | undefined => stageMemoSlot.get(from) as StageMemo | undefined,
  set: (from: InstructionModel, memo: StageMemo): void => stageMemoSlot.set(from, memo),
};
const unitsByModel = objectCache<DockerfileModel, Units<StageModel>>('stage units');

/**
 * Stages as units of the per-stage rules (`Rule.perStage`). A stage's memo is reused when it has the very
 * same instruction objects as before (its segments were not parsed again; renumbered or moved in place counts,
 * as nothing a per-stage rule reports depends on an instruction's index and atLine moves its findings), its parent stage's
 * memo was reused too, and what per-stage rules may read outside a stage is unchanged: the escape character
 * and syntax channel, the directives, the global ARGs and the table of stages (index, name, base).
 */
export function stageUnits(model: DockerfileModel): Units<StageModel> {
  let units = unitsByModel.get(model);
  if (units === undefined) {
    const context = canonical(contextOf(model));
    const reused: boolean[] = [];
    const stageMemos = model.stages.map((stage) => {
      const line = startLineOf(stage.from.range);
      const earlier = memos.get(stage.from);
      const parentReused = stage.parentStageIndex === undefined || reused[stage.parentStageIndex] === true;
      const same = earlier !== undefined && parentReused && earlier.context === context && sameItems(earlier.instructions, stage.instructions);
      reused.push(same);
      // Moved along when a line added above moved the stage's instructions (in place, see placeInPlace).
      if (same && earlier.instructions === stage.instructions) return atLine(earlier, line);
      // The same instructions in a list of the new version's.
      const memo: StageMemo = same
        ? atLine({ context, instructions: stage.instructions, found: earlier.found === undefined ? undefined : new Map(earlier.found), line: earlier.line, completeFor: earlier.completeFor }, line)
        : { context, instructions: stage.instructions, found: undefined, line, completeFor: '' };
      memos.set(stage.from, memo);
      return memo;
    });
    units = {
      all: model.stages,
      memos: stageMemos,
      ownerOf: (finding) => indexAtLine(model.stages, finding.range.start.line),
      check: (rule, stages, context) => rule.check(model, { ...context, stages }),
    };
    unitsByModel.set(model, units);
  }
  return units;
}

/**
 * The last context made, so that equal contexts are one string object: every stage's memo compares its
 * context with the new one, and comparing two equal strings that are not the same object reads them whole
 * (in a 20k-line file: 2,000 comparisons of a 60 KB string, 10 ms per keystroke).
 */
let lastContext = '';

function canonical(context: string): string {
  if (context === lastContext) return lastContext;
  lastContext = context;
  return context;
}

function contextOf(model: DockerfileModel): string {
  const parts: string[] = [model.escapeChar, String(model.labsSyntax)];
  for (const directive of model.directives) parts.push(`${directive.name}=${directive.value}`);
  for (const instruction of model.instructions) {
    if (instruction.stageIndex >= 0) break;
    parts.push(`${instruction.keywordText} ${instruction.argumentsText}`);
  }
  for (const stage of model.stages) parts.push(`${stage.index}:${stage.name ?? ''}:${stage.baseText}:${String(stage.parentStageIndex)}`);
  return parts.join('\u0000');
}
