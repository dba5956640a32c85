import * as vscode from 'vscode';
import type { EngineConfig } from '../../common/src/engine/runner';

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
