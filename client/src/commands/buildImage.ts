import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requestDockerfileInfo } from '../dockerfileInfo';
import { engineConfig, requireTrust } from '../engineSettings';
import { buildxBuilders } from '../../../common/src/engine/buildx';
import type { CommandState } from '../state';
import { buildTask, runTaskToEnd } from '../tasks/tasks';
import type { BuildTaskDefinition } from '../tasks/tasks';

/** Every prompt can be answered here, so tests and code lenses can run the command without a dialog. */
export interface BuildImageOptions {
  readonly uri?: string;
  readonly tag?: string;
  /** Build context, absolute or relative to the Dockerfile's folder. */
  readonly context?: string;
  readonly target?: string;
  readonly buildArgs?: Record<string, string>;
  readonly platform?: string;
  readonly network?: string;
  /** false: never prompt; use the option values and the defaults. */
  readonly interactive?: boolean;
}

export interface BuildResult {
  readonly tag: string;
  readonly exitCode: number | undefined;
}

export interface CommandDeps {
  readonly client: LanguageClient;
  readonly state: CommandState;
  readonly cliPath: string;
}

const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}';

export async function pickDockerfile(uri: string | undefined, interactive: boolean): Promise<vscode.Uri | undefined> {
  if (uri !== undefined) return vscode.Uri.parse(uri);
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'dockerfile') return active.uri;
  const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', 50);
  if (found.length === 1 || (!interactive && found.length > 0)) return found[0];
  const picked = await vscode.window.showQuickPick(found.map((file) => ({ label: vscode.workspace.asRelativePath(file), file })), { placeHolder: vscode.l10n.t('Which Dockerfile?') });
  return picked?.file;
}

/**
 * The folder of the nearest .dockerignore (the Dockerfile's own folder or an ancestor inside the workspace
 * folder) — that is where the author meant the context to be — else the Dockerfile's own folder, which is
 * what `docker build .` next to it uses. The workspace root is offered too, but a Dockerfile in a subfolder
 * built from the root is the classic "COPY failed: file not found".
 */
export function defaultContext(dockerfile: vscode.Uri): string {
  const workspace = vscode.workspace.getWorkspaceFolder(dockerfile)?.uri.fsPath;
  const own = path.dirname(dockerfile.fsPath);
  const base = path.basename(dockerfile.fsPath);
  for (let dir = own; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.dockerignore')) || fs.existsSync(path.join(dir, `${base}.dockerignore`))) return dir;
    if (workspace === undefined || dir === workspace || path.dirname(dir) === dir) break;
  }
  return own;
}

export function defaultTag(dockerfile: vscode.Uri): string {
  const folder = path.basename(path.dirname(dockerfile.fsPath)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+/, '');
  return `${folder || 'image'}:latest`;
}

