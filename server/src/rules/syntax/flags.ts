import { l10n } from '../../locale/l10n';
import type { FlagModel, InstructionModel } from '../../model';
import type { FlagSpec } from '../../reference/instructions';
import {
  NETWORK_MODES, SECURITY_MODES, checkBoolean, checkChecksum, checkChmod, checkDuration, checkInteger, checkMount, checkOneOf,
} from '../../reference/flagValues';
import type { Finding, Rule } from '../rule';
import { closest, knownInstructions } from '../walk';

export const unknownFlag: Rule = {
  id: 'UnknownFlag',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('A flag the instruction does not have.'); },
  check(model) {
    const found: Finding[] = [];
    for (const { instruction, spec } of knownInstructions(model)) {
      for (const flag of instruction.flags) {
        const known = spec.flags.find((f) => f.name === flag.name);
        if (known !== undefined && (!known.labs || model.labsSyntax)) continue;
        found.push(unknownFlagFinding(instruction, flag, spec.flags, known));
      }
    }
    return found;
  },
};

function unknownFlagFinding(instruction: InstructionModel, flag: FlagModel, flags: readonly FlagSpec[], labsOnly: FlagSpec | undefined): Finding {
  if (labsOnly !== undefined) {
    return {
      range: flag.nameRange,
      message: l10n.t`\`--${flag.name}\` on ${instruction.keyword} needs the labs frontend: add \`# syntax=docker/dockerfile:1-labs\` as the first line.`,
    };
  }
  if (flags.length === 0) {
    return { range: flag.range, message: l10n.t`${instruction.keyword} takes no flags; \`--${flag.name}\` is read as an unknown flag and the build fails.` };
  }
  const names = flags.filter((f) => !f.labs).map((f) => `--${f.name}`);
  const suggestion = closest(flag.name, flags.map((f) => f.name));
  return {
    range: flag.nameRange,
    message: l10n.t`Unknown flag \`--${flag.name}\` for ${instruction.keyword}${suggestion ? l10n.t`; did you mean \`--${suggestion}\`?` : '.'} Its flags: ${names.join(', ')}.`,
    ...(suggestion ? { fixes: [{ title: l10n.t`Change to --${suggestion}`, edits: [{ range: flag.nameRange, newText: suggestion }] }] } : {}),
  };
}

export const duplicateFlag: Rule = {
  id: 'DuplicateFlag',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('A flag that may be given once is given twice.'); },
  check(model) {
    const found: Finding[] = [];
    for (const { instruction, spec } of knownInstructions(model)) {
      if (instruction.flags.length < 2) continue;
      const seen = new Set<string>();
      for (const flag of instruction.flags) {
        const flagSpec = spec.flags.find((f) => f.name === flag.name);
        if (flagSpec === undefined || flagSpec.repeatable) continue;
        if (seen.has(flag.name)) found.push({ range: flag.range, message: l10n.t`\`--${flag.name}\` is given more than once.` });
        seen.add(flag.name);
      }
    }
    return found;
  },
};

type ValueCheck = (value: string) => string | undefined;

const VALUE_CHECKS: Readonly<Record<string, ValueCheck>> = {
  'RUN --network': checkOneOf(NETWORK_MODES),
  'RUN --security': checkOneOf(SECURITY_MODES),
  'COPY --chmod': checkChmod,
  'ADD --chmod': checkChmod,
  'ADD --checksum': checkChecksum,
};

export const invalidFlagValue: Rule = {
  id: 'InvalidFlagValue',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('A flag with a missing or malformed value.'); },
  check(model) {
    const found: Finding[] = [];
    for (const { instruction, spec } of knownInstructions(model)) {
      for (const flag of instruction.flags) {
        const flagSpec = spec.flags.find((f) => f.name === flag.name);
        if (flagSpec !== undefined) found.push(...checkFlagValue(instruction, flag, flagSpec));
      }
    }
    return found;
  },
};

function checkFlagValue(instruction: InstructionModel, flag: FlagModel, spec: FlagSpec): Finding[] {
  const found: Finding[] = [];
  const where = flag.valueRange ?? flag.range;
  const say = (problem: string): Finding => ({ range: where, message: l10n.t`\`--${flag.name}\` ${problem}.` });
  if (flag.value === null) {
    if (spec.kind !== 'boolean') found.push({ range: flag.range, message: l10n.t`\`--${flag.name}\` needs a value: \`--${flag.name}=<value>\`.` });
    return found;
  }
  if (flag.value === '' && spec.kind !== 'boolean') {
    found.push({ range: flag.range, message: l10n.t`\`--${flag.name}\` has an empty value.` });
    return found;
  }
  if (flag.value.includes('$') && instruction.keyword !== 'HEALTHCHECK') return found; // decided at build time
  const kindCheck: ValueCheck | undefined = spec.kind === 'boolean' ? checkBoolean
    : spec.kind === 'duration' ? checkDuration
      : spec.kind === 'integer' ? checkInteger : undefined;
  const problem = kindCheck?.(flag.value) ?? VALUE_CHECKS[`${instruction.keyword} --${flag.name}`]?.(flag.value);
  if (problem !== undefined) found.push(say(problem));
  if (instruction.keyword === 'RUN' && flag.name === 'mount') {
    for (const mountProblem of checkMount(flag.options)) {
      const option = mountProblem.option === undefined ? undefined : flag.options.find((o) => o === mountProblem.option);
      found.push({ range: option?.range ?? where, message: l10n.t`\`--mount\`: ${mountProblem.message}.` });
    }
  }
  return found;
}
