import { l10n } from '../../locale/l10n';
import { expandVariables } from '../../model/expand';
import { parseImageReference } from '../../model/imageRef';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';

/**
 * References BuildKit's frontend refuses before it runs a step, whatever build args are given: they are written
 * without variables, or with variables it never expands there. (A name that is only invalid with the ARGs'
 * defaults is InvalidDefaultArgInFrom's, a warning, since `--build-arg` may fix it.)
 */

const REPOSITORY_PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Why BuildKit cannot read `name` as an image reference, in its words; undefined when it can. */
export function imageReferenceProblem(name: string): string | undefined {
  const ref = parseImageReference(name);
  const path = ref.registry === undefined && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
  if (ref.repository !== '' && ref.repository !== ref.repository.toLowerCase() && REPOSITORY_PATH.test(ref.repository.toLowerCase())) {
    return `invalid reference format: repository name (${path}) must be lowercase`;
  }
  if (!REPOSITORY_PATH.test(ref.repository) || (ref.tag !== undefined && !TAG.test(ref.tag))) return 'invalid reference format';
  return undefined;
}

export const invalidImageReference: Rule = {
  id: 'InvalidImageReference',
  defaultSeverity: 'error',
  perStage: true,
  get summary() { return l10n.t('The FROM image is not a valid image reference (repository names are lower case).'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      if (stage.baseRange === undefined || stage.parentStageIndex !== undefined || stage.baseText.includes('$')) continue;
      const name = expandVariables(stage.baseText, () => ({ kind: 'undefined' }), model.escapeChar, true).text;
      if (name === '' || name.toLowerCase() === 'scratch') continue;
      const problem = imageReferenceProblem(name);
      if (problem === undefined) continue;
      found.push({ range: stage.baseRange, message: l10n.t`The build fails: failed to parse stage name "${name}": ${problem}.` });
    }
    return found;
  },
};

export const variableInCopyFrom: Rule = {
  id: 'VariableInCopyFrom',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('`COPY --from` is not expanded: a variable there fails the build.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'COPY') continue;
      for (const flag of instruction.flags) {
        if (flag.name !== 'from' || flag.value === null || !/\$(?:\{|[A-Za-z_])/.test(flag.value)) continue;
        found.push({
          range: flag.valueRange ?? flag.range,
          message: l10n.t('The build fails: variable expansion is not supported for `--from`. Define a stage with `FROM ${VAR} AS name` (using an ARG from the global scope) and copy `--from=name`.'),
        });
      }
    }
    return found;
  },
};

export const emptyPlatform: Rule = {
  id: 'EmptyPlatform',
  defaultSeverity: 'error',
  perStage: true,
  get summary() { return l10n.t('`FROM --platform` names only variables no ARG declares: the platform is empty and the build fails.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const flag = stage.platform;
      if (flag?.value === null || flag?.value === undefined || !flag.value.includes('$')) continue;
      // Only global ARGs (and the predefined platform args) reach FROM; a name none declares is empty whatever
      // `--build-arg` says, since an undeclared build arg is not used.
      const expansion = expandVariables(flag.value, (name) => (model.globalVariables.some((v) => v.name === name) ? { kind: 'unknown' } : { kind: 'undefined' }), model.escapeChar, true);
      if (!expansion.exact || expansion.text.trim() !== '') continue;
      found.push({
        range: flag.valueRange ?? flag.range,
        message: l10n.t`The build fails: empty platform value from expression ${flag.value} (no ARG before the first FROM declares ${expansion.referenced.join(', ')}).`,
      });
    }
    return found;
  },
};
