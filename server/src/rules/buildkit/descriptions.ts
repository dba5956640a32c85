import { l10n } from '../../locale/l10n';
import type { Finding, Rule } from '../rule';

export const invalidDefinitionDescription: Rule = {
  id: 'InvalidDefinitionDescription',
  defaultSeverity: 'warning',
  buildkit: true,
  enabledByDefault: false,
  get summary() { return l10n.t('A comment right above a named stage or an ARG should describe it: `# <name> <description>`.'); },
  check(model) {
    const found: Finding[] = [];
    const described = model.instructions.flatMap((instruction) => {
      if (instruction.keyword === 'ARG') return instruction.properties.length === 1 ? [{ instruction, name: instruction.properties[0]?.name ?? '' }] : [];
      if (instruction.keyword === 'FROM') {
        const stage = model.stages[instruction.stageIndex]?.from === instruction ? model.stages[instruction.stageIndex] : undefined;
        return stage?.nameToken ? [{ instruction, name: stage.nameToken.value }] : [];
      }
      return [];
    });
    for (const { instruction, name } of described) {
      const above = instruction.range.start.line - 1;
      const comment = model.comments.find((c) => c.range.start.line === above);
      if (comment === undefined || model.directives.some((d) => d.range.start.line === above)) continue;
      const first = comment.text.trim().split(/\s+/)[0] ?? '';
      // An empty `#` line ends a comment block, as an empty line does: nothing above it describes anything.
      if (first === name || first === '') continue;
      found.push({
        range: comment.range,
        message: l10n.t`Comment for ${instruction.keyword === 'FROM' ? l10n.t('build stage') : l10n.t('build argument')} "${name}" should follow the format: \`# ${name} <description>\`. If this is not meant as a description, leave an empty line between it and the instruction.`,
      });
    }
    return found;
  },
};
