import { l10n } from '../../locale/l10n';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { DockerfileModel } from '../../model';
import type { Occurrence, SymbolEntry } from '../../model/symbols';
import { symbolTable } from '../../model/symbols';
import { STAGE_NAME } from '../../reference/instructions';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEREDOC_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export type RenameCheck = { readonly ok: true; readonly occurrence: Occurrence } | { readonly ok: false; readonly reason: string };

/** Whether the thing under the cursor can be renamed at all; the reason is shown to the user when not. */
export function checkRenameTarget(model: DockerfileModel, position: Position): RenameCheck {
  const occurrence = symbolTable(model).occurrenceAt(position);
  if (occurrence === undefined) return { ok: false, reason: l10n.t('Only stage names, ARG/ENV variables and heredoc delimiters can be renamed.') };
  const { symbol } = occurrence;
  if (occurrence.byIndex) return { ok: false, reason: l10n.t`This refers to stage ${symbol.name} by its index; rename the stage at its \`AS\` name.` };
  if (symbol.kind === 'stage' && symbol.stage?.nameToken === undefined) return { ok: false, reason: l10n.t('This stage has no name; add `AS <name>` to its FROM first.') };
  if (symbol.kind === 'variable' && symbol.predefined) return { ok: false, reason: l10n.t`${symbol.name} is set by the builder; it cannot be renamed.` };
  if (symbol.kind === 'variable' && !symbol.occurrences.some((o) => o.role === 'definition')) {
    return { ok: false, reason: l10n.t`${symbol.name} is not defined by an ARG or ENV of this file (it comes from the base image or the shell).` };
  }
  return { ok: true, occurrence };
}

export function prepareRename(model: DockerfileModel, position: Position): { range: Range; placeholder: string } | RenameCheck {
  const check = checkRenameTarget(model, position);
  if (!check.ok) return check;
  return { range: check.occurrence.range, placeholder: model.lines.slice(check.occurrence.range.start.line, check.occurrence.range.start.character, check.occurrence.range.end.line, check.occurrence.range.end.character) };
}

export function rename(model: DockerfileModel, position: Position, newName: string): WorkspaceEdit | { reason: string } {
  const check = checkRenameTarget(model, position);
  if (!check.ok) return { reason: check.reason };
  const { symbol } = check.occurrence;
  const problem = invalidNewName(model, symbol, newName);
  if (problem !== undefined) return { reason: problem };
  const edits: TextEdit[] = symbol.occurrences.filter((o) => !o.byIndex).map((o) => ({ range: o.range, newText: newName }));
  return { changes: { [model.uri]: edits } };
}

function invalidNewName(model: DockerfileModel, symbol: SymbolEntry, newName: string): string | undefined {
  switch (symbol.kind) {
    case 'stage': {
      if (!STAGE_NAME.test(newName.toLowerCase())) return l10n.t`\`${newName}\` is not a valid stage name: start with a letter, then letters, digits, \`-\`, \`_\` or \`.\`.`;
      const clash = model.stages.find((s) => s.name === newName.toLowerCase() && s !== symbol.stage);
      if (clash !== undefined) return l10n.t`Stage ${clash.index} is already named \`${newName}\`.`;
      if (newName.toLowerCase() === 'scratch') return l10n.t('`scratch` is the empty image; a stage cannot take its name.');
      return undefined;
    }
    case 'variable': {
      if (!VARIABLE_NAME.test(newName)) return l10n.t`\`${newName}\` is not a valid variable name: letters, digits and \`_\`, not starting with a digit.`;
      const taken = [...symbol.scopes].some((scope) => scope < 0
        ? model.globalVariables.some((d) => d.name === newName && d.nameRange !== undefined)
        : model.stages[scope]?.variables.some((d) => d.name === newName) === true);
      if (taken && newName !== symbol.name) return l10n.t`\`${newName}\` is already defined where \`${symbol.name}\` is used; renaming would merge two variables.`;
      return undefined;
    }
    case 'heredoc': {
      if (!HEREDOC_NAME.test(newName)) return l10n.t`\`${newName}\` is not a valid heredoc delimiter.`;
      const [opening, closing] = symbol.occurrences;
      if (opening !== undefined && closing !== undefined) {
        for (let line = opening.range.start.line + 1; line < closing.range.start.line; line++) {
          if (model.lines.lineText(line).replace(/^\t+/, '') === newName) return l10n.t`Line ${line + 1} of the body is \`${newName}\`: the heredoc would end there.`;
        }
      }
      return undefined;
    }
  }
}
