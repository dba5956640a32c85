import { isPlatformArg } from '../reference/predefinedArgs';
import type { Position, Range } from './positions';
import { rangeContains } from './positions';
import { terminatorWordRange } from './heredocs';
import type { DockerfileModel, InstructionModel, StageModel, VariableDefinition } from './types';
import { objectCache } from './objectCache';

export type SymbolKind = 'stage' | 'variable' | 'heredoc';

export interface Occurrence {
  readonly range: Range;
  readonly role: 'definition' | 'reference';
  /** `--from=0`: refers to a stage by index, so a rename leaves it alone. */
  readonly byIndex: boolean;
  readonly symbol: SymbolEntry;
}

/**
 * One thing with a name: a stage, a variable in the scopes that share it, or a heredoc's delimiter pair.
 * Variables are scope-correct: a global ARG, its re-declarations inside stages (`ARG NAME` without a value
 * takes the global default) and the uses those reach are one symbol; the same name in an unrelated stage
 * is another. ENV a child stage inherits from its parent stage joins the parent's symbol.
 */
export interface SymbolEntry {
  readonly kind: SymbolKind;
  readonly name: string;
  readonly occurrences: Occurrence[];
  /** Variables: the stages (-1: global scope) whose definitions and uses belong to this symbol. */
  readonly scopes: Set<number>;
  /** Variables: the builder sets it (TARGETARCH…), so no line of this file defines it. */
  predefined: boolean;
  readonly stage: StageModel | undefined;
}

export interface SymbolTable {
  readonly symbols: readonly SymbolEntry[];
  occurrenceAt(position: Position): Occurrence | undefined;
}

const tables = objectCache<DockerfileModel, SymbolTable>('symbol table');

/** Built on first use and kept with the model, so navigation requests for one version share it. */
export function symbolTable(model: DockerfileModel): SymbolTable {
  let table = tables.get(model);
  if (table === undefined) {
    table = buildSymbolTable(model);
    tables.set(model, table);
  }
  return table;
}

function buildSymbolTable(model: DockerfileModel): SymbolTable {
  const symbols: SymbolEntry[] = [];
  const byLine = new Map<number, Occurrence[]>();
  const add = (symbol: SymbolEntry, range: Range, role: Occurrence['role'], byIndex = false): void => {
    const occurrence: Occurrence = { range, role, byIndex, symbol };
    symbol.occurrences.push(occurrence);
    const list = byLine.get(range.start.line);
    if (list === undefined) byLine.set(range.start.line, [occurrence]);
    else list.push(occurrence);
  };

  addStageSymbols(model, symbols, add);
  addVariableSymbols(model, symbols, add);
  for (const instruction of model.instructions) {
    for (const heredoc of instruction.heredocs) {
      const symbol = newSymbol('heredoc', heredoc.name, undefined);
      symbols.push(symbol);
      add(symbol, heredoc.nameRange, 'definition');
      const terminator = terminatorWordRange(heredoc);
      if (terminator !== null) add(symbol, terminator, 'reference');
    }
  }
  for (const symbol of symbols) symbol.occurrences.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

  return {
    symbols,
    occurrenceAt(position) {
      return byLine.get(position.line)?.find((o) => rangeContains(o.range, position));
    },
  };
}

type AddOccurrence = (symbol: SymbolEntry, range: Range, role: Occurrence['role'], byIndex?: boolean) => void;

function newSymbol(kind: SymbolKind, name: string, stage: StageModel | undefined): SymbolEntry {
  return { kind, name, occurrences: [], scopes: new Set(), predefined: false, stage };
}

/**
 * `COPY --from=x`, `ADD --from=x` and `RUN --mount=…,from=x`: the stage references and where they are written
 * (the only flags that name a stage; navigation and the stage-reference rules read them here).
 */
export function stageReferencesOf(instruction: InstructionModel): { value: string; range: Range }[] {
  const found: { value: string; range: Range }[] = [];
  const copies = instruction.keyword === 'COPY' || instruction.keyword === 'ADD';
  const runs = instruction.keyword === 'RUN';
  if (!copies && !runs) return found;
  for (const flag of instruction.flags) {
    if (copies && flag.name === 'from' && flag.value !== null && flag.value !== '') {
      found.push({ value: flag.value, range: flag.valueRange ?? flag.range });
    } else if (runs && flag.name === 'mount') {
      const option = flag.options.find((o) => o.name.toLowerCase() === 'from');
      if (option?.value != null && option.value !== '') found.push({ value: option.value, range: option.valueRange ?? option.range });
    }
  }
  return found;
}

