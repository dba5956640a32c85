import type { DocumentSymbol } from 'vscode-languageserver';
import { SymbolKind } from '../../lsp';
import type { DockerfileModel, InstructionModel, StageModel } from '../../model';

/**
 * The outline as a hierarchy: parser directives and global ARGs at the top, then each stage (its name and
 * base) holding its instructions; ARG/ENV instructions hold the variables they define.
 */
export function documentSymbols(model: DockerfileModel): DocumentSymbol[] {
  const top: DocumentSymbol[] = model.directives.map((directive) => ({
    name: `# ${directive.name}`,
    detail: directive.value,
    kind: SymbolKind.Property,
    range: directive.range,
    selectionRange: directive.nameRange,
  }));
  for (const instruction of model.instructions) {
    if (instruction.stageIndex >= 0) break;
    top.push(instructionSymbol(instruction));
  }
  for (const stage of model.stages) top.push(stageSymbol(model, stage));
  return top;
}

function stageSymbol(model: DockerfileModel, stage: StageModel): DocumentSymbol {
  const parent = stage.parentStageIndex === undefined ? undefined : model.stages[stage.parentStageIndex];
  return {
    name: stage.nameToken?.value ?? `stage ${stage.index}`,
    detail: `FROM ${parent?.nameToken?.value ?? stage.baseText}${stage.index === model.stages.length - 1 ? ' (final)' : ''}`,
    kind: SymbolKind.Class,
    range: stage.range,
    selectionRange: stage.nameToken?.range ?? stage.baseRange ?? stage.from.keywordRange,
    children: stage.instructions.slice(1).map(instructionSymbol),
  };
}

function instructionSymbol(instruction: InstructionModel): DocumentSymbol {
  // A heredoc body is content, not a summary of the instruction.
  const written = instruction.heredocs.length > 0 ? (instruction.argumentsText.split(/\r?\n/)[0] ?? '') : instruction.argumentsText;
  const text = written.replace(/\s+/g, ' ').trim();
  const symbol: DocumentSymbol = {
    name: instruction.keyword,
    detail: text.length > 60 ? `${text.slice(0, 59)}…` : text,
    kind: KINDS[instruction.keyword] ?? SymbolKind.Field,
    range: instruction.range,
    selectionRange: instruction.keywordRange,
  };
  if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') {
    symbol.children = instruction.properties.map((property) => ({
      name: property.name,
      detail: property.value ?? '',
      kind: instruction.keyword === 'ARG' ? SymbolKind.Variable : SymbolKind.Constant,
      range: property.range,
      selectionRange: property.nameRange,
    }));
  }
  return symbol;
}

const KINDS: Readonly<Record<string, SymbolKind>> = {
  RUN: SymbolKind.Function,
  CMD: SymbolKind.Event,
  ENTRYPOINT: SymbolKind.Event,
  COPY: SymbolKind.File,
  ADD: SymbolKind.File,
  ARG: SymbolKind.Variable,
  ENV: SymbolKind.Constant,
  LABEL: SymbolKind.Key,
  EXPOSE: SymbolKind.Interface,
  VOLUME: SymbolKind.Package,
  WORKDIR: SymbolKind.Namespace,
  USER: SymbolKind.Object,
};
