import { movedFrom } from './instruction';
import type {
  CommandSetting, InstructionModel, KnownOrUnknown, RuntimeConfig, Setting, StageModel, VariableDefinition,
} from './types';

/**
 * The previous version's stage for instructions that are only renumbered copies of its own (an instruction
 * above became a comment, or a comment an instruction): every instruction reference and index remapped, where
 * building it again would expand its variables and replay its runtime — on such a keystroke, for every stage
 * below the edit. Undefined when the stage changed in any other way (then it is built again).
 *
 * The caller checks what lies outside the stage: the same global ARGs and, for a stage built FROM another,
 * that parent stage reused as it was (a renumbered parent would leave inherited settings pointing at its old
 * instructions).
 */
export function renumberedStage(earlier: StageModel, now: readonly InstructionModel[], index: number): StageModel | undefined {
  const before = earlier.instructions;
  const first = now[0];
  const firstBefore = before[0];
  if (earlier.index !== index || before.length !== now.length || first === undefined || firstBefore === undefined) return undefined;
  const delta = first.index - firstBefore.index;
  if (delta === 0) return undefined;
  for (let i = 0; i < now.length; i++) {
    const instruction = now[i];
    const was = before[i];
    if (instruction === undefined || was === undefined || instruction.stageIndex !== index || instruction.index !== was.index + delta) return undefined;
    const move = movedFrom(instruction);
    if (move === undefined || move.lines !== 0 || move.instruction !== was) return undefined;
  }
  const remap = new Remapping(before, now, delta, earlier.variables);
  // Written out field by field, not spread: this runs for every stage below the edit, on every such keystroke.
  return {
    index: earlier.index,
    name: earlier.name,
    nameToken: earlier.nameToken,
    from: first,
    baseText: earlier.baseText,
    baseRange: earlier.baseRange,
    base: earlier.base,
    baseImage: earlier.baseImage,
    parentStageIndex: earlier.parentStageIndex,
    platform: earlier.platform,
    instructions: now,
    range: earlier.range,
    variables: remap.variables,
    runtime: remap.runtime(earlier.runtime),
  };
}

/** Old references of one stage to their renumbered counterparts; references into a parent stage stay as they are. */
class Remapping {
  private readonly firstIndex: number;
  /** The stage's variables, its own ones with their instruction index moved (parallel to the earlier list). */
  readonly variables: readonly VariableDefinition[];

  constructor(
    private readonly before: readonly InstructionModel[],
    private readonly now: readonly InstructionModel[],
    delta: number,
    private readonly earlierVariables: readonly VariableDefinition[],
  ) {
    const firstIndex = before[0]?.index ?? 0;
    this.firstIndex = firstIndex;
    const stageIndex = now[0]?.stageIndex;
    this.variables = earlierVariables.map((variable) => (variable.stageIndex === stageIndex && variable.instructionIndex >= firstIndex && variable.instructionIndex < firstIndex + before.length
      ? { ...variable, instructionIndex: variable.instructionIndex + delta }
      : variable));
  }

  instruction(instruction: InstructionModel): InstructionModel {
    const position = instruction.index - this.firstIndex;
    return this.before[position] === instruction ? this.now[position] ?? instruction : instruction;
  }

  runtime(runtime: RuntimeConfig): RuntimeConfig {
    return {
      origin: runtime.origin,
      entrypoint: runtime.entrypoint.known ? this.knownCommand(runtime.entrypoint.value, runtime.entrypoint) : runtime.entrypoint,
      cmd: runtime.cmd.known ? this.knownCommand(runtime.cmd.value, runtime.cmd) : runtime.cmd,
      shell: runtime.shell.known ? this.knownSetting(runtime.shell.value, runtime.shell) : runtime.shell,
      workdir: runtime.workdir.known ? this.knownSetting(runtime.workdir.value, runtime.workdir) : runtime.workdir,
      user: runtime.user.known ? this.knownSetting(runtime.user.value, runtime.user) : runtime.user,
      volumes: runtime.volumes.map((setting) => this.setting(setting)),
      exposedPorts: runtime.exposedPorts.map((setting) => this.setting(setting)),
      env: this.env(runtime.env),
      stopSignal: runtime.stopSignal === undefined ? undefined : this.setting(runtime.stopSignal),
      healthcheck: runtime.healthcheck === undefined ? undefined : this.instruction(runtime.healthcheck),
      isWindows: runtime.isWindows,
      workdirBefore: runtime.workdirBefore,
      entrypointInstructions: runtime.entrypointInstructions.map((instruction) => this.instruction(instruction)),
      cmdInstructions: runtime.cmdInstructions.map((instruction) => this.instruction(instruction)),
    };
  }

  /** The stage's own ENV definitions are among its variables; inherited ones stay. */
  private env(env: ReadonlyMap<string, VariableDefinition>): ReadonlyMap<string, VariableDefinition> {
    let remapped: Map<string, VariableDefinition> | undefined;
    for (const [name, definition] of env) {
      const position = this.earlierVariables.indexOf(definition);
      const moved = position === -1 ? definition : this.variables[position] ?? definition;
      if (moved === definition && remapped === undefined) continue;
      remapped ??= new Map(env);
      remapped.set(name, moved);
    }
    return remapped ?? env;
  }

  /** `known`, or a copy whose setting names the renumbered instruction. */
  private knownSetting<S extends Setting<unknown> | undefined>(setting: S, known: KnownOrUnknown<S>): KnownOrUnknown<S> {
    if (setting === undefined) return known;
    const moved = this.setting(setting);
    // Only the instruction differs, so the copy is still an S.
    return moved === setting ? known : { known: true, value: moved as S };
  }

  private knownCommand(command: CommandSetting | undefined, known: KnownOrUnknown<CommandSetting | undefined>): KnownOrUnknown<CommandSetting | undefined> {
    if (command === undefined) return known;
    const instruction = this.instruction(command.instruction);
    return instruction === command.instruction ? known : { known: true, value: { ...command, instruction } };
  }

  private setting<T>(setting: Setting<T>): Setting<T> {
    if (setting.instruction === undefined) return setting;
    const instruction = this.instruction(setting.instruction);
    return instruction === setting.instruction ? setting : { value: setting.value, instruction, stageIndex: setting.stageIndex };
  }
}
