import { l10n } from '../../locale/l10n';
import type { CompletionItem, Range, TextEdit } from 'vscode-languageserver';
import { CompletionItemKind } from '../../lsp';
import type { DockerfileModel, InstructionModel, VariableDefinition } from '../../model';
import { PLATFORM_ARGS, PROXY_ARGS } from '../../reference/predefinedArgs';

interface Candidate {
  readonly name: string;
  readonly detail: string;
  readonly documentation: string;
  /** Set when the name must first be declared in this stage (`ARG NAME`) to be in scope here. */
  readonly declare: boolean;
  readonly rank: number;
}

/**
 * Variables usable at this instruction: ARG/ENV in scope, ENV inherited from a parent stage, and the
 * builder's platform args. A platform arg or global ARG not yet declared in the stage is offered too, with
 * the `ARG NAME` line that brings it into scope added above the instruction; proxy args in RUN.
 */
export function variableCompletions(model: DockerfileModel, instruction: InstructionModel, replace: Range, closeBrace: boolean): CompletionItem[] {
  const candidates = new Map<string, Candidate>();
  const offer = (candidate: Candidate): void => {
    if (!candidates.has(candidate.name)) candidates.set(candidate.name, candidate);
  };
  const inFrom = instruction.keyword === 'FROM' || instruction.stageIndex < 0;
  const stage = inFrom ? undefined : model.stages[instruction.stageIndex];
  if (stage === undefined) {
    for (const definition of [...model.globalVariables].reverse()) {
      if (definition.kind !== 'predefined' && definition.instructionIndex < instruction.index) offer(fromDefinition(definition, 0));
    }
  } else {
    for (const definition of [...stage.variables].reverse()) {
      if (definition.instructionIndex < instruction.index) offer(fromDefinition(definition, 0));
    }
    const parent = stage.parentStageIndex === undefined ? undefined : model.stages[stage.parentStageIndex];
    for (const definition of parent?.runtime.env.values() ?? []) offer(fromDefinition(definition, 1));
    for (const definition of model.globalVariables) {
      if (definition.nameRange === undefined) continue;
      offer({ name: definition.name, detail: l10n.t`global ARG (line ${definition.nameRange.start.line + 1}), not yet in this stage`, documentation: l10n.t`Adds \`ARG ${definition.name}\` above this line: a global ARG is visible in a stage only after it is declared there.`, declare: true, rank: 2 });
    }
  }
  for (const name of PLATFORM_ARGS) {
    offer({ name, detail: l10n.t('set by the builder'), documentation: inFrom ? l10n.t('Predefined platform argument.') : l10n.t`Predefined platform argument; adds \`ARG ${name}\` above this line to bring it into the stage.`, declare: !inFrom, rank: 3 });
  }
  if (instruction.keyword === 'RUN') {
    for (const name of PROXY_ARGS) offer({ name, detail: l10n.t('proxy build arg'), documentation: l10n.t('Passed with `--build-arg`, visible to RUN without an ARG line and kept out of the image history.'), declare: false, rank: 4 });
  }
  const declarationLine = instruction.range.start.line;
  return [...candidates.values()].map((candidate, order) => {
    const additionalTextEdits: TextEdit[] = candidate.declare
      ? [{ range: { start: { line: declarationLine, character: 0 }, end: { line: declarationLine, character: 0 } }, newText: `ARG ${candidate.name}\n` }]
      : [];
    return {
      label: candidate.name,
      kind: CompletionItemKind.Variable,
      detail: candidate.detail,
      documentation: { kind: 'markdown', value: candidate.documentation },
      sortText: `${candidate.rank}${String(order).padStart(3, '0')}`,
      textEdit: { range: replace, newText: closeBrace ? `${candidate.name}}` : candidate.name },
      ...(additionalTextEdits.length > 0 ? { additionalTextEdits } : {}),
    };
  });
}

function fromDefinition(definition: VariableDefinition, rank: number): Candidate {
  const kind = definition.kind === 'env' ? 'ENV' : definition.kind === 'arg' ? 'ARG' : 'builder';
  const where = definition.nameRange === undefined ? '' : ` (line ${definition.nameRange.start.line + 1})`;
  const value = definition.value === undefined ? l10n.t('set at build time') : `= ${definition.value}`;
  return { name: definition.name, detail: `${kind}${where} ${value}`, documentation: definition.overridable ? l10n.t('`--build-arg` can change it.') : l10n.t('Fixed at build time.'), declare: false, rank };
}
