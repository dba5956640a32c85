import * as vscode from 'vscode';
import { BASE_IMAGE_ENGINE_NOTIFICATION, SHELLCHECK_NOTIFICATION } from '../../common/src/protocol';
import type { BaseImageEngineParams, ShellCheckParams } from '../../common/src/protocol';
import { baseImageEngineConfig, shellCheckConfig } from './engineSettings';
import { checkWithBuildkit } from './commands/checkWithBuildkit';
import { verifyConversion } from './commands/verifyConversion';
import type { VerifyConversionOptions } from './commands/verifyConversion';
import type { LanguageClient } from 'vscode-languageclient/node';
import { buildImage } from './commands/buildImage';
import type { BuildImageOptions, CommandDeps } from './commands/buildImage';
import { convertToMultiStage, openDocument } from './commands/convertToMultiStage';
import { inspectMounts, openRawJson, pruneVolumes, removeVolume, revealSource } from './commands/inspectMounts';
import type { InspectMountsOptions } from './commands/inspectMounts';
import { runWithVolume } from './commands/runWithVolume';
import type { RunWithVolumeOptions } from './commands/runWithVolume';
import { engineConfig } from './engineSettings';
import { createLanguageClient } from './languageClient';
import { CommandState } from './state';
import { registerTaskProviders } from './tasks/tasks';
import type { ContainerView } from '../../common/src/engine/parse';
import type { MountsNode } from './views/mountsTree';
import { MountsTreeProvider } from './views/mountsTree';

let client: LanguageClient | undefined;

/** Wiring only: start the language client and register commands, the mounts view and task providers. */
/** What the extension exposes to other extensions and to its own editor tests. */
export interface StagecraftApi {
  /** The containers the Container Mounts view currently lists. */
  readonly containerMounts: () => readonly ContainerView[];
}

export async function activate(context: vscode.ExtensionContext): Promise<StagecraftApi | undefined> {
  const output = vscode.window.createOutputChannel('Stagecraft', { log: true });
  const containers = vscode.window.createOutputChannel('Stagecraft Containers');
  const mounts = new MountsTreeProvider();
  context.subscriptions.push(output, containers, mounts);
  try {
    client = createLanguageClient(context, output);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  const buildkitDiagnostics = vscode.languages.createDiagnosticCollection('buildkit');
  context.subscriptions.push(buildkitDiagnostics, vscode.workspace.onDidChangeTextDocument((event) => {
    // BuildKit's findings are of the file as it was checked: an edit makes them stale.
    if (event.contentChanges.length > 0) buildkitDiagnostics.delete(event.document.uri);
  }));
  const deps: CommandDeps = { client, state: new CommandState(context.workspaceState), cliPath: context.asAbsolutePath('dist/cli.js') };
  context.subscriptions.push(
    vscode.commands.registerCommand('stagecraft.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('stagecraft.showServerLog', () => output.show(true)),
    vscode.commands.registerCommand('stagecraft.convertToMultiStage', async (uri?: vscode.Uri) => {
      if (client !== undefined) await convertToMultiStage(client, uri);
    }),
    vscode.commands.registerCommand('stagecraft.openDocument', (uri: string) => openDocument(uri)),
    // From the Explorer or editor menus the argument is a Uri; from code lenses and tests, an options object.
    vscode.commands.registerCommand('stagecraft.buildImage', (arg?: vscode.Uri | BuildImageOptions) =>
      buildImage(deps, arg instanceof vscode.Uri ? { uri: arg.toString() } : arg ?? {})),
    vscode.commands.registerCommand('stagecraft.runWithVolume', (arg?: vscode.Uri | RunWithVolumeOptions) =>
      runWithVolume(deps, containers, arg instanceof vscode.Uri ? { uri: arg.toString() } : arg ?? {})),
    vscode.commands.registerCommand('stagecraft.verifyConversion', (arg?: vscode.Uri | VerifyConversionOptions) =>
      verifyConversion(deps.cliPath, arg instanceof vscode.Uri ? { uri: arg.toString() } : arg ?? {})),
    vscode.commands.registerCommand('stagecraft.checkWithBuildkit', (uri?: vscode.Uri) => checkWithBuildkit(deps.cliPath, buildkitDiagnostics, uri)),
    vscode.commands.registerCommand('stagecraft.inspectMounts', (options?: InspectMountsOptions) => inspectMounts(deps.state, mounts, options ?? {})),
    vscode.commands.registerCommand('stagecraft.mounts.openRawJson', (node?: MountsNode) => openRawJson(node, mounts)),
    vscode.commands.registerCommand('stagecraft.mounts.revealSource', (node?: MountsNode) => revealSource(node)),
    vscode.commands.registerCommand('stagecraft.volumes.remove', (node?: MountsNode) => removeVolume(node, mounts)),
    vscode.commands.registerCommand('stagecraft.volumes.prune', () => pruneVolumes(mounts)),
    vscode.window.registerTreeDataProvider('stagecraft.containerMounts', mounts),
    registerTaskProviders(engineConfig, deps.cliPath),
  );
  await client.start();
  // Trust granted, or the engine settings changed: the server learns which engine it may read base images from.
  const sendEngine = (): void => {
    void client?.sendNotification(BASE_IMAGE_ENGINE_NOTIFICATION, { engine: baseImageEngineConfig() } satisfies BaseImageEngineParams);
  };
  const sendShellCheck = (): void => {
    void client?.sendNotification(SHELLCHECK_NOTIFICATION, shellCheckConfig() satisfies ShellCheckParams);
  };
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      sendEngine();
      sendShellCheck();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('stagecraft.engine')) sendEngine();
      if (event.affectsConfiguration('stagecraft.shellcheck')) sendShellCheck();
    }),
  );
  return { containerMounts: () => mounts.shown };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