export async function buildImage(deps: CommandDeps, options: BuildImageOptions = {}): Promise<BuildResult | undefined> {
  if (!requireTrust()) return undefined;
  const interactive = options.interactive !== false;
  const dockerfile = await pickDockerfile(options.uri, interactive);
  if (dockerfile === undefined) return undefined;
  const info = await requestDockerfileInfo(deps.client, dockerfile);
  const suggestedTag = deps.state.tagFor(dockerfile) ?? defaultTag(dockerfile);
  const tag = options.tag ?? (interactive
    ? await vscode.window.showInputBox({ title: vscode.l10n.t('Build Image'), prompt: vscode.l10n.t('Image tag'), value: suggestedTag, validateInput: (v) => (/^[a-z0-9][a-z0-9._\/:@-]*$/.test(v) ? undefined : vscode.l10n.t('Tags are lower-case letters, digits, and . _ - / : @')) })
    : suggestedTag);
  if (!tag) return undefined;
  const contextDefault = defaultContext(dockerfile);
  let context = options.context !== undefined ? path.resolve(path.dirname(dockerfile.fsPath), options.context) : contextDefault;
  if (options.context === undefined && interactive) {
    const dockerfileDir = path.dirname(dockerfile.fsPath);
    const choices = [...new Set([contextDefault, dockerfileDir, vscode.workspace.getWorkspaceFolder(dockerfile)?.uri.fsPath].filter((c): c is string => c !== undefined))];
    const picked = await vscode.window.showQuickPick(choices.map((c, i) => ({ label: vscode.workspace.asRelativePath(c) || c, description: i === 0 ? vscode.l10n.t('default') : '', context: c })), { title: vscode.l10n.t('Build context') });
    if (picked === undefined) return undefined;
    context = picked.context;
  }
  let target = options.target;
  const stages = info?.stages ?? [];
  if (target === undefined && interactive && stages.length > 1) {
    const picked = await vscode.window.showQuickPick(stages.map((s) => ({ label: s.name ?? String(s.index), description: `FROM ${s.base}`, target: s.index === stages.length - 1 ? undefined : s.name ?? String(s.index) })).reverse(), { title: vscode.l10n.t('Target stage') });
    if (picked === undefined) return undefined;
    target = picked.target;
  }
  let buildArgs = options.buildArgs;
  if (buildArgs === undefined && interactive && (info?.args.length ?? 0) > 0) {
    const picked = await vscode.window.showQuickPick((info?.args ?? []).map((a) => ({ label: a.name, description: a.defaultValue === null ? vscode.l10n.t('no default') : `= ${a.defaultValue}`, arg: a })), { title: vscode.l10n.t('Build arguments to set (none: use the defaults)'), canPickMany: true });
    if (picked === undefined) return undefined;
    buildArgs = {};
    for (const item of picked) {
      const value = await vscode.window.showInputBox({ prompt: `--build-arg ${item.arg.name}=`, value: item.arg.defaultValue ?? '' });
      if (value === undefined) return undefined;
      buildArgs[item.arg.name] = value;
    }
  }
  // Only Dockerfiles that care about platforms get the question; everyone else builds for the engine's default.
  let platform = options.platform;
  const document = await vscode.workspace.openTextDocument(dockerfile);
  if (platform === undefined && interactive && /--platform|\$\{?(TARGET|BUILD)(PLATFORM|OS|ARCH|VARIANT)/.test(document.getText())) {
    const typed = await vscode.window.showInputBox({ title: vscode.l10n.t('Target platform'), prompt: vscode.l10n.t('e.g. linux/amd64 or linux/arm64; leave empty for the engine\'s default'), value: '' });
    if (typed === undefined) return undefined;
    platform = typed.trim() === '' ? undefined : typed.trim();
  }
  // BuildKit through buildx where the engine has it (what `docker build` is on Docker 23+), on the builder picked
  // once and remembered; else `docker build` (podman, an engine without buildx).
  const builders = await buildxBuilders(engineConfig());
  let builder = deps.state.builder;
  if (builders !== undefined && builders.length > 1 && builder === undefined && interactive) {
    const picked = await vscode.window.showQuickPick(builders.map((b) => ({ label: b.name, description: `${b.driver}${b.current ? vscode.l10n.t(' (current)') : ''}`, name: b.name })), { title: vscode.l10n.t('BuildKit builder (remembered for this workspace)') });
    if (picked === undefined) return undefined;
    builder = picked.name;
    await deps.state.rememberBuilder(builder);
  }
  if (builder !== undefined && builders !== undefined && builders.length > 0 && !builders.some((b) => b.name === builder)) builder = undefined; // removed since
  const definition: BuildTaskDefinition = {
    type: 'stagecraft-build', dockerfile: dockerfile.fsPath, tag, context: path.relative(path.dirname(dockerfile.fsPath), context) || '.',
    ...(builders !== undefined ? { buildx: true, ...(builder ? { builder } : {}) } : {}),
    ...(target !== undefined ? { target } : {}), ...(buildArgs !== undefined ? { buildArgs } : {}),
    ...(platform !== undefined ? { platform } : {}), ...(options.network !== undefined ? { network: options.network } : {}),
  };
  const scope = vscode.workspace.getWorkspaceFolder(dockerfile) ?? vscode.TaskScope.Workspace;
  const exitCode = await runTaskToEnd(buildTask(definition, engineConfig(), deps.cliPath, scope), vscode.l10n.t('Building {0}', tag));
  if (exitCode === 0) await deps.state.rememberBuild(dockerfile, tag);
  else void vscode.window.showErrorMessage(vscode.l10n.t('Building {0} failed (exit code {1}); the Problems panel shows where.', tag, String(exitCode ?? '?')));
  return { tag, exitCode };
}
