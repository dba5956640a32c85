import { l10n } from '../../locale/l10n';
import type { DockerfileModel, InstructionModel, VariableDefinition, VariableReference } from '../../model';
import { expandVariables } from '../../model';
import { lookupResultOf } from '../../model/variables';
import { instructionSpec } from '../../reference/instructions';
import { inlineCode, line } from './markdown';

function definitionText(definition: VariableDefinition): string {
  if (definition.kind === 'predefined') {
    return l10n.t`a build argument the builder predefines (${inlineCode(definition.name)}), set from the platform of the build`;
  }
  const where = line(definition.instructionIndex >= 0 ? definitionLine(definition) : 0);
  if (definition.kind === 'env') return l10n.t`ENV on ${where}; also set in the running container; \`--build-arg\` cannot change it`;
  const global = definition.globalDefinition;
  const origin = global !== undefined
    ? l10n.t`ARG on ${where}, taking its default from the global ARG on ${line(global.nameRange?.start.line ?? 0)}`
    : l10n.t`${definition.stageIndex < 0 ? 'global ' : ''}ARG on ${where}`;
  return l10n.t`${origin}; \`docker build --build-arg ${definition.name}=…\` overrides it`;
}

function definitionLine(definition: VariableDefinition): number {
  return definition.nameRange?.start.line ?? 0;
}

function expansionNote(instruction: InstructionModel): string {
  const spec = instructionSpec(instruction.keyword);
  if (spec?.expandsVariables) return l10n.t`Docker substitutes it when building this ${instruction.keyword}.`;
  if (instruction.command?.form === 'exec') return l10n.t('Not expanded: exec form runs the program without a shell, so it receives the text literally.');
  if (instruction.keyword === 'RUN') return l10n.t('Expanded by the shell when this RUN executes; ARG and ENV values are in its environment.');
  if (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT' || instruction.keyword === 'HEALTHCHECK') {
    return l10n.t('Expanded by the shell when the container runs, from the container\'s environment (ENV values, not ARGs).');
  }
  return '';
}

export function variableHover(model: DockerfileModel, instruction: InstructionModel, reference: VariableReference): string {
  const written = model.lines.slice(reference.range.start.line, reference.range.start.character, reference.range.end.line, reference.range.end.character);
  const definition = model.lookupVariable(reference.name, instruction.index);
  const sections: string[] = [];
  if (definition !== undefined) {
    const value = definition.value === undefined ? l10n.t('set at build time (no default)') : inlineCode(definition.value);
    const lookup = (name: string) => lookupResultOf(model.lookupVariable(name, instruction.index));
    const expansion = expandVariables(written, lookup, model.escapeChar);
    const result = written !== `$${reference.name}` && written !== `\${${reference.name}}` && expansion.exact
      ? ` — ${inlineCode(written)} gives ${inlineCode(expansion.text)}`
      : '';
    sections.push(`**${inlineCode(`$${reference.name}`)}** = ${value}${result}`, l10n.t`Defined by ${definitionText(definition)}.`);
  } else {
    sections.push(l10n.t`**${inlineCode(`$${reference.name}`)}** is not defined by this Dockerfile at this point.`);
    const global = model.globalVariables.find((v) => v.name === reference.name && v.kind === 'arg');
    if (global !== undefined && instruction.keyword !== 'FROM') {
      sections.push(l10n.t`The global ARG on ${line(definitionLine(global))} is only visible in FROM lines. Add ${inlineCode(`ARG ${reference.name}`)} inside this stage to use it here.`);
    } else if (instruction.keyword === 'RUN' || instruction.command?.form === 'shell') {
      sections.push(l10n.t('The shell may still get it from the base image\'s environment (like `PATH` or `HOME`), or it expands to an empty string.'));
    }
  }
  const note = expansionNote(instruction);
  if (note !== '') sections.push(note);
  return sections.join('\n\n');
}

/** Hover on the name in `ARG NAME=...` / `ENV NAME=...`: what this declaration makes visible, and where. */
export function declarationHover(model: DockerfileModel, instruction: InstructionModel, name: string): string {
  const stage = model.stages[instruction.stageIndex];
  const definition = instruction.stageIndex < 0
    ? model.globalVariables.find((v) => v.instructionIndex === instruction.index && v.name === name)
    : stage?.variables.find((v) => v.instructionIndex === instruction.index && v.name === name);
  if (definition === undefined) return '';
  const value = definition.value === undefined ? l10n.t('no default: empty unless `--build-arg` sets it') : inlineCode(definition.value);
  const scope = instruction.stageIndex < 0
    ? l10n.t`A global build argument: visible in FROM lines only. Inside a stage, re-declare it with ${inlineCode(`ARG ${name}`)} to use its value.`
    : definition.kind === 'env'
      ? l10n.t('Visible to the following instructions of this stage, to stages built FROM it, and in the running container.')
      : l10n.t('Visible to the following instructions of this stage only (not in the running container).');
  return [`**${inlineCode(name)}** = ${value}`, l10n.t`Defined by ${definitionText(definition)}.`, scope].join('\n\n');
}
