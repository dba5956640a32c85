import type { DockerfileModel, StageModel } from '../model';
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