function addStageSymbols(model: DockerfileModel, symbols: SymbolEntry[], add: AddOccurrence): void {
  const stageSymbols = model.stages.map((stage) => {
    const symbol = newSymbol('stage', stage.name ?? String(stage.index), stage);
    symbols.push(symbol);
    add(symbol, stage.nameToken?.range ?? stage.from.keywordRange, 'definition');
    return symbol;
  });
  for (const stage of model.stages) {
    if (stage.parentStageIndex !== undefined && stage.baseRange !== undefined) {
      const parent = stageSymbols[stage.parentStageIndex];
      // A base written through a variable (`FROM ${BASE}`) is a use, but not text a rename could change.
      if (parent !== undefined && stage.baseText.toLowerCase() === parent.name) add(parent, stage.baseRange, 'reference');
    }
    for (const instruction of stage.instructions) {
      for (const reference of stageReferencesOf(instruction)) {
        const target = model.stageByReference(reference.value);
        const symbol = target === undefined ? undefined : stageSymbols[target.index];
        if (symbol !== undefined) add(symbol, reference.range, 'reference', /^\d+$/.test(reference.value));
      }
    }
  }
}

/** Union-find over (name, scope) so that scopes linked by a re-declaration or inheritance share one symbol. */
function addVariableSymbols(model: DockerfileModel, symbols: SymbolEntry[], add: AddOccurrence): void {
  const parents = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parents.get(root) !== undefined && parents.get(root) !== root) root = parents.get(root) ?? root;
    parents.set(key, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parents.set(rootA, rootB);
  };
  const keyOf = (name: string, scope: number): string => `${scope}\u0000${name}`;
  const scopeOf = (definition: VariableDefinition): number => (definition.stageIndex < 0 ? -1 : definition.stageIndex);
  const pending: { name: string; scope: number; range: Range; role: Occurrence['role'] }[] = [];

  for (const definition of model.globalVariables) {
    if (definition.nameRange === undefined) continue;
    parents.set(keyOf(definition.name, -1), keyOf(definition.name, -1));
    pending.push({ name: definition.name, scope: -1, range: definition.nameRange, role: 'definition' });
  }
  for (const stage of model.stages) {
    for (const definition of stage.variables) {
      if (definition.nameRange === undefined) continue;
      const key = keyOf(definition.name, stage.index);
      if (!parents.has(key)) parents.set(key, key);
      if (definition.globalDefinition !== undefined) union(key, keyOf(definition.name, -1));
      pending.push({ name: definition.name, scope: stage.index, range: definition.nameRange, role: 'definition' });
    }
  }
  for (const instruction of model.instructions) {
    const scope = instruction.stageIndex < 0 || instruction.keyword === 'FROM' ? -1 : instruction.stageIndex;
    for (const reference of instruction.variables) {
      const key = keyOf(reference.name, scope);
      if (!parents.has(key)) parents.set(key, key);
      const definition = model.lookupVariable(reference.name, instruction.index);
      if (definition !== undefined && definition.kind !== 'predefined') union(key, keyOf(reference.name, scopeOf(definition)));
      pending.push({ name: reference.name, scope, range: reference.nameRange, role: 'reference' });
    }
  }
  const byRoot = new Map<string, SymbolEntry>();
  for (const item of pending) {
    const root = find(keyOf(item.name, item.scope));
    let symbol = byRoot.get(root);
    if (symbol === undefined) {
      symbol = newSymbol('variable', item.name, undefined);
      symbol.predefined = isPlatformArg(item.name);
      byRoot.set(root, symbol);
      symbols.push(symbol);
    }
    symbol.scopes.add(item.scope);
    add(symbol, item.range, item.role);
  }
}

export function definitionsOfSymbol(symbol: SymbolEntry): Occurrence[] {
  return symbol.occurrences.filter((o) => o.role === 'definition');
}
