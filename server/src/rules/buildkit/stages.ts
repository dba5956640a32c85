import { l10n } from '../../locale/l10n';
import { expandVariables } from '../../model';
import type { LookupResult } from '../../model/expand';
import { lastDefinitionBefore, lookupResultOf } from '../../model/variables';
import type { Finding, Rule } from '../rule';
import { imageReferenceProblem } from '../syntax/references';
import { stagesToCheck } from '../rule';

const RESERVED = ['scratch', 'context'];

export const reservedStageName: Rule = {
  id: 'ReservedStageName',
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  get summary() { return l10n.t("'scratch' and 'context' are reserved and should not be stage names."); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      if (stage.name === undefined || stage.nameToken === undefined || !RESERVED.includes(stage.name)) continue;
      found.push({ range: stage.nameToken.range, message: l10n.t`'${stage.nameToken.value}' is reserved and should not be used as a stage name.` });
    }
    return found;
  },
};

export const undefinedArgInFrom: Rule = {
  id: 'UndefinedArgInFrom',
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  get summary() { return l10n.t('FROM uses a variable that no ARG before the first FROM declares.'); },
  check(model, context) {
    const found: Finding[] = [];
    const declared = new Set(model.globalVariables.map((v) => v.name));
    for (const stage of stagesToCheck(model, context)) {
      for (const reference of stage.from.variables) {
        if (declared.has(reference.name)) continue;
        const similar = [...declared].find((name) => name.toLowerCase() === reference.name.toLowerCase());
        found.push({
          range: reference.range,
          message: l10n.t`FROM argument '${reference.name}' is not declared${similar ? l10n.t` (did you mean ${similar}?)` : ''}: add \`ARG ${reference.name}=<default>\` before the first FROM.`,
        });
      }
    }
    return found;
  },
};

export const invalidDefaultArgInFrom: Rule = {
  id: 'InvalidDefaultArgInFrom',
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  get summary() { return l10n.t('With the default ARG values, the FROM image name is invalid.'); },
  check(model, context) {
    const found: Finding[] = [];
    // An ARG without a default is empty in a plain build; one computed from values we cannot evaluate
    // (platform ARGs, pattern operators) is unknown, and then nothing is claimed.
    const defaults = (name: string): LookupResult => {
      const definition = lastDefinitionBefore(model.globalVariables, name, Infinity);
      if (definition === undefined) return lookupResultOf(undefined);
      if (definition.rawValue === undefined && definition.kind === 'arg') return { kind: 'value', value: '' };
      return lookupResultOf(definition);
    };
    for (const stage of stagesToCheck(model, context)) {
      if (stage.baseRange === undefined || !stage.baseText.includes('$') || stage.parentStageIndex !== undefined) continue;
      const expansion = expandVariables(stage.baseText, defaults, model.escapeChar, true);
      if (!expansion.exact) continue;
      const text = expansion.text;
      if (text !== '' && imageReferenceProblem(text) === undefined) continue;
      found.push({
        range: stage.baseRange,
        message: l10n.t`Default value for the ARGs in \`${stage.baseText}\` results in an empty or invalid base image name (\`${text}\`): a build without \`--build-arg\` for them fails. Give the ARG a default.`,
      });
    }
    return found;
  },
};

export const redundantTargetPlatform: Rule = {
  id: 'RedundantTargetPlatform',
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  get summary() { return l10n.t('`--platform=$TARGETPLATFORM` is the default and can be removed.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const flag = stage.platform;
      if (flag?.value === '$TARGETPLATFORM' || flag?.value === '${TARGETPLATFORM}') {
        found.push({
          range: flag.range,
          message: l10n.t('Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior.'),
          unnecessary: true,
        });
      }
    }
    return found;
  },
};

export const fromPlatformFlagConstDisallowed: Rule = {
  id: 'FromPlatformFlagConstDisallowed',
  defaultSeverity: 'warning',
  perStage: true,
  buildkit: true,
  get summary() { return l10n.t('FROM --platform should not be a constant; it defeats multi-platform builds.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const flag = stage.platform;
      if (flag === undefined || flag.value === null || flag.value.includes('$')) continue;
      // A stage whose name holds the platform's OS or architecture (build-arm64, linux) is a deliberate
      // per-platform stage: BuildKit exempts it (checked against Docker 28.5).
      const [os = '', arch] = flag.value.toLowerCase().split('/');
      if (stage.name !== undefined && ((os !== '' && stage.name.includes(os)) || (arch !== undefined && arch !== '' && stage.name.includes(arch)))) continue;
      found.push({ range: flag.range, message: l10n.t`FROM --platform flag should not use a constant value ("${flag.value}"); use $BUILDPLATFORM or $TARGETPLATFORM.` });
    }
    return found;
  },
};
