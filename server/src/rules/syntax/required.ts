import { l10n } from '../../locale/l10n';
import { instructionSpec } from '../../reference/instructions';
import type { DockerfileModel, InstructionModel, VariableReference } from '../../model';
import type { Rule, RuleContext } from '../rule';
import { stagesToCheck } from '../rule';
import { ALWAYS_DEFINED, expandedByBuilder, knownBaseEnv } from '../baseEnv';

/**
 * `${NAME?message}` and `${NAME:?message}` in an instruction the builder expands: BuildKit refuses the build
 * there (`failed to process "…": NAME: message`) when NAME is unset (or, with the colon, empty). An error when
 * nothing can set it — no ARG, no ENV, not the base image's (from scratch, or its config read from the engine);
 * a warning when only `--build-arg` can (an ARG without a default, or an empty one): the build fails without it.
 * With an external base whose config is unknown, the base may set it: nothing is said.
 */

type Verdict = 'fails' | 'fails-without-build-arg' | 'passes' | 'unknown';

/** Whether `${name:?…}` (colon: `emptyFails`) passes at this instruction, by what defines the name there. */
function verdict(model: DockerfileModel, instruction: InstructionModel, name: string, emptyFails: boolean, baseEnv: ReadonlyMap<string, string> | undefined): Verdict {
  if (ALWAYS_DEFINED.has(name)) return 'passes';
  const definition = model.lookupVariable(name, instruction.index);
  if (definition === undefined) {
    if (instruction.keyword !== 'FROM' && baseEnv === undefined) return 'unknown';
    const inherited = instruction.keyword === 'FROM' ? undefined : baseEnv?.get(name);
    if (inherited === undefined) return 'fails';
    return emptyFails && inherited === '' ? 'fails' : 'passes';
  }
  if (definition.overridable) {
    // An ARG: a build arg sets it (or, when the ARG has a default, replaces it).
    if (definition.rawValue === undefined) return 'fails-without-build-arg';
    if (emptyFails && definition.value === '') return 'fails-without-build-arg';
    return 'passes';
  }
  if (emptyFails && definition.value === '') return 'fails';
  return 'passes';
}

/** Each `${NAME?…}` the builder expands in the stages checked, with what the build does there. */
function requiredReferences(model: DockerfileModel, context: RuleContext): { reference: VariableReference; emptyFails: boolean; result: Verdict }[] {
  const found: { reference: VariableReference; emptyFails: boolean; result: Verdict }[] = [];
  for (const stage of stagesToCheck(model, context)) {
    const baseEnv = knownBaseEnv(model, stage, context);
    for (const instruction of stage.instructions) {
      if (!instructionSpec(instruction.keyword)?.expandsVariables) continue;
      for (const reference of instruction.variables) {
        if (reference.modifier !== '?' || reference.name === '' || !expandedByBuilder(instruction, reference)) continue;
        // The model keeps `?` for both forms; the colon is right after the name.
        const end = reference.nameRange.end;
        const emptyFails = model.lines.lineText(end.line).charAt(end.character) === ':';
        found.push({ reference, emptyFails, result: verdict(model, instruction, reference.name, emptyFails, baseEnv) });
      }
    }
  }
  return found;
}

/** What BuildKit prints after `failed to process "…":`. */
const stopMessage = (reference: VariableReference): string => `${reference.name}: ${reference.modifierArgument ?? ''}`;

export const requiredVariableUnset: Rule = {
  id: 'RequiredVariableUnset',
  defaultSeverity: 'error',
  perStage: true,
  readsBaseImages: true,
  get summary() { return l10n.t('`${NAME?message}` where nothing sets NAME: the build fails there.'); },
  check(model, context) {
    return requiredReferences(model, context)
      .filter(({ result }) => result === 'fails')
      .map(({ reference, emptyFails }) => ({
        range: reference.range,
        message: l10n.t`The build fails here: nothing sets ${reference.name}${emptyFails ? l10n.t(' to a value that is not empty') : ''}, so BuildKit stops with "${stopMessage(reference)}".`,
      }));
  },
};

export const requiredBuildArg: Rule = {
  id: 'RequiredBuildArg',
  defaultSeverity: 'warning',
  perStage: true,
  readsBaseImages: true,
  get summary() { return l10n.t('`${NAME?message}` on an ARG without a value: the build fails unless `--build-arg NAME=…` is given.'); },
  check(model, context) {
    return requiredReferences(model, context)
      .filter(({ result }) => result === 'fails-without-build-arg')
      .map(({ reference }) => ({
        range: reference.range,
        message: l10n.t`The build fails here unless it is run with \`--build-arg ${reference.name}=…\`: without one BuildKit stops with "${stopMessage(reference)}".`,
      }));
  },
};
