import * as vscode from 'vscode';
import type { EngineConfig } from '../../common/src/engine/runner';
import type { BaseImageEngine, ShellCheckParams } from '../../common/src/protocol';

/** The container CLI from the machine-scoped settings: docker (default) or podman, or an explicit path. */
export function engineConfig(): EngineConfig {
  const settings = vscode.workspace.getConfiguration('stagecraft.engine');
  const explicit = settings.get<string>('path')?.trim();
  const cli = settings.get<string>('cli') === 'podman' ? 'podman' : 'docker';
  return { executable: explicit ? explicit : cli };
}

/** Commands that run the container CLI refuse in untrusted workspaces, where its settings could be hostile. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('Stagecraft runs the container CLI only in trusted workspaces: trust this folder to build and run images.'));
  return false;
}

/**
 * The engine the language server may read base images' configs from (hovers, UndefinedVar): only in a trusted
 * workspace, and not when `stagecraft.engine.readBaseImages` is off.
 */
export function baseImageEngineConfig(): BaseImageEngine | undefined {
  if (!vscode.workspace.isTrusted) return undefined;
  if (vscode.workspace.getConfiguration('stagecraft.engine').get<boolean>('readBaseImages') === false) return undefined;
  return { executable: engineConfig().executable };
}

/**
 * The ShellCheck the language server may run on RUN scripts: only in a trusted workspace (its path is a setting
 * a hostile folder could point elsewhere), and not when `stagecraft.shellcheck.enable` is off.
 */
export function shellCheckConfig(): ShellCheckParams {
  if (!vscode.workspace.isTrusted) return {};
  const settings = vscode.workspace.getConfiguration('stagecraft.shellcheck');
  if (settings.get<boolean>('enable') === false) return {};
  const executable = settings.get<string>('path')?.trim();
  return { executable: executable === undefined || executable === '' ? 'shellcheck' : executable };
}
