import * as vscode from 'vscode';
import type { EngineConfig } from '../../common/src/engine/runner';
import type { BaseImageEngine } from '../../common/src/protocol';

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
