import type { DockerfileModel, InstructionModel } from '../model';
import type { InstructionSpec } from '../reference/instructions';
import { instructionSpec } from '../reference/instructions';
import { parseJsonStringArray } from '../model/instruction';
import { objectCache } from '../model/objectCache';

/**
 * A list derived from a model's instructions, made once per instruction list (a model's, or the subset a
 * memoized check asks about): several rules walk it in every check.
 */
function perInstructionList<T>(derive: (model: DockerfileModel) => readonly T[]): (model: DockerfileModel) => readonly T[] {
  const byList = objectCache<readonly InstructionModel[], readonly T[]>('derived instruction list');
  return (model) => {
    let derived = byList.get(model.instructions);
    if (derived === undefined) byList.set(model.instructions, (derived = derive(model)));
    return derived;
  };
}

/**
 * Every instruction including the ones ONBUILD carries, which the builder validates the same way. An array,
 * not a generator: rules walk it on every keystroke, and a generator's steps cost more than their checks.
 */
export const instructionsWithTriggers = perInstructionList((model) => {
  // Usually there is no ONBUILD: then the list is the model's own (a copy of 20k instructions per keystroke was
  // 300 KB in the large-object space, which only a full collection frees).
  if (!model.instructions.some((instruction) => instruction.trigger !== undefined)) return model.instructions;
  const all: InstructionModel[] = [];
  for (const instruction of model.instructions) {
    all.push(instruction);
    if (instruction.trigger !== undefined) all.push(instruction.trigger);
  }
  return all;
});

export interface KnownInstruction {
  readonly instruction: InstructionModel;
  readonly spec: InstructionSpec;
}

/** Instructions (with ONBUILD triggers) whose keyword is known, paired with what the reference says of it. */
export const knownInstructions = perInstructionList((model) => {
  const list: KnownInstruction[] = [];
  for (const instruction of instructionsWithTriggers(model)) {
    const spec = instructionSpec(instruction.keyword);
    if (spec !== undefined) list.push({ instruction, spec });
  }
  return list;
});

/** The paths of a COPY/ADD as the builder reads them: JSON strings in exec form, else the words. */
export function copyPaths(instruction: InstructionModel): { paths: string[]; fromJson: boolean } {
  const text = instruction.argumentsText.trim();
  const json = text.startsWith('[') ? parseJsonStringArray(text) : undefined;
  return json !== undefined ? { paths: json, fromJson: true } : { paths: instruction.args.map((a) => a.value), fromJson: false };
}

/** The two rows editDistance works in, grown as needed: it runs once per candidate, thousands of times for a typo in a large file. */
let previousRow = new Int32Array(32);
let currentRow = new Int32Array(32);

/** Levenshtein distance, bounded: returns `limit + 1` as soon as the distance must exceed `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const done = previous;
    previous = current;
    current = done;
  }
  return previous[b.length] ?? limit + 1;
}

export function closest(word: string, candidates: Iterable<string>, limit = 2): string | undefined {
  const lowerWord = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lowerWord, candidate.toLowerCase(), limit);
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
