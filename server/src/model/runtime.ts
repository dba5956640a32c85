import * as path from 'node:path';
import type { VariableLookup } from './expand';
import { expandVariables } from './expand';
import { trimmed } from './lists';
import type {
  CommandSetting, InstructionModel, KnownOrUnknown, RuntimeConfig, RuntimeOrigin, Setting, StageModel, VariableDefinition,
} from './types';

export const DEFAULT_LINUX_SHELL: readonly string[] = ['/bin/sh', '-c'];
export const DEFAULT_WINDOWS_SHELL: readonly string[] = ['cmd', '/S', '/C'];

const known = <T>(value: T): KnownOrUnknown<T> => ({ known: true, value });
const unknown = <T>(): KnownOrUnknown<T> => ({ known: false });

export interface RuntimeInput {
  readonly stageIndex: number;
  readonly origin: RuntimeOrigin;
  readonly parent: RuntimeConfig | undefined;
  readonly isWindows: boolean;
  readonly instructions: readonly InstructionModel[];
  readonly escapeChar: string;
  /** Scope lookup as seen by a given instruction (for WORKDIR/USER/VOLUME/EXPOSE substitution). */
  readonly lookupAt: (instructionIndex: number) => VariableLookup;
  readonly envDefinitions: readonly VariableDefinition[];
}

/**
 * Replays a stage's instructions over its base's config the way the builder does, so every feature can
 * say what the image will do at run time — and say "unknown" where an external base image decides.
 */
export function computeRuntime(input: RuntimeInput): RuntimeConfig {
  const { parent, origin, isWindows } = input;
  const defaultShell: Setting<readonly string[]> = {
    value: isWindows ? DEFAULT_WINDOWS_SHELL : DEFAULT_LINUX_SHELL,
    instruction: undefined,
    stageIndex: -1,
  };
  const fromImage = origin.kind === 'image';
  let entrypoint: KnownOrUnknown<CommandSetting | undefined> = parent ? parent.entrypoint : fromImage ? unknown() : known(undefined);
  let cmd: KnownOrUnknown<CommandSetting | undefined> = parent ? parent.cmd : fromImage ? unknown() : known(undefined);
  let shell: KnownOrUnknown<Setting<readonly string[]>> = parent ? parent.shell : known(defaultShell);
  let workdir: KnownOrUnknown<Setting<string> | undefined> = parent ? parent.workdir : fromImage ? unknown() : known(undefined);
  let user: KnownOrUnknown<Setting<string> | undefined> = parent ? parent.user : fromImage ? unknown() : known(undefined);
  const volumes: Setting<string>[] = parent ? [...parent.volumes] : [];
  const exposedPorts: Setting<string>[] = parent ? [...parent.exposedPorts] : [];
  const env = new Map<string, VariableDefinition>(parent ? parent.env : []);
  let stopSignal = parent?.stopSignal;
  let healthcheck = parent?.healthcheck;
  let cmdSetInStage = false;
  const workdirBefore: (string | undefined)[] = [];
  const entrypointInstructions: InstructionModel[] = [];
  const cmdInstructions: InstructionModel[] = [];

  const expand = (instruction: InstructionModel, text: string): string =>
    expandVariables(text, input.lookupAt(instruction.index), input.escapeChar).text;
  const currentShell = (): readonly string[] => (shell.known ? shell.value.value : DEFAULT_LINUX_SHELL);
  const commandSetting = (instruction: InstructionModel): CommandSetting | undefined => {
    const command = instruction.command;
    if (command === undefined) return undefined;
    const argv = command.form === 'exec' ? command.argv : command.script === '' ? [] : [...currentShell(), command.script];
    return { form: command.form, argv, instruction, stageIndex: input.stageIndex };
  };

  // Made once per stage: a closure per instruction was 20k allocations in a 20k-line file.
  const setting = <T>(instruction: InstructionModel, value: T): Setting<T> => ({ value, instruction, stageIndex: input.stageIndex });
  for (const instruction of input.instructions) {
    workdirBefore.push(workdir.known ? workdir.value?.value ?? '/' : undefined);
    switch (instruction.keyword) {
      case 'SHELL':
        if (instruction.command?.form === 'exec' && instruction.command.argv.length > 0) {
          shell = known(setting(instruction, instruction.command.argv));
        }
        break;
      case 'ENTRYPOINT':
        entrypointInstructions.push(instruction);
        entrypoint = known(commandSetting(instruction));
        // The builder clears a CMD that came from the base when ENTRYPOINT is set, unless this stage set CMD.
        if (!cmdSetInStage) cmd = known(undefined);
        break;
      case 'CMD':
        cmdInstructions.push(instruction);
        cmd = known(commandSetting(instruction));
        cmdSetInStage = true;
        break;
      case 'WORKDIR': {
        const target = expand(instruction, instruction.argumentsText.trim());
        const base = workdir.known ? workdir.value?.value ?? '/' : undefined;
        if (path.posix.isAbsolute(target) || isWindows) workdir = known(setting(instruction, target));
        else if (base !== undefined) workdir = known(setting(instruction, path.posix.join(base, target)));
        else workdir = known(setting(instruction, target));
        break;
      }
      case 'USER':
        user = known(setting(instruction, expand(instruction, instruction.argumentsText.trim())));
        break;
      case 'VOLUME':
        for (const volume of volumeList(instruction)) volumes.push(setting(instruction, expand(instruction, volume)));
        break;
      case 'EXPOSE':
        for (const port of instruction.args) exposedPorts.push(setting(instruction, expand(instruction, port.value)));
        break;
      case 'STOPSIGNAL':
        stopSignal = setting(instruction, instruction.argumentsText.trim());
        break;
      case 'HEALTHCHECK':
        healthcheck = instruction;
        break;
      default:
        break;
    }
  }
  for (const definition of input.envDefinitions) env.set(definition.name, definition);
  return {
    origin, entrypoint, cmd, shell, workdir, user, volumes: trimmed(volumes), exposedPorts: trimmed(exposedPorts), env, stopSignal, healthcheck, isWindows,
    workdirBefore: trimmed(workdirBefore), entrypointInstructions: trimmed(entrypointInstructions), cmdInstructions: trimmed(cmdInstructions),
  };
}

/** The working directory an instruction of the stage runs in; undefined when an external base image decides it. */
export function workdirOf(stage: StageModel, instruction: InstructionModel): string | undefined {
  return stage.runtime.workdirBefore[instruction.index - stage.from.index];
}

function volumeList(instruction: InstructionModel): string[] {
  const text = instruction.argumentsText.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.filter((v): v is string => typeof v === 'string');
    } catch {
      // Falls through to the whitespace list, as the builder does.
    }
  }
  return instruction.args.map((arg) => arg.value);
}
