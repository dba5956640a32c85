import { LineIndex } from './lines';
import { parseSegmented } from './segments';
import type { SegmentCache } from './segments';
import { definitionsOf, lastDefinitionBefore, lookupResultOf, predefinedDefinitions } from './variables';
import type { VariableLookup } from './expand';
import { expandVariables } from './expand';
import { looksLikeWindowsImage, parseImageReference } from './imageRef';
import { computeRuntime } from './runtime';
import { sameItems, trimmed } from './lists';
import { LineShift, indexAtLine, lastStartingBy, range } from './positions';
import type { Range } from './positions';
import type {
  DockerfileModel, InstructionModel, RuntimeConfig, RuntimeOrigin, StageModel,
  VariableDefinition,
} from './types';

export interface ModelSource {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
}

/**
 * The one place a Dockerfile's text is parsed (in segments, see segments.ts). Everything else reads the model
 * this returns. `segments`: the previous version's parsed segments, reused where the text is unchanged.
 */
export function buildModel(source: ModelSource, segments?: SegmentCache): DockerfileModel {
  const { text } = source;
  const lines = new LineIndex(text);
  const { escapeChar, directives, comments, instructions } = parseSegmented(text, lines, segments);

  const globalVariables: VariableDefinition[] = predefinedDefinitions();
  const globalLookup: VariableLookup = (name) => lookupResultOf(lastDefinitionBefore(globalVariables, name, Infinity));
  for (const instruction of instructions) {
    if (instruction.stageIndex >= 0) break;
    if (instruction.keyword === 'ARG') {
      globalVariables.push(...definitionsOf(instruction, globalLookup, escapeChar, () => undefined));
    }
  }
  const globalDefinition = (name: string): VariableDefinition | undefined => lastDefinitionBefore(globalVariables, name, Infinity);

  const stages: StageModel[] = [];
  // Each name's stages in order; later duplicates shadow earlier ones, as in BuildKit's stage table.
  const byName = new Map<string, StageModel[]>();
  const latestNamed = (lowerName: string): StageModel | undefined => byName.get(lowerName)?.at(-1);
  const previous = segments?.lastModel;
  const globalsUnchanged = previous !== undefined && previous.escapeChar === escapeChar && sameGlobalInstructions(previous.instructions, instructions);
  let cursor = 0;
  while (cursor < instructions.length) {
    const from = instructions[cursor];
    if (from === undefined) break;
    if (from.keyword !== 'FROM') {
      cursor++;
      continue;
    }
    let end = cursor + 1;
    while (end < instructions.length && instructions[end]?.keyword !== 'FROM') end++;
    const stageInstructions = instructions.slice(cursor, end);
    const earlier = globalsUnchanged ? previous?.stages[stages.length] : undefined;
    // The previous version's stage as it was: the same instruction objects (also when a line added or an
    // instruction commented out above renumbered or moved them in place: what a stage holds depends on neither,
    // but for its range).
    const stage = earlier !== undefined && sameItems(earlier.instructions, stageInstructions) && parentUnchanged(earlier, previous?.stages ?? [], latestNamed) && movedAlong(earlier)
      ? earlier
      : buildStage(from, stageInstructions, stages, latestNamed, globalLookup, globalDefinition, escapeChar);
    stages.push(stage);
    if (stage.name !== undefined) {
      const list = byName.get(stage.name);
      if (list === undefined) byName.set(stage.name, [stage]);
      else list.push(stage);
    }
    cursor = end;
  }
  const stagesNamed = (name: string): readonly StageModel[] => byName.get(name.toLowerCase()) ?? [];

  const stageOfLine = (line: number): StageModel | undefined => {
    const index = lastStartingBy(stages, line);
    return index === undefined ? undefined : stages[index];
  };

  const model: DockerfileModel = {
    uri: source.uri,
    version: source.version,
    text,
    lines,
    escapeChar,
    directives,
    comments,
    instructions,
    stages,
    globalVariables,
    // `docker/dockerfile:experimental` is the labs channel's name from before 1.x-labs (it has RUN --security).
    labsSyntax: directives.some((d) => d.name.toLowerCase() === 'syntax' && /labs|experimental/i.test(d.value)),
    stageAt: stageOfLine,
    stageByReference(reference, beforeStage) {
      const limit = beforeStage ?? stages.length;
      if (/^\d+$/.test(reference)) {
        const index = Number(reference);
        return index < limit ? stages[index] : undefined;
      }
      // The last stage of that name before the limit (a later duplicate shadows an earlier one).
      const named = stagesNamed(reference);
      for (let i = named.length - 1; i >= 0; i--) {
        const stage = named[i];
        if (stage !== undefined && stage.index < limit) return stage;
      }
      return undefined;
    },
    stagesNamed,
    lookupVariable(name, instructionIndex) {
      const instruction = instructions[instructionIndex];
      if (instruction === undefined) return undefined;
      const stage = stages[instruction.stageIndex];
      if (stage === undefined || instruction.keyword === 'FROM') return globalDefinition(name);
      return stageLookup(stage, stages, name, instructionIndex);
    },
    instructionAt(line) {
      const index = indexAtLine(instructions, line);
      return index === undefined ? undefined : instructions[index];
    },
  };
  if (segments !== undefined) segments.lastModel = model;
  return model;
}

/**
 * Whether the stage's range could follow its instructions, moved in place by as many lines as they were (all
 * of them by the same: a stage kept as it was lies in segments that were only placed anew); it is moved then.
 */
function movedAlong(stage: StageModel): boolean {
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  const lines = stage.from.range.start.line - stage.range.start.line;
  if (last.range.end.line - stage.range.end.line !== lines) return false;
  if (lines !== 0) new LineShift(lines).move(stage.range);
  return true;
}

