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
  const remap = new Remapping(before, now, delta);
  const variables = earlier.variables.map((variable) => remap.variable(variable));
  return { ...earlier, from: first, instructions: now, variables, runtime: remap.runtime(earlier.runtime) };
}

/** Old references of one stage to their renumbered counterparts; references into a parent stage stay as they are. */
class Remapping {
  private readonly firstIndex: number;
  private readonly variables = new Map<VariableDefinition, VariableDefinition>();

  constructor(private readonly before: readonly InstructionModel[], private readonly now: readonly InstructionModel[], private readonly delta: number) {
    this.firstIndex = before[0]?.index ?? 0;
  }

  instruction(instruction: InstructionModel): InstructionModel {
    const position = instruction.index - this.firstIndex;
    return this.before[position] === instruction ? this.now[position] ?? instruction : instruction;
  }

  variable(variable: VariableDefinition): VariableDefinition {
    const own = variable.stageIndex === this.now[0]?.stageIndex && variable.instructionIndex >= this.firstIndex && variable.instructionIndex < this.firstIndex + this.before.length;
    if (!own) return variable;
    let moved = this.variables.get(variable);
    if (moved === undefined) this.variables.set(variable, (moved = { ...variable, instructionIndex: variable.instructionIndex + this.delta }));
    return moved;
  }

  runtime(runtime: RuntimeConfig): RuntimeConfig {
    // The stage's own ENV definitions are among its variables, remapped before the runtime is.
    let env = runtime.env;
    if (this.variables.size > 0) {
      const remapped = new Map<string, VariableDefinition>();
      for (const [name, definition] of runtime.env) remapped.set(name, this.variable(definition));
      env = remapped;
    }
    return {
      ...runtime,
      entrypoint: this.knownOrUnknown(runtime.entrypoint, (command) => this.command(command)),
      cmd: this.knownOrUnknown(runtime.cmd, (command) => this.command(command)),
      shell: this.knownOrUnknown(runtime.shell, (setting) => this.setting(setting)),
      workdir: this.knownOrUnknown(runtime.workdir, (setting) => this.setting(setting)),
      user: this.knownOrUnknown(runtime.user, (setting) => this.setting(setting)),
      volumes: runtime.volumes.map((setting) => this.setting(setting)),
      exposedPorts: runtime.exposedPorts.map((setting) => this.setting(setting)),
      env,
      stopSignal: this.setting(runtime.stopSignal),
      healthcheck: runtime.healthcheck === undefined ? undefined : this.instruction(runtime.healthcheck),
      entrypointInstructions: runtime.entrypointInstructions.map((instruction) => this.instruction(instruction)),
      cmdInstructions: runtime.cmdInstructions.map((instruction) => this.instruction(instruction)),
    };
  }

  private knownOrUnknown<T>(value: KnownOrUnknown<T>, remap: (inner: T) => T): KnownOrUnknown<T> {
    if (!value.known) return value;
    const inner = remap(value.value);
    return inner === value.value ? value : { known: true, value: inner };
  }

  private setting<T, S extends Setting<T> | undefined>(setting: S): S {
    if (setting?.instruction === undefined) return setting;
    const instruction = this.instruction(setting.instruction);
    return instruction === setting.instruction ? setting : { ...setting, instruction };
  }

  private command(command: CommandSetting | undefined): CommandSetting | undefined {
    if (command === undefined) return undefined;
    const instruction = this.instruction(command.instruction);
    return instruction === command.instruction ? command : { ...command, instruction };
  }
}
