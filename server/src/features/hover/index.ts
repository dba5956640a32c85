import { l10n } from '../../locale/l10n';
import type { Hover, Position } from 'vscode-languageserver';
import { MarkupKind } from '../../lsp';
import type { DockerfileModel, Range } from '../../model';
import { elementAt, rangeContains } from '../../model';
import type { Element } from '../../model';
import { DIRECTIVE_DOCS, FLAG_DOCS, INSTRUCTION_DOCS, MOUNT_TYPE_DOCS } from '../../reference/docs';
import type { Problem } from '../../rules/rule';
import { commandHover } from './commandHover';
import type { BaseConfigLookup } from '../../explain/effectiveCommand';
import { docEntry } from './markdown';
import { baseImageHover, fromReferenceHover, stageSummary } from './stageHover';
import { declarationHover, variableHover } from './variableHover';
import { volumeHover } from './volumeHover';

const RUNTIME_COMMANDS: ReadonlySet<string> = new Set(['ENTRYPOINT', 'CMD']);

function contentFor(model: DockerfileModel, element: Element, problems: readonly Problem[], base: BaseConfigLookup | undefined): { markdown: string; range: Range } | undefined {
  switch (element.kind) {
    case 'directive': {
      const doc = DIRECTIVE_DOCS[element.directive.name.toLowerCase()];
      return doc ? { markdown: docEntry(doc), range: element.directive.range } : undefined;
    }
    case 'keyword': {
      const { instruction } = element;
      if (RUNTIME_COMMANDS.has(instruction.keyword)) return { markdown: commandHover(model, instruction, problems, base), range: instruction.keywordRange };
      if (instruction.keyword === 'VOLUME') return { markdown: volumeHover(model, instruction), range: instruction.keywordRange };
      const doc = INSTRUCTION_DOCS[instruction.keyword];
      return doc ? { markdown: docEntry(doc), range: instruction.keywordRange } : undefined;
    }
    case 'flag': {
      const { instruction, flag, option } = element;
      if (flag.name === 'from' && flag.value !== null && option === undefined && flag.valueRange !== null) {
        return { markdown: fromReferenceHover(model, flag.value), range: flag.range };
      }
      if (flag.name === 'mount') {
        const type = (flag.options.find((o) => o.name.toLowerCase() === 'type')?.value ?? 'bind').toLowerCase();
        const fromOption = option?.name.toLowerCase() === 'from' && option.value !== null ? option.value : undefined;
        if (fromOption !== undefined) return { markdown: fromReferenceHover(model, fromOption), range: option?.range ?? flag.range };
        const doc = MOUNT_TYPE_DOCS[type] ?? FLAG_DOCS['RUN --mount'];
        return doc ? { markdown: docEntry(doc), range: flag.range } : undefined;
      }
      const doc = FLAG_DOCS[`${instruction.keyword} --${flag.name}`];
      return doc ? { markdown: docEntry(doc), range: flag.range } : undefined;
    }
    case 'variable':
      return { markdown: variableHover(model, element.instruction, element.reference), range: element.reference.range };
    case 'stageName':
      return element.stage.nameToken ? { markdown: stageSummary(model, element.stage), range: element.stage.nameToken.range } : undefined;
    case 'baseImage': {
      const markdown = baseImageHover(model, element.stage);
      return markdown && element.stage.baseRange ? { markdown, range: element.stage.baseRange } : undefined;
    }
    case 'heredoc':
      return {
        markdown: l10n.t`**Heredoc** ${element.heredoc.name} — the lines up to ${element.heredoc.terminatorRange ? `line ${element.heredoc.terminatorRange.start.line + 1}` : l10n.t('the end of the file (never terminated)')} are ${element.instruction.keyword === 'RUN' ? l10n.t('the script this RUN executes') : l10n.t('the content of the file created')}.${element.heredoc.quoted ? l10n.t(' The delimiter is quoted, so variables in the body are not expanded by the builder.') : ''}${element.heredoc.stripsTabs ? l10n.t(' `<<-` strips leading tabs.') : ''}`,
        range: element.heredoc.range,
      };
    case 'argument': {
      const { instruction } = element;
      if (RUNTIME_COMMANDS.has(instruction.keyword) && instruction.argumentsRange) {
        return { markdown: commandHover(model, instruction, problems, base), range: instruction.argumentsRange };
      }
      if (instruction.keyword === 'VOLUME' && element.token) return { markdown: volumeHover(model, instruction), range: element.token.range };
      const declared = instruction.properties.find((p) => element.token !== undefined && rangeContains(p.nameRange, element.token.range.start));
      if ((instruction.keyword === 'ARG' || instruction.keyword === 'ENV') && declared !== undefined) {
        return { markdown: declarationHover(model, instruction, declared.name), range: declared.nameRange };
      }
      return undefined;
    }
  }
}

/** `base`: the configs of base images the engine has (see workspace/baseImages.ts), for what a file leaves to them. */
export function hover(model: DockerfileModel, problems: readonly Problem[], position: Position, base?: BaseConfigLookup): Hover | null {
  const element = elementAt(model, position);
  if (element === undefined) return null;
  const content = contentFor(model, element, problems, base);
  if (content === undefined || content.markdown === '') return null;
  return { contents: { kind: MarkupKind.Markdown, value: content.markdown }, range: content.range };
}
