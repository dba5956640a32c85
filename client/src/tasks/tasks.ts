import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildOptions, RunOptions } from '../../../common/src/engine/argv';
import { buildArgv, runArgv } from '../../../common/src/engine/argv';
import type { EngineConfig } from '../../../common/src/engine/runner';

export const BUILD_TASK_TYPE = 'stagecraft-build';
export const RUN_TASK_TYPE = 'stagecraft-run';

export interface BuildTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof BUILD_TASK_TYPE;
  readonly dockerfile: string;
  readonly tag: string;
  readonly context?: string;
  readonly target?: string;
  readonly buildArgs?: Record<string, string>;
  readonly platform?: string;
  readonly network?: string;
  /** Build with `docker buildx build --load` (BuildKit); `builder` names a buildx builder, else the current one. */
  readonly buildx?: boolean;
  readonly builder?: string;
}

export interface RunTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof RUN_TASK_TYPE;
  readonly image: string;
  readonly hostPath?: string;
  readonly containerPath?: string;
  readonly readOnly?: boolean;
  readonly args?: string[];
  readonly ports?: number[];
}

/**
 * The build runs through `stagecraft build-output`, which runs the container CLI with an argv array and
 * prints located errors for the `$stagecraft-build` problem matcher. No shell is involved at any point.
 */
export function buildTask(definition: BuildTaskDefinition, engine: EngineConfig, cliPath: string, scope: vscode.WorkspaceFolder | vscode.TaskScope): vscode.Task {
  const dockerfile = path.resolve(definition.dockerfile);
  const options: BuildOptions = {
    dockerfile,
    context: path.resolve(path.dirname(dockerfile), definition.context ?? '.'),
    tag: definition.tag,
    target: definition.target,
    buildArgs: definition.buildArgs ?? {},
    platform: definition.platform,
    network: definition.network,
    buildx: definition.buildx === true ? { builder: definition.builder } : undefined,
  };
  const execution = new vscode.ProcessExecution(process.execPath, [cliPath, 'build-output', '--dockerfile', dockerfile, '--', engine.executable, ...buildArgv(options)], {
    cwd: path.dirname(dockerfile),
    env: { ELECTRON_RUN_AS_NODE: '1', ...engine.env },
  });
  const task = new vscode.Task(definition, scope, vscode.l10n.t('build {0}', definition.tag), 'stagecraft', execution, ['$stagecraft-build']);
  task.group = vscode.TaskGroup.Build;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  return task;
}

export function runTask(definition: RunTaskDefinition, engine: EngineConfig, scope: vscode.WorkspaceFolder | vscode.TaskScope): vscode.Task {
  const options: RunOptions = {
    image: definition.image,
    remove: true,
    mounts: definition.hostPath && definition.containerPath ? [{ source: definition.hostPath, target: definition.containerPath, readOnly: definition.readOnly === true }] : [],
    ports: (definition.ports ?? []).map((port) => ({ host: port, container: port })),
    args: definition.args ?? [],
  };
  const execution = new vscode.ProcessExecution(engine.executable, runArgv(options), engine.env ? { env: { ...engine.env } } : {});
  return new vscode.Task(definition, scope, vscode.l10n.t('run {0}', definition.image), 'stagecraft', execution, []);
}

/** Makes `stagecraft-build` / `stagecraft-run` entries of tasks.json runnable. */
export function registerTaskProviders(engine: () => EngineConfig, cliPath: string): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.tasks.registerTaskProvider(BUILD_TASK_TYPE, {
      provideTasks: () => [],
      resolveTask: (task) => buildTask(task.definition as BuildTaskDefinition, engine(), cliPath, task.scope ?? vscode.TaskScope.Workspace),
    }),
    vscode.tasks.registerTaskProvider(RUN_TASK_TYPE, {
      provideTasks: () => [],
      resolveTask: (task) => runTask(task.definition as RunTaskDefinition, engine(), task.scope ?? vscode.TaskScope.Workspace),
    }),
  );
}

/** Runs a task and resolves with its exit code; cancelling the progress notification terminates it. */
export async function runTaskToEnd(task: vscode.Task, title: string): Promise<number | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    const ended = new Promise<number | undefined>((resolve) => {
      const listener = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.definition === task.definition) {
          listener.dispose();
          resolve(event.exitCode);
        }
      });
    });
    const execution = await vscode.tasks.executeTask(task);
    const cancel = token.onCancellationRequested(() => execution.terminate());
    try {
      return await ended;
    } finally {
      cancel.dispose();
    }
  });
}
