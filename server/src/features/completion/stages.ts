import { l10n } from '../../locale/l10n';
import type { CompletionItem, Range } from 'vscode-languageserver';
import { CompletionItemKind } from '../../lsp';
import type { DockerfileModel, InstructionModel } from '../../model';

/**
 * Stages another instruction can name: for FROM only earlier stages (a later one would be pulled as an
 * image); for `--from=` every other stage, earlier ones first, the nearest on top.
 */
export function stageNameItems(model: DockerfileModel, instruction: InstructionModel, replace: Range, anyOrder: boolean): CompletionItem[] {
  const current = instruction.stageIndex;
  return model.stages
    .filter((stage) => stage.index !== current && (anyOrder || stage.index < current || current < 0) && stage.nameToken !== undefined)
    .map((stage) => ({
      label: stage.nameToken?.value ?? String(stage.index),
      kind: CompletionItemKind.Module,
      detail: l10n.t`stage ${stage.index}: FROM ${stage.baseText}`,
      sortText: `0${String(stage.index < current || current < 0 ? 1000 - stage.index : 2000 + stage.index).padStart(4, '0')}`,
      textEdit: { range: replace, newText: stage.nameToken?.value ?? String(stage.index) },
    }))
    .sort((a, b) => a.sortText.localeCompare(b.sortText));
}
