import type { CommandSetting, DockerfileModel, KnownOrUnknown, StageModel } from '../model';

export type FormState = 'none' | 'exec' | 'shell' | 'unknown';

/** What PID 1 of the container will be, or why that cannot be known from this file alone. */
export type Prediction =
  | { readonly kind: 'known'; readonly argv: readonly string[] }
  | { readonly kind: 'no-command' }
  | {
    readonly kind: 'depends-on-base';
    readonly image: string;
    /** What runs if the base image sets no ENTRYPOINT (and, where relevant, no CMD). */
    readonly ifBaseSetsNothing: readonly string[] | undefined;
  };

/** What the base image's config says (read from the local engine with `image inspect`), for what the file leaves to it. */
export interface BaseCommandConfig {
  readonly image: string;
  readonly id: string;
  readonly entrypoint: readonly string[] | null;
  readonly cmd: readonly string[] | null;
}

/** The configs of external base images that are known, by image name as the file names it. */
export type BaseConfigLookup = (image: string) => BaseCommandConfig | undefined;

export interface CommandExplanation {
  readonly stage: StageModel;
  readonly entrypoint: KnownOrUnknown<CommandSetting | undefined>;
  readonly cmd: KnownOrUnknown<CommandSetting | undefined>;
  /** The base image's config the unknown parts were filled from, when the engine had the image. */
  readonly base: BaseCommandConfig | undefined;
  /** The cell of Docker's ENTRYPOINT × CMD table this stage is in. */
  readonly cell: { readonly entrypoint: FormState; readonly cmd: FormState };
  /** `docker run IMAGE`. */
  readonly run: Prediction;
  /** `docker run IMAGE ARGS...`: arguments replace CMD. */
  runWithArgs(args: readonly string[]): Prediction;
  /** `docker run --entrypoint X IMAGE [ARGS...]`: replaces ENTRYPOINT and clears CMD. */
  runWithEntrypoint(executable: string, args?: readonly string[]): Prediction;
}

function formOf(setting: KnownOrUnknown<CommandSetting | undefined>): FormState {
  if (!setting.known) return 'unknown';
  return setting.value === undefined ? 'none' : setting.value.form;
}

function baseImage(stage: StageModel, model: DockerfileModel): string {
  let current: StageModel | undefined = stage;
  while (current?.parentStageIndex !== undefined) current = model.stages[current.parentStageIndex];
  return current?.base.text ?? stage.base.text;
}

/**
 * Docker's rule, from the image config the model computed: the process is ENTRYPOINT followed by CMD; run
 * arguments replace CMD; `--entrypoint` replaces ENTRYPOINT and drops CMD. Shell form was already turned
 * into `SHELL + script` by the model, so a shell-form ENTRYPOINT receives CMD as `$0 $1 ...` — and ignores it.
 */
export function explainCommand(model: DockerfileModel, stage: StageModel, baseConfig?: (image: string) => BaseCommandConfig | undefined): CommandExplanation {
  const { entrypoint, cmd } = stage.runtime;
  const image = baseImage(stage, model);
  // The config of the image this stage's chain starts from fills in what the file leaves to it.
  const config = baseConfig?.(image);
  const predict = (entry: KnownOrUnknown<readonly string[]>, rest: KnownOrUnknown<readonly string[]>): Prediction => {
    if (entry.known && rest.known) {
      const argv = [...entry.value, ...rest.value];
      return argv.length === 0 ? { kind: 'no-command' } : { kind: 'known', argv };
    }
    const fallback = [...(entry.known ? entry.value : []), ...(rest.known ? rest.value : [])];
    return { kind: 'depends-on-base', image, ifBaseSetsNothing: fallback.length > 0 ? fallback : undefined };
  };
  const argvOf = (setting: KnownOrUnknown<CommandSetting | undefined>, fromBase: readonly string[] | null | undefined): KnownOrUnknown<readonly string[]> =>
    setting.known ? { known: true, value: setting.value?.argv ?? [] } : config !== undefined ? { known: true, value: fromBase ?? [] } : { known: false };
  const entrypointArgv = argvOf(entrypoint, config?.entrypoint);
  const cmdArgv = argvOf(cmd, config?.cmd);
  return {
    stage,
    entrypoint,
    cmd,
    base: config,
    cell: { entrypoint: formOf(entrypoint), cmd: formOf(cmd) },
    run: predict(entrypointArgv, cmdArgv),
    runWithArgs: (args) => (args.length === 0
      ? predict(entrypointArgv, cmdArgv)
      : predict(entrypointArgv, { known: true, value: args })),
    runWithEntrypoint: (executable, args = []) => ({ kind: 'known', argv: [executable, ...args] }),
  };
}

/** The rules whose findings are about what the container runs; hover and `explain` both show them. */
const COMMAND_WARNING_RULES: ReadonlySet<string> = new Set([
  'ShellFormEntrypoint', 'MultipleInstructionsDisallowed', 'InvalidJsonForm', 'ExecFormVariable', 'EmptyCommand',
]);

export function commandWarnings<P extends { readonly ruleId: string; readonly range: { readonly start: { readonly line: number } } }>(
  stage: StageModel,
  problems: readonly P[],
): P[] {
  const instructions = [...stage.runtime.entrypointInstructions, ...stage.runtime.cmdInstructions];
  return problems.filter((problem) => COMMAND_WARNING_RULES.has(problem.ruleId)
    && instructions.some((i) => problem.range.start.line >= i.range.start.line && problem.range.start.line <= i.range.end.line));
}
