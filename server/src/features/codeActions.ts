import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { DocumentSnapshot, ModelCache } from '../documents/modelCache';
import { rangesOverlap } from '../model/positions';
import { toDiagnostic } from './diagnostics';

/** Quick fixes carried by the problems of this document version that touch the requested range. */
export function quickFixes(cache: ModelCache, document: DocumentSnapshot, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only !== undefined && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  for (const problem of cache.problems(document)) {
    if (problem.fixes === undefined || !rangesOverlap(problem.range, params.range)) continue;
    for (const fix of problem.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(problem)],
        isPreferred: problem.fixes.length === 1,
        edit: { changes: { [document.uri]: fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })) } },
      });
    }
  }
  return actions;
}
