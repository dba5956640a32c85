import { PLATFORM_ARGS } from '../reference/predefinedArgs';
import type { LookupResult, VariableLookup } from './expand';
import { expandVariables } from './expand';
import type { Range } from './positions';
import type { InstructionModel, VariableDefinition, VariableKind } from './types';

/**
 * A definition reads its instruction's number from the instruction, which a new version of the document may
 * renumber or move in place (see placeInPlace): a stage that is kept as it was keeps its definitions.
 */
class Definition implements VariableDefinition {
  constructor(
    readonly name: string,
    readonly kind: VariableKind,
    readonly rawValue: string | undefined,
    readonly value: string | undefined,
    readonly instruction: InstructionModel | undefined,
    readonly nameRange: Range | undefined,
    readonly globalDefinition: VariableDefinition | undefined,
  ) {}

  get overridable(): boolean {
    return this.kind === 'arg';
  }

  get instructionIndex(): number {
    return this.instruction?.index ?? -1;
  }

  get stageIndex(): number {
    return this.instruction?.stageIndex ?? -1;
  }
}

export function predefinedDefinitions(): VariableDefinition[] {
  return PLATFORM_ARGS.map((name) => new Definition(name, 'predefined', undefined, undefined, undefined, undefined, undefined));
}

export function lookupResultOf(definition: VariableDefinition | undefined): LookupResult {
  if (definition === undefined) return { kind: 'undefined' };
  if (definition.value === undefined) return { kind: 'unknown' };
  return { kind: 'value', value: definition.value };
}

/**
 * Definitions made by one ARG or ENV instruction. Each pair sees the scope from before the instruction
 * (Docker evaluates `ENV a=1 b=$a` with the old `a`), so the caller passes a lookup frozen at that point.
 */
export function definitionsOf(
  instruction: InstructionModel,
  lookupBefore: VariableLookup,
  escapeChar: string,
  globalDefinition: (name: string) => VariableDefinition | undefined,
): VariableDefinition[] {
  if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') return [];
  const kind = instruction.keyword === 'ARG' ? 'arg' : 'env';
  return instruction.properties.map((property) => {
    const inherited = kind === 'arg' && property.value === undefined && instruction.stageIndex >= 0
      ? globalDefinition(property.name)
      : undefined;
    let value: string | undefined;
    if (property.value !== undefined) {
      const expansion = expandVariables(property.value, lookupBefore, escapeChar);
      value = expansion.exact ? expansion.text : undefined;
    } else if (inherited !== undefined) {
      value = inherited.value;
    } else if (kind === 'env') {
      value = '';
    }
    return new Definition(property.name, kind, property.value, value, instruction, property.nameRange, inherited);
  });
}

/** Last definition of `name` whose instruction comes before `instructionIndex`, optionally of one kind. */
export function lastDefinitionBefore(
  definitions: readonly VariableDefinition[],
  name: string,
  instructionIndex: number,
  kind?: VariableDefinition['kind'],
): VariableDefinition | undefined {
  for (let i = definitions.length - 1; i >= 0; i--) {
    const definition = definitions[i];
    if (definition === undefined || definition.instructionIndex >= instructionIndex) continue;
    if (definition.name === name && (kind === undefined || definition.kind === kind)) return definition;
  }
  return undefined;
}
