import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { engineConfig, requireTrust } from '../engineSettings';

/** What `stagecraft lint --format json` prints, as far as this command reads it. */
interface LintJson {
  readonly files: readonly {
    readonly problems: readonly {
      readonly code: string;
      readonly severity: string;
      readonly message: string;
      readonly line: number;
      readonly column: number;
      readonly endLine: number;
      readonly endColumn: number;
      readonly source?: string;
    }[];
  }[];
}

const CHECK_TIMEOUT_MS = 180_000;
export const BUILDKIT_SOURCE = 'docker build --check';

const SEVERITY: Readonly<Record<string, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * "Stagecraft: Check with BuildKit": runs `docker build --check` through the CLI (`stagecraft lint --buildkit`,
 * the same code as in a terminal, without --engine so that it compares with what the editor's diagnostics
 * show) and shows what BuildKit finds that Stagecraft's own diagnostics do not already show, as diagnostics of their own source. The file on disk is checked: a modified editor is saved
 * first. Cancellable, bounded in time, only in trusted workspaces.
 */
export async function checkWithBuildkit(cliPath: string, diagnostics: vscode.DiagnosticCollection, uri?: vscode.Uri): Promise<number | undefined> {
  if (!requireTrust()) return undefined;
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (target === undefined || target.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a Dockerfile saved on disk to check it with BuildKit.'));
    return undefined;
  }
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (document?.isDirty === true) await document.save();
  const engine = engineConfig();
  const args = [cliPath, 'lint', '--format', 'json', '--fail-level', 'none', `--buildkit=${engine.executable}`, target.fsPath];
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0} with BuildKit…', path.basename(target.fsPath)), cancellable: true },
    (_progress, token) => new Promise<{ stdout: string; stderr: string; failed: string | undefined }>((resolve) => {
      const child = execFile(process.execPath, args, { cwd: path.dirname(target.fsPath), timeout: CHECK_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...engine.env } }, (error, stdout, stderr) => {
        resolve({ stdout, stderr, failed: error !== null && stdout.trim() === '' ? error.message : undefined });
      });
      token.onCancellationRequested(() => child.kill());
    }),
  );
  if (result.failed !== undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Check with BuildKit failed: {0}', result.stderr.trim() || result.failed));
    return undefined;
  }
  const report = JSON.parse(result.stdout) as LintJson;
  const found = (report.files[0]?.problems ?? []).filter((p) => p.source === BUILDKIT_SOURCE).map((p) => {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(p.line - 1, p.column - 1, p.endLine - 1, p.endColumn - 1), p.message, SEVERITY[p.severity] ?? vscode.DiagnosticSeverity.Warning);
    diagnostic.source = BUILDKIT_SOURCE;
    diagnostic.code = p.code;
    return diagnostic;
  });
  diagnostics.set(target, found);
  const unavailable = result.stderr.split('\n').find((line) => line.includes('--buildkit:'));
  if (unavailable !== undefined) void vscode.window.showWarningMessage(unavailable.replace(/^stagecraft lint: /, ''));
  else void vscode.window.showInformationMessage(found.length === 0
    ? vscode.l10n.t('BuildKit finds nothing that Stagecraft does not already show.')
    : vscode.l10n.t('BuildKit adds {0} finding(s), shown in the Problems panel as "{1}".', found.length, BUILDKIT_SOURCE));
  return found.length;
}
