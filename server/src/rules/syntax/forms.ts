import { l10n } from '../../locale/l10n';
import type { InstructionModel } from '../../model';
import { parseJsonStringArray } from '../../model/instruction';
import type { Finding, Rule } from '../rule';

const JSON_CAPABLE: ReadonlySet<string> = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'COPY', 'ADD', 'VOLUME']);

/**
 * A bracketed list of quoted items, i.e. written as exec form: `['a', 'b']`, `["a" "b"]`, `["a",`.
 * Shell that merely starts with `[` (`[ -f x ] && ...`, PowerShell `[Net.ServicePointManager]::...`) is not.
 */
const MEANT_AS_JSON = /^\[\s*(?:(?:"(?:[^"\\]|\\.)*"|'[^']*')\s*,?\s*)+\]?$/;

/** Written as a JSON array but not one the builder accepts. */
function looksLikeBrokenJson(instruction: InstructionModel): boolean {
  if (instruction.heredocs.length > 0) return false;
  const text = instruction.argumentsText.trim();
  return MEANT_AS_JSON.test(text) && parseJsonStringArray(text) === undefined;
}

function hint(text: string): string {
  if (/'/.test(text)) return l10n.t(' JSON strings need double quotes, not single quotes.');
  if (/,\s*\]/.test(text)) return l10n.t(' Remove the trailing comma.');
  if (!text.endsWith(']')) return l10n.t(' The closing `]` is missing.');
  return '';
}

export const invalidJsonForm: Rule = {
  id: 'InvalidJsonForm',
  local: true,
  defaultSeverity: 'warning',
  get summary() { return l10n.t('Arguments that look like a JSON array but are not valid JSON run in shell form.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (!JSON_CAPABLE.has(instruction.keyword) || !looksLikeBrokenJson(instruction)) continue;
      const text = instruction.argumentsText.trim();
      const consequence = instruction.command !== undefined
        ? l10n.t`so it runs in shell form, as \`/bin/sh -c '${text}'\``
        : l10n.t('so the brackets and quotes are read as part of the file names');
      const fixable = /^\[\s*'[^']*'(\s*,\s*'[^']*')*\s*\]$/.test(text);
      found.push({
        range: instruction.command?.range ?? instruction.argumentsRange ?? instruction.range,
        message: l10n.t`${instruction.keyword} arguments look like JSON but are not a valid JSON array of strings, ${consequence}.${hint(text)}`,
        ...(fixable && instruction.argumentsRange
          ? {
            fixes: [{
              title: l10n.t('Use double quotes (exec form)'),
              edits: [{ range: instruction.command?.range ?? instruction.argumentsRange, newText: singleToDoubleQuoted(text) }],
            }],
          }
          : {}),
      });
    }
    return found;
  },
};

function singleToDoubleQuoted(text: string): string {
  const items = [...text.matchAll(/'([^']*)'/g)].map((m) => JSON.stringify(m[1] ?? ''));
  return `[${items.join(', ')}]`;
}
