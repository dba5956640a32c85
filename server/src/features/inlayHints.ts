import { l10n } from '../locale/l10n';
import type { InlayHint, Range } from 'vscode-languageserver';
import { InlayHintKind } from '../lsp';
import type { DockerfileModel, InstructionModel } from '../model';
import { rangesOverlap } from '../model/positions';
import { stageReferencesOf } from '../model/symbols';
import { instructionSpec } from '../reference/instructions';

const MAX_SHOWN = 40;

/**
 * `= value` after each `${VAR}` whose value is known at that line, in instructions the builder expands
 * (RUN, CMD and ENTRYPOINT leave `$VAR` to the shell at run time, whose environment the file does not fully
 * know); and the stage a `--from=` reference means: its name after an index, its index after a name.
 */
export function inlayHints(model: DockerfileModel, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const instruction of model.instructions) {
    if (!rangesOverlap(instruction.range, range)) continue;
    addVariableHints(model, instruction, hints);
    for (const reference of stageReferencesOf(instruction)) {
      const stage = model.stageByReference(reference.value);
      if (stage === undefined) continue;
      const byIndex = /^\d+$/.test(reference.value);
      const label = byIndex ? (stage.nameToken?.value ?? stage.baseText) : `#${stage.index}`;
      if (byIndex || stage.name !== undefined) hints.push({ position: reference.range.end, label, kind: InlayHintKind.Type, paddingLeft: true, tooltip: l10n.t`Stage ${stage.index}, FROM ${stage.baseText} (line ${stage.from.range.start.line + 1})` });
    }
  }
  return hints;
}

function addVariableHints(model: DockerfileModel, instruction: InstructionModel, hints: InlayHint[]): void {
  if (instructionSpec(instruction.keyword)?.expandsVariables !== true) return;
  for (const reference of instruction.variables) {
    const definition = model.lookupVariable(reference.name, instruction.index);
    const value = definition?.value;
    if (value === undefined || value === '' || reference.modifier !== null) continue;
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value;
    hints.push({
      position: reference.range.end,
      label: `= ${shown}`,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: `${definition?.kind === 'env' ? 'ENV' : 'ARG'} ${reference.name} (line ${(definition?.nameRange?.start.line ?? 0) + 1})${definition?.overridable === true ? l10n.t('; --build-arg can change it') : ''}`,
    });
  }
}
