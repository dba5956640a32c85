import * as vscode from 'vscode';
import type { BindMount, PortMapping } from '../../../common/src/engine/argv';
import { hostPathForEngine, inspectImageArgv, runArgv } from '../../../common/src/engine/argv';
import type { ImageConfigView } from '../../../common/src/engine/parse';
import { parseImageInspect } from '../../../common/src/engine/parse';
import { EngineError, describeEndpoint, runEngine } from '../../../common/src/engine/runner';
import { engineConfig, requireTrust } from '../engineSettings';
import { toShellLine } from '../../../common/src/shellLine';
import type { CommandDeps } from './buildImage';
import { buildImage, defaultTag } from './buildImage';

export interface RunWithVolumeOptions {
  /** The Dockerfile whose last built image is the default. */
  readonly uri?: string;
  readonly image?: string;
  /** Build this stage of the Dockerfile (`--target`, tagged `<folder>:stage-<target>`) and run that image. */
  readonly target?: string;
  readonly hostPath?: string;
  readonly containerPath?: string;
  readonly readOnly?: boolean;
  readonly selinux?: 'z' | 'Z';
  /** Replace the image's CMD. */
  readonly args?: readonly string[];
  readonly ports?: readonly number[];
  readonly name?: string;
  readonly detach?: boolean;
  readonly network?: string;
  readonly interactive?: boolean;
}

export interface RunResult {
  readonly name: string;
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly output: string;
}

export async function runWithVolume(deps: CommandDeps, output: vscode.OutputChannel, options: RunWithVolumeOptions = {}): Promise<RunResult | undefined> {
  if (!requireTrust()) return undefined;
  const interactive = options.interactive !== false;
  const engine = engineConfig();
  let stageImage: string | undefined;
  if (options.image === undefined && options.target !== undefined && options.uri !== undefined) {
    const dockerfile = vscode.Uri.parse(options.uri);
    const stageTag = `${defaultTag(dockerfile).replace(/:latest$/, '')}:stage-${options.target.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}`;
    const built = await buildImage(deps, { uri: options.uri, target: options.target, tag: stageTag, interactive: false, ...(options.network === undefined ? {} : { network: options.network }) });
    if (built === undefined || built.exitCode !== 0) return undefined;
    stageImage = built.tag;
  }
  const builtHere = options.uri !== undefined ? deps.state.tagFor(vscode.Uri.parse(options.uri)) : undefined;
  const suggested = builtHere ?? deps.state.lastImage;
  const image = options.image ?? stageImage ?? (interactive
    ? await vscode.window.showInputBox({ title: vscode.l10n.t('Run Container with Volume Mount'), prompt: vscode.l10n.t('Image'), value: suggested ?? '' })
    : suggested);
  if (!image) return undefined;
  let config: ImageConfigView | undefined;
  try {
    config = parseImageInspect((await runEngine(engine, inspectImageArgv(image))).stdout);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof EngineError ? error.message : vscode.l10n.t('Image {0} was not found: build it first.', image));
    return undefined;
  }
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let hostPath = options.hostPath;
  if (hostPath === undefined && interactive) {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Share this folder'), ...(workspaceFolder ? { defaultUri: workspaceFolder } : {}) });
    hostPath = picked?.[0]?.fsPath;
  }
  hostPath ??= workspaceFolder?.fsPath;
  const suggestions = [...config.volumes, ...(config.workdir ? [config.workdir] : [])];
  let containerPath = options.containerPath;
  if (containerPath === undefined && interactive) {
    const items = suggestions.map((p) => ({ label: p, description: config?.volumes.includes(p) ? 'VOLUME' : 'WORKDIR' }));
    const picked = await vscode.window.showQuickPick([...items, { label: vscode.l10n.t('Other path…'), description: '' }], { title: vscode.l10n.t('Mount the folder at (path in the container)') });
    if (picked === undefined) return undefined;
    containerPath = items.includes(picked) ? picked.label : await vscode.window.showInputBox({ prompt: vscode.l10n.t('Path in the container'), value: '/data' });
  }
  containerPath ??= suggestions[0];
  let readOnly = options.readOnly;
  let selinux = options.selinux;
  if (readOnly === undefined && interactive && hostPath !== undefined) {
    const picked = await vscode.window.showQuickPick([
      { label: vscode.l10n.t('Read-write'), readOnly: false, selinux: undefined },
      { label: vscode.l10n.t('Read-only'), readOnly: true, selinux: undefined },
      { label: vscode.l10n.t('Read-write, SELinux relabel (:z)'), readOnly: false, selinux: 'z' as const },
      { label: vscode.l10n.t('Read-only, SELinux relabel (:z)'), readOnly: true, selinux: 'z' as const },
    ], { title: vscode.l10n.t('Access to {0}', hostPath) });
    if (picked === undefined) return undefined;
    readOnly = picked.readOnly;
    selinux = picked.selinux;
  }
  let args = options.args;
  if (args === undefined && interactive) {
    const cmd = config.cmd ? toShellLine(config.cmd) : vscode.l10n.t('(no CMD)');
    const typed = await vscode.window.showInputBox({ title: vscode.l10n.t('Arguments (replace CMD: {0})', cmd), prompt: vscode.l10n.t('Leave empty to run the default command'), value: '' });
    if (typed === undefined) return undefined;
    args = typed.trim() === '' ? [] : typed.trim().split(/\s+/);
  }
  let ports = options.ports;
  if (ports === undefined && interactive && config.exposedPorts.length > 0) {
    const picked = await vscode.window.showQuickPick(config.exposedPorts.map((p) => ({ label: p, picked: true })), { title: vscode.l10n.t('Publish exposed ports'), canPickMany: true });
    ports = (picked ?? []).map((p) => Number.parseInt(p.label, 10)).filter(Number.isFinite);
  }
  const mounts: BindMount[] = hostPath !== undefined && containerPath !== undefined
    ? [{ source: hostPathForEngine(hostPath), target: containerPath, readOnly: readOnly === true, selinux }]
    : [];
  const portMappings: PortMapping[] = (ports ?? []).map((port) => ({ host: port, container: port }));
  const name = options.name ?? `stagecraft-${image.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[-.]+/, '')}-${Date.now().toString(36)}`;
  const detach = options.detach ?? portMappings.length > 0;
  let argv: string[];
  try {
    argv = runArgv({ image, name, mounts, ports: portMappings, args: args ?? [], detach, ...(options.network ? { network: options.network } : {}) });
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  output.show(true);
  output.appendLine(`$ ${toShellLine([engine.executable, ...argv])}`);
  output.appendLine(vscode.l10n.t('(engine: {0})', await describeEndpoint(engine)));
  await deps.state.rememberContainer(name);
  try {
    const result = await runEngine(engine, argv, { onOutput: (chunk) => output.append(chunk) });
    output.appendLine(vscode.l10n.t('[{0} exited with code {1}]', name, String(result.exitCode)));
    return { name, argv, exitCode: result.exitCode, output: result.stdout };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return { name, argv, exitCode: error instanceof EngineError ? error.result?.exitCode ?? -1 : -1, output: error instanceof EngineError ? error.result?.stdout ?? '' : '' };
  }
}