/**
 * The instructions above the first FROM (global ARGs) are the same: the very objects, or a parse of the same
 * text at the same place (an edit further down the first segment parses them again). Told by keyword, not by
 * stage number: this version's reading may have renumbered the previous version's objects already.
 */
function sameGlobalInstructions(earlier: readonly InstructionModel[], now: readonly InstructionModel[]): boolean {
  for (let i = 0; ; i++) {
    const a = earlier[i];
    const b = now[i];
    const aGlobal = a !== undefined && a.keyword !== 'FROM';
    const bGlobal = b !== undefined && b.keyword !== 'FROM';
    if (aGlobal !== bGlobal) return false;
    if (!aGlobal || !bGlobal) return true;
    if (a !== b && (a.keyword !== b.keyword || a.argumentsText !== b.argumentsText || !sameRange(a.range, b.range))) return false;
  }
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * Whether the previous version's stage at this index still has the same parent: the previous version's parent
 * stage object, itself reused as it was (the global ARGs are checked by the caller). Then, with the same
 * instructions, its variables and runtime are what building it again would give.
 */
function parentUnchanged(
  earlier: StageModel,
  previousStages: readonly StageModel[],
  latestNamed: (lowerName: string) => StageModel | undefined,
): boolean {
  // The same FROM text under the same global ARGs expands as it did: the earlier expansion names the parent.
  const parent = latestNamed(earlier.base.text.toLowerCase());
  if (parent === undefined || earlier.parentStageIndex === undefined) return parent === undefined && earlier.parentStageIndex === undefined;
  return parent === previousStages[earlier.parentStageIndex];
}

/** The base after substituting global ARGs, and the earlier stage it names, if any (FROM sees only earlier stages). */
function resolveBase(
  baseText: string,
  latestNamed: (lowerName: string) => StageModel | undefined,
  globalLookup: VariableLookup,
  escapeChar: string,
): { readonly expansion: ReturnType<typeof expandVariables>; readonly parent: StageModel | undefined } {
  const expansion = expandVariables(baseText, globalLookup, escapeChar, true);
  return { expansion, parent: latestNamed(expansion.text.toLowerCase()) };
}

function buildStage(
  from: InstructionModel,
  stageInstructions: readonly InstructionModel[],
  earlierStages: readonly StageModel[],
  latestNamed: (lowerName: string) => StageModel | undefined,
  globalLookup: VariableLookup,
  globalDefinition: (name: string) => VariableDefinition | undefined,
  escapeChar: string,
): StageModel {
  const index = earlierStages.length;
  const [baseToken, asToken, nameToken] = from.args;
  const named = asToken !== undefined && asToken.value.toUpperCase() === 'AS' && nameToken !== undefined;
  const baseText = baseToken?.value ?? '';
  const { expansion, parent } = resolveBase(baseText, latestNamed, globalLookup, escapeChar);
  const baseImage = parent === undefined && baseText !== '' ? parseImageReference(expansion.text) : undefined;
  const platform = from.flags.find((flag) => flag.name === 'platform');
  const isWindows = parent?.runtime.isWindows
    ?? ((baseImage !== undefined && looksLikeWindowsImage(baseImage)) || /^windows\//i.test(platform?.value ?? ''));
  const origin: RuntimeOrigin = parent !== undefined
    ? { kind: 'stage', stageIndex: parent.index }
    : baseImage?.isScratch ? { kind: 'scratch' } : { kind: 'image', image: expansion.text };

  const variables: VariableDefinition[] = [];
  const partial = { index, variables, parentStageIndex: parent?.index } as const;
  const lookupAt = (instructionIndex: number): VariableLookup =>
    (name) => lookupResultOf(scopedLookup(partial, parent?.runtime, name, instructionIndex));
  for (const instruction of stageInstructions) {
    if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') {
      variables.push(...definitionsOf(instruction, lookupAt(instruction.index), escapeChar, globalDefinition));
    }
  }
  const runtime: RuntimeConfig = computeRuntime({
    stageIndex: index,
    origin,
    parent: parent?.runtime,
    isWindows,
    instructions: stageInstructions,
    escapeChar,
    lookupAt,
    envDefinitions: variables.filter((v) => v.kind === 'env'),
  });
  const last = stageInstructions[stageInstructions.length - 1] ?? from;
  return {
    index,
    name: named ? nameToken.value.toLowerCase() : undefined,
    nameToken: named ? nameToken : undefined,
    from,
    baseText,
    baseRange: baseToken?.range,
    base: { text: expansion.text, exact: expansion.exact },
    baseImage,
    parentStageIndex: parent?.index,
    platform,
    instructions: stageInstructions,
    range: range(from.range.start.line, from.range.start.character, last.range.end.line, last.range.end.character),
    variables: trimmed(variables),
    runtime,
  };
}

interface ScopeSource {
  readonly variables: readonly VariableDefinition[];
}

/** ENV (this stage, then inherited from a parent stage) wins over ARG, as the builder resolves them. */
function scopedLookup(
  stage: ScopeSource,
  parentRuntime: RuntimeConfig | undefined,
  name: string,
  instructionIndex: number,
): VariableDefinition | undefined {
  return lastDefinitionBefore(stage.variables, name, instructionIndex, 'env')
    ?? parentRuntime?.env.get(name)
    ?? lastDefinitionBefore(stage.variables, name, instructionIndex, 'arg');
}

function stageLookup(stage: StageModel, stages: readonly StageModel[], name: string, instructionIndex: number): VariableDefinition | undefined {
  const parent = stage.parentStageIndex === undefined ? undefined : stages[stage.parentStageIndex];
  return scopedLookup(stage, parent?.runtime, name, instructionIndex);
}
