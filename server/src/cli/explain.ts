import { l10n } from '../locale/l10n';
import { buildModel, toCliPosition } from '../model';
import type { CommandSetting, KnownOrUnknown, StageModel } from '../model';
import type { BaseCommandConfig, Prediction } from '../explain/effectiveCommand';
import { commandWarnings, explainCommand } from '../explain/effectiveCommand';
import { runRules } from '../rules/engine';
import { toShellLine } from '../shell/words';

export interface ExplainOptions {
  readonly target: string | undefined;
  /** The base image's config from the engine (`explain --engine`), for what the file leaves to the base. */
  readonly baseConfig?: ((image: string) => BaseCommandConfig | undefined) | undefined;
  readonly runArgs: readonly string[];
  readonly format: 'text' | 'json';
}

export type ExplainResult = { readonly ok: true; readonly output: string } | { readonly ok: false; readonly error: string };

function predictionText(prediction: Prediction): string {
  switch (prediction.kind) {
    case 'known':
      return toShellLine(prediction.argv);
    case 'no-command':
      return l10n.t('(nothing: docker run fails with "no command specified")');
    case 'depends-on-base':
      return prediction.ifBaseSetsNothing
        ? `<ENTRYPOINT of ${prediction.image}, unknown without pulling it> ${toShellLine(prediction.ifBaseSetsNothing)}`
        : `<whatever ${prediction.image} sets: unknown without pulling it>`;
  }
}

function predictionJson(prediction: Prediction): unknown {
  return prediction.kind === 'known'
    ? { known: true, argv: prediction.argv, shell: toShellLine(prediction.argv) }
    : prediction.kind === 'no-command'
      ? { known: true, argv: null, error: l10n.t('no command specified') }
      : { known: false, dependsOnImage: prediction.image, ifImageSetsNoEntrypoint: prediction.ifBaseSetsNothing ?? null };
}

function settingText(setting: KnownOrUnknown<CommandSetting | undefined>, stage: StageModel, base: BaseCommandConfig | undefined, fromBase: readonly string[] | null | undefined): string {
  if (!setting.known && base !== undefined) return l10n.t`${fromBase ? JSON.stringify(fromBase) : 'none'}  (inherited from ${base.image}, image ${base.id.replace(/^sha256:/, '').slice(0, 12)} in the local engine)`;
  if (!setting.known) return l10n.t`inherited from ${stage.base.text} (unknown without pulling the image)`;
  if (setting.value === undefined) return 'none';
  const inherited = setting.value.stageIndex === stage.index ? '' : l10n.t`, inherited from stage ${setting.value.stageIndex}`;
  return l10n.t`${JSON.stringify(setting.value.argv)}  (${setting.value.form} form, line ${setting.value.instruction.range.start.line + 1}${inherited})`;
}

function settingJson(setting: KnownOrUnknown<CommandSetting | undefined>, base: BaseCommandConfig | undefined, fromBase: readonly string[] | null | undefined): unknown {
  if (!setting.known && base !== undefined) return { known: true, argv: fromBase, inheritedFrom: { image: base.image, id: base.id } };
  if (!setting.known) return { known: false };
  if (setting.value === undefined) return { known: true, value: null };
  return { known: true, form: setting.value.form, argv: setting.value.argv, line: setting.value.instruction.range.start.line + 1, stage: setting.value.stageIndex };
}

/** `stagecraft explain`: the effective command of a stage, how `docker run` overrides it, and the warnings. */
export function explainFile(path: string, text: string, options: ExplainOptions): ExplainResult {
  const model = buildModel({ uri: path, version: 0, text });
  if (model.stages.length === 0) return { ok: false, error: l10n.t`${path} has no FROM, so there is no image to explain` };
  const stage = options.target === undefined ? model.stages.at(-1) : model.stageByReference(options.target);
  if (stage === undefined) {
    const names = model.stages.map((s) => (s.nameToken ? `${s.index} (${s.nameToken.value})` : String(s.index))).join(', ');
    return { ok: false, error: l10n.t`no stage '${options.target ?? ''}' in ${path}; stages: ${names}` };
  }
  const explanation = explainCommand(model, stage, options.baseConfig);
  const base = explanation.base;
  const warnings = commandWarnings(stage, runRules(model));
  const withArgs = options.runArgs.length > 0 ? explanation.runWithArgs(options.runArgs) : undefined;
  if (options.format === 'json') {
    return {
      ok: true,
      output: `${JSON.stringify({
        file: path,
        stage: { index: stage.index, name: stage.nameToken?.value ?? null, base: stage.base.text, line: stage.from.range.start.line + 1 },
        entrypoint: settingJson(explanation.entrypoint, base, base?.entrypoint),
        cmd: settingJson(explanation.cmd, base, base?.cmd),
        cell: explanation.cell,
        run: predictionJson(explanation.run),
        ...(withArgs ? { runWithArgs: { args: options.runArgs, ...(predictionJson(withArgs) as object) } } : {}),
        runWithEntrypoint: l10n.t('replaces ENTRYPOINT and drops CMD: docker run --entrypoint X IMAGE [ARGS] runs X ARGS'),
        warnings: warnings.map((w) => ({ code: w.ruleId, line: toCliPosition(w.range.start).line, column: toCliPosition(w.range.start).column, message: w.message })),
      }, null, 2)}\n`,
    };
  }
  const shellEntrypoint = explanation.entrypoint.known && explanation.entrypoint.value?.form === 'shell';
  const lines = [
    l10n.t`Stage ${stage.index}${stage.nameToken ? ` (${stage.nameToken.value})` : ''}: FROM ${stage.base.text}, line ${stage.from.range.start.line + 1}${stage.index === model.stages.length - 1 ? l10n.t(' (final stage)') : ''}`,
    `  ENTRYPOINT  ${settingText(explanation.entrypoint, stage, base, base?.entrypoint)}`,
    `  CMD         ${settingText(explanation.cmd, stage, base, base?.cmd)}`,
    '',
    l10n.t('The container runs:'),
    `  ${predictionText(explanation.run)}`,
    ...(explanation.run.kind === 'known' ? [`  ${JSON.stringify(explanation.run.argv)}`] : []),
    '',
    'Overrides:',
    l10n.t`  docker run IMAGE ARGS...            ${predictionText(explanation.runWithArgs(['ARGS...']))}   ${shellEntrypoint ? l10n.t('(ARGS reach the shell as $0 $1 ... and are ignored)') : l10n.t('(ARGS replace CMD)')}`,
    l10n.t('  docker run --entrypoint X IMAGE     X   (CMD is dropped too)'),
  ];
  if (withArgs !== undefined) {
    lines.push('', l10n.t`docker run IMAGE ${toShellLine(options.runArgs)} runs:`, `  ${predictionText(withArgs)}`);
    if (withArgs.kind === 'known') lines.push(`  ${JSON.stringify(withArgs.argv)}`);
  }
  if (warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of warnings) {
      const at = toCliPosition(warning.range.start);
      lines.push(`  ${path}:${at.line}:${at.column} ${warning.ruleId} ${warning.message}`);
    }
  }
  return { ok: true, output: `${lines.join('\n')}\n` };
}
