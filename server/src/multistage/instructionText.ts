import type { DockerfileModel, InstructionModel } from '../model';

/** An instruction exactly as written (continuation lines, comments inside it and all). */
export function instructionText(model: DockerfileModel, instruction: InstructionModel): string {
  const { start, end } = instruction.range;
  return model.lines.slice(start.line, start.character, end.line, end.character);
}
