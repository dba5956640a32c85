import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, workspaceFile } from './helpers';

/**
 * Build Image, Run Container with Volume Mount and Inspect Mounts through executeCommand, every prompt
 * answered by the options argument, on the real Docker engine the test launcher made sure of.
 */
const engine = process.env['STAGECRAFT_EDITOR_ENGINE'] === '1';
const IMAGE = 'stagecraft-editor/volume-app:1';

/** Host folders the containers write into; removed after the suite (the extension host is not a test process). */
const hostFolders: string[] = [];
function hostFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  hostFolders.push(folder);
  return folder;
}
after(() => {
  for (const folder of hostFolders) fs.rmSync(folder, { recursive: true, force: true });
});

interface BuildResult { tag: string; exitCode: number | undefined }
interface RunResult { name: string; exitCode: number; argv: string[]; output: string }
interface MountView { type: string; source: string; destination: string; readWrite: boolean }
interface ContainerView { name: string; mounts: MountView[] }

(engine ? describe : describe.skip)('Build / Run with volume / Inspect mounts on a real engine', () => {
  const created: string[] = [];
  after(() => {
    if (created.length > 0) spawnSync('docker', ['rm', '--force', '--volumes', ...created]);
  });

  it('Build Image builds the image as a task', async () => {
    const result = await vscode.commands.executeCommand<BuildResult>('stagecraft.buildImage', {
      uri: workspaceFile('volume-app/Dockerfile').toString(), tag: IMAGE, network: 'none', interactive: false,
    });
    assert.deepEqual(result, { tag: IMAGE, exitCode: 0 });
    assert.equal(spawnSync('docker', ['image', 'inspect', IMAGE]).status, 0);
  });

  it('a failing build puts the error on the right Dockerfile line in the Problems panel', async () => {
    const uri = workspaceFile('failing/Dockerfile');
    const result = await vscode.commands.executeCommand<BuildResult>('stagecraft.buildImage', { uri: uri.toString(), tag: 'stagecraft-editor/failing:1', network: 'none', interactive: false });
    assert.notEqual(result.exitCode, 0);
    const problem = await eventually('the build problem', () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'docker build'), 15_000).catch((error: unknown) => {
      const all = vscode.languages.getDiagnostics().map(([u, ds]) => `${u.toString()}: ${ds.map((d) => `${d.source ?? ''}@${d.range.start.line} ${d.message}`).join(' | ')}`);
      throw new Error(`${String(error)}; diagnostics now: ${all.join('\n')}`);
    });
    assert.equal(problem.range.start.line, 2);
    assert.match(problem.message, /returned a non-zero code: 3|exit code: 3/);
  });

  it('Run Container with Volume Mount writes into the host folder; Inspect Mounts lists the bind mount', async () => {
    const host = hostFolder('stagecraft editor, shared-');
    const run = await vscode.commands.executeCommand<RunResult>('stagecraft.runWithVolume', {
      image: IMAGE, hostPath: host, containerPath: '/app/shared', readOnly: false, args: ['from-editor.txt', 'hello'], network: 'none', interactive: false,
    });
    created.push(run.name);
    assert.equal(run.exitCode, 0);
    assert.ok(run.argv.includes(`type=bind,"source=${host}",target=/app/shared`), run.argv.join(' '));
    assert.equal(fs.readFileSync(path.join(host, 'from-editor.txt'), 'utf8'), 'written by the container: hello\n');

    const inspected = await vscode.commands.executeCommand<ContainerView>('stagecraft.inspectMounts', { container: run.name, interactive: false });
    assert.deepEqual(inspected.mounts.map((m) => [m.type, m.source, m.destination, m.readWrite]), [['bind', host, '/app/shared', true]]);
    const api = vscode.extensions.getExtension<{ containerMounts: () => ContainerView[] }>('stagecraft.stagecraft')?.exports;
    const listed = api?.containerMounts().find((c) => c.name === run.name);
    assert.deepEqual(listed?.mounts.map((m) => [m.type, m.destination]), [['bind', '/app/shared']]);
  });

  it('the "Run stage X…" lens builds that stage (--target) and runs its image', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('stages/Dockerfile'));
    const lens = await eventually('the Run stage lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return lenses.find((l) => l.command?.title === 'Run stage tools…');
    });
    assert.ok(lens.command);
    const host = hostFolder('stagecraft-stage-');
    const [options] = lens.command.arguments as [Record<string, unknown>];
    const run = await vscode.commands.executeCommand<RunResult>(lens.command.command, { ...options, hostPath: host, containerPath: '/data', readOnly: true, args: [], network: 'none', interactive: false });
    created.push(run.name);
    assert.equal(run.exitCode, 0);
    assert.match(run.output, /built in the tools stage/);
    assert.equal(spawnSync('docker', ['image', 'inspect', 'stages:stage-tools']).status, 0, 'the stage image is tagged <folder>:stage-<target>');
  });
});

const buildkit = process.env['STAGECRAFT_EDITOR_ENGINE_FLAVOR'] === 'buildkit';

(engine && buildkit ? describe : describe.skip)('Check with BuildKit on Docker 28.5', () => {
  it('runs docker build --check and adds only what Stagecraft does not already say (nothing, on this file)', async () => {
    const uri = workspaceFile('volume-app/Dockerfile');
    const added = await vscode.commands.executeCommand<number | undefined>('stagecraft.checkWithBuildkit', uri);
    assert.equal(added, 0);
  });

  it('adds BuildKit\'s finding where Stagecraft has none under that name (its rule turned off in .stagecraft.json)', async () => {
    const folder = workspaceFile('buildkit-only').fsPath;
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, '.stagecraft.json'), JSON.stringify({ rules: { MaintainerDeprecated: 'off' } }));
    fs.writeFileSync(path.join(folder, 'Dockerfile'), 'FROM alpine:3.20\nMAINTAINER someone\nCMD ["true"]\n');
    const uri = vscode.Uri.file(path.join(folder, 'Dockerfile'));
    const added = await vscode.commands.executeCommand<number | undefined>('stagecraft.checkWithBuildkit', uri);
    assert.equal(added, 1);
    const found = await eventually('the BuildKit finding', () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'docker build --check'));
    assert.equal(found.range.start.line, 1);
    assert.match(String(typeof found.code === 'object' ? found.code.value : found.code), /MaintainerDeprecated/);
  });
});

(engine && !buildkit ? describe : describe.skip)('Check with BuildKit on an engine without docker build --check', () => {
  it('runs the CLI, says BuildKit is not there, and adds no diagnostics (the engine tests check the findings on Docker 28)', async () => {
    const uri = workspaceFile('volume-app/Dockerfile');
    const added = await vscode.commands.executeCommand<number | undefined>('stagecraft.checkWithBuildkit', uri);
    assert.equal(added, 0);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker build --check'), []);
  });
});

(engine ? describe : describe.skip)('Verify Multi-Stage Conversion', () => {
  it('builds and runs both Dockerfiles through the CLI and opens the report (a Dockerfile against itself: same)', async () => {
    const uri = workspaceFile('volume-app/Dockerfile');
    const verdict = await vscode.commands.executeCommand<string | undefined>('stagecraft.verifyConversion', { uri: uri.toString(), against: uri.toString(), interactive: false });
    assert.equal(verdict, 'same');
    const report = vscode.window.activeTextEditor?.document;
    assert.equal(report?.languageId, 'markdown');
    assert.match(report?.getText() ?? '', /## Same behaviour/);
  });
});
