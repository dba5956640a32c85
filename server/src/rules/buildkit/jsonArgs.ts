import { l10n } from '../../locale/l10n';
import { execFormFix } from '../runtime/commands';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';

export const jsonArgsRecommended: Rule = {
  id: 'JSONArgsRecommended',
  aliases: ['DL3025'],
  defaultSeverity: 'warning',
  buildkit: true,
  perStage: true,
  get summary() { return l10n.t('Shell-form CMD/ENTRYPOINT: the shell, not your program, receives the signals.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const runtime = stage.runtime;
      // A custom SHELL is a deliberate choice (BuildKit stays quiet too).
      if (runtime.shell.known && runtime.shell.value.instruction !== undefined) continue;
      // Every shell-form CMD and ENTRYPOINT, as `docker build --check` reports them. The effective ENTRYPOINT also
      // gets Stagecraft's own ShellFormEntrypoint, which says what it does to CMD and `docker run` arguments.
      for (const instruction of [...runtime.cmdInstructions, ...runtime.entrypointInstructions]) {
        if (instruction.command?.form !== 'shell' || instruction.command.invalidJson || instruction.command.script === '') continue;
        const fix = execFormFix(model, instruction);
        found.push({
          range: instruction.command.range ?? instruction.range,
          message: l10n.t`JSON arguments recommended for ${instruction.keyword} to prevent unintended behavior related to OS signals: the shell runs as PID 1 and does not pass SIGTERM on.`,
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
    return found;
  },
};
