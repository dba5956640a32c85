import { l10n } from '../../locale/l10n';
import type { DockerfileModel, InstructionModel, Range } from '../../model';
import { splitSimpleCommand } from '../../shell/words';
import type { Finding, Fix, Rule } from '../rule';
import { stagesToCheck } from '../rule';

export const shellFormEntrypoint: Rule = {
  id: 'ShellFormEntrypoint',
  defaultSeverity: 'warning',
  perStage: true,
  quotesLines: true,
  get summary() { return l10n.t('A shell-form ENTRYPOINT ignores CMD and `docker run` arguments and does not receive SIGTERM.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const last = stage.runtime.entrypointInstructions.at(-1);
      // Broken JSON is reported by InvalidJsonForm: fixing it is the real repair.
      if (last?.command?.form !== 'shell' || last.command.script === '' || last.command.invalidJson) continue;
      const cmd = stage.runtime.cmd.known ? stage.runtime.cmd.value : undefined;
      const deadCmd = cmd !== undefined
        ? l10n.t` The CMD on line ${cmd.instruction.range.start.line + 1} is passed to the shell as \`$0 $1 ...\` and ignored, and so are \`docker run IMAGE ARGS\`.`
        : l10n.t(' Arguments given to `docker run IMAGE ARGS` are ignored.');
      const fix = execFormFix(model, last);
      found.push({
        range: last.command.range ?? last.range,
        message: l10n.t`Shell-form ENTRYPOINT runs as \`${stage.runtime.isWindows ? 'cmd /S /C' : '/bin/sh -c'} "…"\`.${deadCmd} The shell is PID 1, so \`docker stop\` sends SIGTERM to the shell, not to your program, which is killed after the timeout. Use exec form: \`ENTRYPOINT ["executable", "arg"]\`.${fix ? '' : l10n.t(' (No automatic fix: the command uses shell syntax; consider `exec` in a script.)')}`,
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
    return found;
  },
};

/**
 * Rewrites a shell-form command as a JSON array, keeping each continuation line where it was. Offered only
 * when the script is a plain list of words (quotes allowed), since anything else needs a shell.
 */
export function execFormFix(model: DockerfileModel, instruction: InstructionModel): Fix | undefined {
  const range = instruction.command?.range;
  if (range === undefined || range === null || instruction.command?.form !== 'shell') return undefined;
  const escape = model.escapeChar;
  const segments: { indent: string; words: string[] }[] = [];
  for (let line = range.start.line; line <= range.end.line; line++) {
    const full = model.lines.lineText(line);
    let text = line === range.end.line ? full.slice(0, range.end.character) : full;
    if (line === range.start.line) text = text.slice(range.start.character);
    if (line > range.start.line && /^\s*#/.test(text)) return undefined;
    if (line < range.end.line) {
      const trimmed = text.replace(/\s+$/, '');
      if (!trimmed.endsWith(escape)) return undefined;
      text = trimmed.slice(0, -1);
    }
    const indent = line === range.start.line ? '' : (/^\s*/.exec(text)?.[0] ?? '');
    if (text.trim() === '') continue;
    const words = splitSimpleCommand(escape === '`' ? text.replace(/\\/g, '\\\\') : text);
    if (words === undefined) return undefined;
    segments.push({ indent, words });
  }
  const joined = splitSimpleCommand(instruction.command?.script ?? '');
  if (joined === undefined || joined.join('\u0000') !== segments.flatMap((s) => s.words).join('\u0000')) return undefined;
  const newText = `[${segments.map((segment, index) => `${index === 0 ? '' : `${segment.indent}`}${segment.words.map((w) => JSON.stringify(w)).join(', ')}`).join(`, ${escape}\n`)}]`;
  return { title: l10n.t`Convert ${instruction.keyword} to exec form`, edits: [{ range, newText }] };
}

const SHELL_PROGRAMS = /(^|[\\/])(sh|bash|ash|dash|zsh|ksh|pwsh|powershell|cmd)(\.exe)?$/i;

export const execFormVariable: Rule = {
  id: 'ExecFormVariable',
  local: true,
  defaultSeverity: 'warning',
  get summary() { return l10n.t('A `$VARIABLE` in exec form is passed literally: there is no shell to expand it.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      const command = instruction.command;
      if (command?.form !== 'exec' || instruction.keyword === 'SHELL') continue;
      if (SHELL_PROGRAMS.test(command.argv[0] ?? '') && command.argv.some((a) => /^[-/][cC]$|^-Command$/.test(a))) continue;
      for (const reference of instruction.variables) {
        found.push({
          range: reference.range,
          message: l10n.t`\`${model.lines.slice(reference.range.start.line, reference.range.start.character, reference.range.end.line, reference.range.end.character)}\` is passed literally: exec form runs the program without a shell, so nothing expands variables. Use shell form, or run a shell yourself: \`["/bin/sh", "-c", "… $${reference.name}"]\`.`,
        });
      }
    }
    return found;
  },
};

const SINGLE_USE: ReadonlySet<string> = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const multipleInstructionsDisallowed: Rule = {
  id: 'MultipleInstructionsDisallowed',
  aliases: ['DL4003', 'DL4004'],
  defaultSeverity: 'warning',
  perStage: true,
  quotesLines: true,
  buildkit: true,
  get summary() { return l10n.t('More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage: only the last one counts.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const lastOf = new Map<string, InstructionModel>();
      for (const instruction of stage.instructions) if (SINGLE_USE.has(instruction.keyword)) lastOf.set(instruction.keyword, instruction);
      for (const instruction of stage.instructions) {
        const last = lastOf.get(instruction.keyword);
        if (last === undefined || last === instruction) continue;
        const finding: Finding = {
          range: instruction.range,
          message: l10n.t`Only the last ${instruction.keyword} of a stage takes effect; this one is overridden by line ${last.range.start.line + 1}.`,
          unnecessary: true,
          fixes: [{ title: l10n.t`Remove this ${instruction.keyword}`, edits: [{ range: wholeLines(instruction.range), newText: '' }] }],
        };
        found.push(finding);
      }
    }
    return found;
  },
};

function wholeLines(range: Range): Range {
  return { start: { line: range.start.line, character: 0 }, end: { line: range.end.line + 1, character: 0 } };
}
