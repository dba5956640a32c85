import type { DockerfileModel, InstructionModel } from '../model';
import type { InstructionSpec } from '../reference/instructions';
import { instructionSpec } from '../reference/instructions';
import { parseJsonStringArray } from '../model/instruction';

const withTriggersByList = new WeakMap<readonly InstructionModel[], readonly InstructionModel[]>();

/**
 * Every instruction including the ones ONBUILD carries, which the builder validates the same way. An array,
 * not a generator: rules walk it on every keystroke, and a generator's steps cost more than their checks.
 */
export function instructionsWithTriggers(model: DockerfileModel): readonly InstructionModel[] {
  let list = withTriggersByList.get(model.instructions);
  if (list === undefined) {
    const all: InstructionModel[] = [];
    for (const instruction of model.instructions) {
      all.push(instruction);
      if (instruction.trigger !== undefined) all.push(instruction.trigger);
    }
    withTriggersByList.set(model.instructions, (list = all));
  }
  return list;
}

export interface KnownInstruction {
  readonly instruction: InstructionModel;
  readonly spec: InstructionSpec;
}

/** By instruction list: the rules that walk known instructions share one walk per model (or per list they are asked about). */
const knownByList = new WeakMap<readonly InstructionModel[], readonly KnownInstruction[]>();

/** Instructions (with ONBUILD triggers) whose keyword is known, paired with what the reference says of it. */
export function knownInstructions(model: DockerfileModel): readonly KnownInstruction[] {
  let known = knownByList.get(model.instructions);
  if (known === undefined) {
    const list: KnownInstruction[] = [];
    for (const instruction of instructionsWithTriggers(model)) {
      const spec = instructionSpec(instruction.keyword);
      if (spec !== undefined) list.push({ instruction, spec });
    }
    knownByList.set(model.instructions, (known = list));
  }
  return known;
}

/** The paths of a COPY/ADD as the builder reads them: JSON strings in exec form, else the words. */
export function copyPaths(instruction: InstructionModel): { paths: string[]; fromJson: boolean } {
  const text = instruction.argumentsText.trim();
  const json = text.startsWith('[') ? parseJsonStringArray(text) : undefined;
  return json !== undefined ? { paths: json, fromJson: true } : { paths: instruction.args.map((a) => a.value), fromJson: false };
}

/** Levenshtein distance, bounded: returns `limit + 1` as soon as the distance must exceed `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

export function closest(word: string, candidates: Iterable<string>, limit = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function quoteList(items: readonly string[]): string {
  return items.map((item) => `\`${item}\``).join(', ');
}
