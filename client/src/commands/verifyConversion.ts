import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { engineConfig, requireTrust } from '../engineSettings';

/** Every choice can be given here, so the command runs without a dialog after a conversion and in tests. */
export interface VerifyConversionOptions {
  /** The original Dockerfile (on disk); the active editor's by default. */
  readonly uri?: string;
  /** The converted Dockerfile; without it the original is converted into a temporary file first. */
  readonly against?: string;
  /** Texts instead of files (right after an in-place conversion the original exists only as text). */
  readonly originalText?: string;
  readonly convertedText?: string;
  readonly runArgs?: readonly string[];
  /** `--network` for the builds' RUN steps (an engine without a bridge network needs `none` or `host`). */
  readonly network?: string;
  readonly interactive?: boolean;
}

interface Report {
  readonly verdict: 'same' | 'different' | 'unverified';
  readonly reason?: string;
  readonly differences?: readonly string[];
  readonly original?: { readonly size: number; readonly run: { readonly exitCode: number | string; readonly stdout: string } };
  readonly converted?: { readonly size: number };
}

const VERIFY_TIMEOUT_MS = 60 * 60_000;

function markdown(report: Report, original: string, converted: string): string {
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  const lines = [`# ${vscode.l10n.t('Multi-stage conversion: verification')}`, '', `- ${vscode.l10n.t('Original')}: \`${original}\``, `- ${vscode.l10n.t('Converted')}: \`${converted}\``, ''];
  if (report.verdict === 'unverified') {
    lines.push(`## ${vscode.l10n.t('Not verified')}`, '', report.reason ?? '');
  } else {
    lines.push(report.verdict === 'same'
      ? `## ${vscode.l10n.t('Same behaviour')}`
      : `## ${vscode.l10n.t('Different: the converted image does not behave like the original')}`, '');
    lines.push(vscode.l10n.t('Both were built from the same context, run with the same arguments and a fresh host folder at each VOLUME, and compared: exit code, stdout, stderr, the files written to the folders, and the files the original got after its build.'), '');
    for (const difference of report.differences ?? []) lines.push(`- ${difference.replace(/\n/g, '\n  ')}`);
    if (report.original !== undefined && report.converted !== undefined) {
      lines.push('', `| | ${vscode.l10n.t('original')} | ${vscode.l10n.t('converted')} |`, '|---|---|---|', `| ${vscode.l10n.t('image size')} | ${mb(report.original.size)} MB | ${mb(report.converted.size)} MB |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * "Stagecraft: Verify Multi-Stage Conversion": builds and runs the original and the converted Dockerfile through
 * the CLI (`stagecraft convert --verify`, the same code as in a terminal) and opens the report. Cancellable,
 * bounded in time, only in trusted workspaces. Resolves with the verdict.
 */
export async function verifyConversion(cliPath: string, options: VerifyConversionOptions = {}): Promise<Report['verdict'] | undefined> {
  if (!requireTrust()) return undefined;
  const originalUri = options.uri !== undefined ? vscode.Uri.parse(options.uri) : vscode.window.activeTextEditor?.document.uri;
  if (originalUri === undefined || originalUri.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open the original Dockerfile, saved on disk, to verify its conversion.'));
    return undefined;
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-verify-'));
  try {
    let original = originalUri.fsPath;
    if (options.originalText !== undefined) fs.writeFileSync((original = path.join(temp, 'original.Dockerfile')), options.originalText);
    let against = options.against !== undefined ? vscode.Uri.parse(options.against).fsPath : undefined;
    if (options.convertedText !== undefined) fs.writeFileSync((against = path.join(temp, 'converted.Dockerfile')), options.convertedText);
    if (against === undefined && options.interactive !== false) {
      const picked = await vscode.window.showQuickPick([
        { label: vscode.l10n.t('Convert it now and verify the result'), pick: false },
        { label: vscode.l10n.t('Pick the converted Dockerfile…'), pick: true },
      ], { title: vscode.l10n.t('Verify Multi-Stage Conversion') });
      if (picked === undefined) return undefined;
      if (picked.pick) {
        const files = await vscode.window.showOpenDialog({ defaultUri: vscode.Uri.file(path.dirname(original)), canSelectMany: false, title: vscode.l10n.t('The converted Dockerfile') });
        if (files?.[0] === undefined) return undefined;
        against = files[0].fsPath;
      }
    }
    const engine = engineConfig();
    const args = [cliPath, 'convert', '--verify', '--format', 'json', '--engine', engine.executable, '--context', path.dirname(originalUri.fsPath),
      ...(against !== undefined ? ['--against', against] : []), ...(options.runArgs ?? []).flatMap((a) => ['--run-arg', a]),
      ...(options.network !== undefined ? ['--network', options.network] : []), original];
    const output = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying the multi-stage conversion (building and running both images)…'), cancellable: true },
      (progress, token) => new Promise<{ stdout: string; stderr: string }>((resolve) => {
        const child = execFile(process.execPath, args, { timeout: VERIFY_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...engine.env } }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
        child.stderr?.on('data', (chunk: Buffer) => {
          const step = /--verify: (.*)$/m.exec(chunk.toString())?.[1];
          if (step !== undefined) progress.report({ message: step });
        });
        token.onCancellationRequested(() => child.kill());
      }),
    );
    let report: Report;
    try {
      report = JSON.parse(output.stdout) as Report;
    } catch {
      report = { verdict: 'unverified', reason: output.stderr.trim() || vscode.l10n.t('the verification was cancelled or printed nothing') };
    }
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown(report, originalUri.fsPath, options.against ?? (options.convertedText !== undefined ? vscode.l10n.t('(the converted text)') : vscode.l10n.t('(converted now)'))) });
    await vscode.window.showTextDocument(document, { preview: false });
    return report.verdict;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
