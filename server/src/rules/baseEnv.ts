import { rangeContains } from '../model';
import type { DockerfileModel, InstructionModel, StageModel, VariableReference } from '../model';
import type { RuleContext } from './rule';

const NO_VARIABLES: ReadonlyMap<string, string> = new Map();

/** BuildKit gives every stage a PATH (its default when the base image sets none). */
export const ALWAYS_DEFINED: ReadonlySet<string> = new Set(['PATH']);

/**
 * The environment a stage starts from when it is known: none from scratch, the base image's config when the
 * engine gave it (through a parent stage, from that stage's root). Undefined when an external base may define
 * anything.
 */
export function knownBaseEnv(model: DockerfileModel, stage: StageModel, context: RuleContext): ReadonlyMap<string, string> | undefined {
  let root = stage;
  while (root.parentStageIndex !== undefined) root = model.stages[root.parentStageIndex] ?? root;
  if (root.baseImage?.isScratch === true) return NO_VARIABLES;
  return root.base.exact ? context.baseImageEnv?.(root.base.text) : undefined;
}

/**
 * Whether the builder expands this reference itself: not in `COPY --from` (never expanded: VariableInCopyFrom
 * says the build fails), not in heredoc bodies the shell expands (all but the unquoted bodies of COPY and ADD,
 * which the builder expands and BuildKit checks).
 */
export function expandedByBuilder(instruction: InstructionModel, reference: VariableReference): boolean {
  if (instruction.flags.some((flag) => flag.name === 'from' && rangeContains(flag.range, reference.range.start))) return false;
  if (instruction.heredocs.length === 0) return true;
  const copies = instruction.keyword === 'COPY' || instruction.keyword === 'ADD';
  const line = reference.range.start.line;
  return !instruction.heredocs.some((heredoc) => (!copies || heredoc.quoted) && heredoc.contentRange !== null && line >= heredoc.contentRange.start.line && line <= heredoc.contentRange.end.line);
}
