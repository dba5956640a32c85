import { l10n } from '../../locale/l10n';
import type { DockerfileModel, InstructionModel, StageModel } from '../../model';
import type { BaseConfigLookup, CommandExplanation, FormState, Prediction } from '../../explain/effectiveCommand';
import { commandWarnings, explainCommand } from '../../explain/effectiveCommand';
import type { Problem } from '../../rules/rule';
import { toShellLine } from '../../shell/words';
import { inlineCode, line, tableCode } from './markdown';

/** `code`: how a command is set as code — tableCode inside a table cell, where `|` must be escaped. */
export function describePrediction(prediction: Prediction, code: (text: string) => string = inlineCode): string {
  switch (prediction.kind) {
    case 'known':
      return code(toShellLine(prediction.argv));
    case 'no-command':
      return l10n.t('nothing — `docker run` fails with "no command specified"');
    case 'depends-on-base':
      return prediction.ifBaseSetsNothing
        ? l10n.t`the ENTRYPOINT of ${code(prediction.image)} (unknown without pulling it) followed by ${code(toShellLine(prediction.ifBaseSetsNothing))}`
        : l10n.t`whatever ${code(prediction.image)} sets (unknown without pulling it)`;
  }
}

function settingLine(label: string, explanation: CommandExplanation, which: 'entrypoint' | 'cmd', model: DockerfileModel): string {
  const setting = explanation[which];
  const base = explanation.base;
  if (!setting.known && base !== undefined) {
    const value = base[which];
    return l10n.t`- ${label}: ${value === null ? 'none' : inlineCode(JSON.stringify(value))}, inherited from ${inlineCode(base.image)} (image ${inlineCode(base.id.replace(/^sha256:/, '').slice(0, 12))} in the local engine)`;
  }
  if (!setting.known) return l10n.t`- ${label}: inherited from ${inlineCode(explanation.stage.base.text)} — unknown without pulling the image`;
  if (setting.value === undefined) return `- ${label}: none`;
  const where = setting.value.stageIndex === explanation.stage.index
    ? line(setting.value.instruction.range.start.line)
    : l10n.t`${line(setting.value.instruction.range.start.line)}, inherited from stage ${stageLabel(model.stages[setting.value.stageIndex])}`;
  const argv = inlineCode(JSON.stringify(setting.value.argv));
  return setting.value.form === 'exec' ? l10n.t`- ${label}: ${argv} (exec form, ${where})` : l10n.t`- ${label}: ${argv} (shell form, ${where})`;
}

export function stageLabel(stage: StageModel | undefined): string {
  if (stage === undefined) return '?';
  return stage.nameToken ? `${stage.index} (${inlineCode(stage.nameToken.value)})` : String(stage.index);
}

const ROWS: readonly { state: FormState; label: string }[] = [
  { state: 'none', get label() { return l10n.t('no ENTRYPOINT'); } },
  { state: 'exec', label: 'ENTRYPOINT ["e", "p"]' },
  { state: 'shell', label: 'ENTRYPOINT e p' },
];
const COLUMNS: readonly { state: FormState; label: string }[] = [
  { state: 'none', get label() { return l10n.t('no CMD'); } },
  { state: 'exec', label: 'CMD ["c", "p"]' },
  { state: 'shell', label: 'CMD c p' },
];

/** Docker's documented table; `sh` stands for the stage's SHELL. */
function tableCell(entry: FormState, cmd: FormState, shell: string): string {
  const shellEntry = `${shell} "e p"`;
  if (entry === 'shell') return cmd === 'none' ? shellEntry : l10n.t`${shellEntry} (CMD ignored)`;
  const entryPart = entry === 'exec' ? 'e p' : '';
  const cmdPart = cmd === 'exec' ? 'c p' : cmd === 'shell' ? `${shell} "c p"` : '';
  const joined = [entryPart, cmdPart].filter(Boolean).join(' ');
  return joined === '' ? l10n.t('error: no command') : joined;
}

function interactionTable(explanation: CommandExplanation, shell: string): string {
  const { cell } = explanation;
  const header = `| | ${COLUMNS.map((c) => c.label).join(' | ')} |`;
  const rows = ROWS.map((row) => `| ${row.label} | ${COLUMNS.map((column) => {
    const text = tableCode(tableCell(row.state, column.state, shell));
    return row.state === cell.entrypoint && column.state === cell.cmd ? `▶ **${text}**` : text;
  }).join(' | ')} |`);
  const note = cell.entrypoint === 'unknown' || cell.cmd === 'unknown'
    ? l10n.t`\n\nThis stage's cell depends on ${inlineCode(explanation.stage.base.text)}, which this file does not describe.`
    : '';
  return `${header}\n|---|---|---|---|\n${rows.join('\n')}${note}`;
}

/** The hover for ENTRYPOINT and CMD: the exact command this stage's container runs, and how to change it. */
export function commandHover(model: DockerfileModel, instruction: InstructionModel, problems: readonly Problem[], base?: BaseConfigLookup): string {
  const stage = model.stages[instruction.stageIndex];
  if (stage === undefined) return '';
  const explanation = explainCommand(model, stage, base);
  const runtime = stage.runtime;
  const shell = runtime.shell.known ? runtime.shell.value.value.join(' ') : '/bin/sh -c';
  const entrypointArgv = runtime.entrypoint.known ? runtime.entrypoint.value?.argv : undefined;
  const isLast = stage.index === model.stages.length - 1;
  const sections: string[] = [
    l10n.t`**${instruction.keyword}** — what the container of stage ${stageLabel(stage)} runs${isLast ? '' : l10n.t(' (when built with `--target` or used as a base)')}`,
    l10n.t`The container runs: ${describePrediction(explanation.run)}`,
  ];
  if (explanation.run.kind === 'known') sections.push(l10n.t`As the process sees it: ${inlineCode(JSON.stringify(explanation.run.argv))}`);
  sections.push([settingLine('ENTRYPOINT', explanation, 'entrypoint', model), settingLine('CMD', explanation, 'cmd', model)].join('\n'));
  const withArgs = explanation.runWithArgs(['a', 'b']);
  const argsNote = entrypointArgv !== undefined && runtime.entrypoint.known && runtime.entrypoint.value?.form === 'shell'
    ? l10n.t(' — the arguments reach the shell as `$0 $1` and are ignored')
    : l10n.t(' — the arguments replace CMD');
  sections.push([
    l10n.t('| You run | The container runs |'),
    '|---|---|',
    l10n.t`| \`docker run IMAGE\` | ${describePrediction(explanation.run, tableCode)} |`,
    l10n.t`| \`docker run IMAGE a b\` | ${describePrediction(withArgs, tableCode)}${argsNote} |`,
    l10n.t`| \`docker run --entrypoint X IMAGE\` | ${describePrediction(explanation.runWithEntrypoint('X'), tableCode)} — CMD is dropped too |`,
  ].join('\n'));
  sections.push(l10n.t`**How ENTRYPOINT and CMD combine** (▶ marks this stage):\n\n${interactionTable(explanation, shell)}`);
  const warnings = commandWarnings(stage, problems);
  if (warnings.length > 0) sections.push(warnings.map((w) => `⚠️ ${w.message}`).join('\n\n'));
  sections.push(l10n.t('[How CMD and ENTRYPOINT interact](https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact)'));
  return sections.join('\n\n');
}
