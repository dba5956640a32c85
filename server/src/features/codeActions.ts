import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import { CodeActionKind } from '../lsp';
import type { DocumentSnapshot, ModelCache } from '../documents/modelCache';
import { rangesOverlap } from '../model/positions';
import { toDiagnostic } from './diagnostics';
import { ignoreFixes } from '../rules/ignoreFixes';
import type { Fix } from '../rules/rule';

/** Quick fixes carried by the problems of this document version that touch the requested range. */
export function quickFixes(cache: ModelCache, document: DocumentSnapshot, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only !== undefined && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  const model = cache.model(document);
  const ignores: CodeAction[] = [];
  for (const problem of cache.allProblems(document)) {
    if (!rangesOverlap(problem.range, params.range)) continue;
    const fixes = problem.fixes ?? [];
    const toAction = (fix: Fix, preferred: boolean): CodeAction => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toDiagnostic(problem)],
      isPreferred: preferred,
      edit: { changes: { [document.uri]: fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })) } },
    });
    for (const fix of fixes) actions.push(toAction(fix, fixes.length === 1));
    // Ignoring comes after every real fix; errors the builder rejects cannot be ignored away.
    if (problem.severity !== 'error') for (const fix of ignoreFixes(model, problem)) ignores.push(toAction(fix, false));
  }
  return [...actions, ...ignores];
}
