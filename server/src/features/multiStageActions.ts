import { l10n } from '../locale/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, CodeActionParams, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind } from '../lsp';
import type { DockerfileModel } from '../model';
import { analyze } from '../multistage/analysis';
import type { ContextFiles, ConversionOptions } from '../multistage';
import { NO_CONTEXT, convertToMultiStage } from '../multistage';
import { contextForUri } from '../buildContext/contextOnDisk';

export const CONVERT_COMMAND = 'stagecraft.server.convertToMultiStage';
/** Registered by the client: opens a document by URI string (the LSP cannot pass a vscode.Uri). */
export const OPEN_DOCUMENT_COMMAND = 'stagecraft.openDocument';

export interface MultiStageSettings extends ConversionOptions {
  readonly newFileName: string;
}

function contextFor(uri: string): ContextFiles {
  return contextForUri(uri) ?? NO_CONTEXT;
}

/** `Dockerfile.prod` beside the original, or `Dockerfile.prod.2`, ... when that name is taken. */
function newFileUri(uri: string, name: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const dir = path.dirname(fileURLToPath(uri));
  let candidate = path.join(dir, name);
  for (let n = 2; fs.existsSync(candidate) && n < 100; n++) candidate = path.join(dir, `${name}.${n}`);
  return pathToFileURL(candidate).toString();
}

/** Whether the cursor is where the refactoring belongs: the FROM line or a build step. */
function offeredAt(model: DockerfileModel, line: number): boolean {
  const analysis = analyze(model);
  if (!analysis.ok) return false;
  const { stage, buildSteps } = analysis.analysis;
  const within = (range: { start: { line: number }; end: { line: number } }): boolean => line >= range.start.line && line <= range.end.line;
  return within(stage.from.range) || buildSteps.some((step) => within(step.instruction.range));
}

export function multiStageActions(model: DockerfileModel, params: CodeActionParams, settings: MultiStageSettings, supportsCreate: boolean): CodeAction[] {
  const only = params.context.only;
  if (only !== undefined && !only.some((kind) => CodeActionKind.RefactorRewrite.startsWith(kind))) return [];
  if (!offeredAt(model, params.range.start.line)) return [];
  const result = convertToMultiStage(model, contextFor(model.uri), settings);
  if (!result.ok) return [];
  const actions: CodeAction[] = [{
    title: result.plan.needsReview ? l10n.t`Convert to multi-stage build (needs review: ${result.plan.todos.length} TODO)` : l10n.t('Convert to multi-stage build'),
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [model.uri]: [...result.edits] } },
  }];
  const target = supportsCreate ? newFileUri(model.uri, settings.newFileName) : undefined;
  if (target !== undefined) {
    const edit: WorkspaceEdit = {
      documentChanges: [
        { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri: target, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: result.text }] },
      ],
    };
    actions.push({
      title: result.plan.needsReview
        ? l10n.t`Convert to multi-stage build into a new file (${path.basename(fileURLToPath(target))}, needs review: ${result.plan.todos.length} TODO)`
        : l10n.t`Convert to multi-stage build into a new file (${path.basename(fileURLToPath(target))})`,
      kind: CodeActionKind.RefactorRewrite,
      edit,
      command: { title: 'Open', command: OPEN_DOCUMENT_COMMAND, arguments: [target] },
    });
  }
  return actions;
}

/** The command behind "Stagecraft: Convert to Multi-Stage Build": the edit, or why there is none. */
export function conversionEdit(model: DockerfileModel, settings: MultiStageSettings): { edit: WorkspaceEdit } | { reason: string } {
  const result = convertToMultiStage(model, contextFor(model.uri), settings);
  return result.ok ? { edit: { changes: { [model.uri]: [...result.edits] } } } : { reason: l10n.t`Nothing to gain from a multi-stage build: ${result.reason}.` };
}
