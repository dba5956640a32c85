import * as vscode from 'vscode';
import { inspectContainerArgv, listContainersArgv, listVolumesArgv, pruneVolumesArgv, removeVolumeArgv } from '../../../common/src/engine/argv';
import type { ContainerView } from '../../../common/src/engine/parse';
import { parseContainerInspect, parseContainerList, parseVolumeList } from '../../../common/src/engine/parse';
import { EngineError, runEngine } from '../../../common/src/engine/runner';
import { engineConfig, requireTrust } from '../engineSettings';
import type { CommandState } from '../state';
import type { MountsNode, MountsTreeProvider } from '../views/mountsTree';

export interface InspectMountsOptions {
  readonly container?: string;
  readonly interactive?: boolean;
}

function report(error: unknown): undefined {
  void vscode.window.showErrorMessage(error instanceof EngineError || error instanceof Error ? error.message : String(error));
  return undefined;
}

/** Inspects a container (default: the last one run) and shows its mounts in the Container Mounts view. */
export async function inspectMounts(state: CommandState, view: MountsTreeProvider, options: InspectMountsOptions = {}): Promise<ContainerView | undefined> {
  if (!requireTrust()) return undefined;
  const engine = engineConfig();
  let container = options.container;
  try {
    if (container === undefined && options.interactive !== false) {
      const list = parseContainerList((await runEngine(engine, listContainersArgv())).stdout);
      const last = state.lastContainer;
      const items = list.map((c) => ({ label: c.names, description: `${c.image} · ${c.status}`, id: c.id }))
        .sort((a, b) => Number(b.label === last) - Number(a.label === last));
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Inspect the mounts of which container?') });
      container = picked?.id;
    }
    container ??= state.lastContainer;
    if (container === undefined) return undefined;
    const inspected = parseContainerInspect((await runEngine(engine, inspectContainerArgv(container))).stdout);
    view.show(inspected, parseVolumeList((await runEngine(engine, listVolumesArgv())).stdout));
    await vscode.commands.executeCommand('stagecraft.containerMounts.focus');
    return inspected;
  } catch (error) {
    return report(error);
  }
}

export async function openRawJson(node: MountsNode | undefined, view: MountsTreeProvider): Promise<void> {
  const container = node?.kind === 'container' || node?.kind === 'mount' ? node.container : view.shown[0];
  if (container === undefined) return;
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(container.raw, null, 2) });
  await vscode.window.showTextDocument(document, { preview: true });
}

export async function revealSource(node: MountsNode | undefined): Promise<void> {
  if (node?.kind !== 'mount' || node.mount.type !== 'bind') return;
  const uri = vscode.Uri.file(node.mount.source);
  if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
  else await vscode.commands.executeCommand('revealFileInOS', uri);
}

export async function removeVolume(node: MountsNode | undefined, view: MountsTreeProvider): Promise<void> {
  if (node?.kind !== 'volume' || !requireTrust()) return;
  const remove = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove the volume {0}? Its data is deleted.', node.volume.name), { modal: true }, remove);
  if (answer !== remove) return;
  try {
    await runEngine(engineConfig(), removeVolumeArgv(node.volume.name));
    view.setVolumes(parseVolumeList((await runEngine(engineConfig(), listVolumesArgv())).stdout));
  } catch (error) {
    report(error);
  }
}

export async function pruneVolumes(view: MountsTreeProvider): Promise<void> {
  if (!requireTrust()) return;
  const prune = vscode.l10n.t('Prune');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove all volumes no container uses? Their data is deleted.'), { modal: true }, prune);
  if (answer !== prune) return;
  try {
    await runEngine(engineConfig(), pruneVolumesArgv());
    view.setVolumes(parseVolumeList((await runEngine(engineConfig(), listVolumesArgv())).stdout));
  } catch (error) {
    report(error);
  }
}
