import { l10n } from '../../locale/l10n';
import { FORBIDDEN_ONBUILD_TRIGGERS, INSTRUCTION_KEYWORDS, isInstructionKeyword } from '../../reference/instructions';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';
import { closest, instructionsWithTriggers, knownInstructions } from '../walk';

export const unknownInstruction: Rule = {
  id: 'UnknownInstruction',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('A line starts with a word that is not a Dockerfile instruction.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of instructionsWithTriggers(model)) {
      if (isInstructionKeyword(instruction.keyword)) continue;
      const suggestion = closest(instruction.keyword, INSTRUCTION_KEYWORDS);
      const finding: Finding = {
        range: instruction.keywordRange,
        message: suggestion
          ? l10n.t`Unknown instruction \`${instruction.keywordText}\`. Did you mean \`${suggestion}\`?`
          : l10n.t`Unknown instruction \`${instruction.keywordText}\`: the build stops here. A continued line needs \`${model.escapeChar}\` at the end of the line before.`,
        ...(suggestion ? { fixes: [{ title: l10n.t`Change to ${suggestion}`, edits: [{ range: instruction.keywordRange, newText: suggestion }] }] } : {}),
      };
      found.push(finding);
    }
    return found;
  },
};

export const invalidOnbuildTrigger: Rule = {
  id: 'InvalidOnbuildTrigger',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('ONBUILD cannot carry ONBUILD, FROM or MAINTAINER, and needs an instruction.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ONBUILD') continue;
      const trigger = instruction.trigger;
      if (trigger === undefined) continue; // MissingArguments reports the empty ONBUILD.
      if (FORBIDDEN_ONBUILD_TRIGGERS.has(trigger.keyword)) {
        found.push({ range: trigger.keywordRange, message: l10n.t`\`${trigger.keyword}\` is not allowed as an ONBUILD trigger.` });
      }
    }
    return found;
  },
};

export const missingArguments: Rule = {
  id: 'MissingArguments',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('An instruction lacks the arguments the builder requires.'); },
  check(model) {
    const found: Finding[] = [];
    for (const { instruction, spec } of knownInstructions(model)) {
      // A heredoc word (`<<EOF`) is itself an argument: the script for RUN, a source file for COPY/ADD.
      const count = instruction.args.length;
      if (count >= spec.minArgs) continue;
      found.push({ range: instruction.range, message: missingMessage(spec.keyword, count) });
    }
    return found;
  },
};

function missingMessage(keyword: string, count: number): string {
  switch (keyword) {
    case 'COPY':
    case 'ADD':
      return count === 0
        ? l10n.t`${keyword} needs a source and a destination: \`${keyword} <src>... <dest>\`.`
        : l10n.t`${keyword} needs a destination after the source: \`${keyword} <src>... <dest>\`.`;
    case 'FROM':
      return l10n.t('FROM needs a base image: `FROM <image>[:<tag>] [AS <name>]`.');
    case 'ENV':
    case 'LABEL':
      return l10n.t`${keyword} needs at least one \`key=value\` pair.`;
    case 'ARG':
      return l10n.t('ARG needs a name: `ARG <name>[=<default>]`.');
    case 'ONBUILD':
      return l10n.t('ONBUILD needs the instruction to run in child images: `ONBUILD <INSTRUCTION> ...`.');
    default:
      return l10n.t`${keyword} needs an argument.`;
  }
}

export const invalidFromArguments: Rule = {
  id: 'InvalidFromArguments',
  defaultSeverity: 'error',
  perStage: true,
  get summary() { return l10n.t('FROM takes an image, optionally followed by `AS <name>`.'); },
  check(model, context) {
    const reported: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const args = stage.from.args;
      if (args.length === 0 || args.length === 3 && args[1]?.value.toUpperCase() === 'AS') continue;
      if (args.length === 1) continue;
      const extra = args[1];
      if (extra === undefined) continue;
      const last = args[args.length - 1] ?? extra;
      const message = args.length === 2 && extra.value.toUpperCase() === 'AS'
        ? l10n.t('`AS` must be followed by a stage name.')
        : args.length === 3
          ? l10n.t`Expected \`AS\` before the stage name, found \`${extra.value}\`.`
          : l10n.t('FROM takes one image and an optional `AS <name>`: `FROM <image> [AS <name>]`.');
      reported.push({ range: { start: extra.range.start, end: last.range.end }, message });
    }
    return reported;
  },
};

export const emptyCommand: Rule = {
  id: 'EmptyCommand',
  local: true,
  defaultSeverity: 'warning',
  get summary() { return l10n.t('CMD or ENTRYPOINT without a command.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
      if (instruction.argumentsText.trim() !== '') continue;
      found.push({ range: instruction.range, message: l10n.t`${instruction.keyword} has no command; write \`${instruction.keyword} ["executable", "arg"]\`.` });
    }
    return found;
  },
};

export const invalidKeyValue: Rule = {
  id: 'InvalidKeyValue',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('ENV and LABEL need a value for every key; ARG names must be valid.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of instructionsWithTriggers(model)) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL' && instruction.keyword !== 'ARG') continue;
      for (const property of instruction.properties) {
        if (property.name === '') {
          found.push({ range: property.range, message: l10n.t`${instruction.keyword} has a pair with an empty name.` });
        } else if (instruction.keyword !== 'ARG' && property.value === undefined) {
          found.push({
            range: property.range,
            message: l10n.t`${instruction.keyword} \`${property.name}\` has no value: write \`${property.name}=<value>\` (use \`${property.name}=""\` for empty).`,
          });
        }
      }
    }
    return found;
  },
};

export const shellRequiresJson: Rule = {
  id: 'ShellRequiresJson',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('SHELL must be a JSON array.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'SHELL' || instruction.argumentsText.trim() === '') continue;
      if (instruction.command?.form === 'exec' && instruction.command.argv.length > 0) continue;
      found.push({
        range: instruction.argumentsRange ?? instruction.range,
        message: l10n.t('SHELL must be written as a JSON array of strings, e.g. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.'),
      });
    }
    return found;
  },
};

export const invalidHealthcheck: Rule = {
  id: 'InvalidHealthcheck',
  local: true,
  defaultSeverity: 'error',
  get summary() { return l10n.t('HEALTHCHECK is `NONE` or `CMD <command>`.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'HEALTHCHECK') continue;
      const [sub, ...rest] = instruction.args;
      if (sub === undefined) continue;
      const kind = sub.value.toUpperCase();
      if (kind === 'NONE') {
        if (rest.length > 0 || instruction.flags.length > 0) {
          found.push({ range: instruction.range, message: l10n.t('`HEALTHCHECK NONE` takes no other arguments or flags.') });
        }
      } else if (kind !== 'CMD') {
        found.push({ range: sub.range, message: l10n.t`Unknown HEALTHCHECK type \`${sub.value}\`: use \`CMD <command>\` or \`NONE\`.` });
      } else if (rest.length === 0) {
        found.push({ range: sub.range, message: l10n.t('`HEALTHCHECK CMD` needs a command.') });
      }
    }
    return found;
  },
};
