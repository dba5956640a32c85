import { l10n } from '../locale/l10n';
import type { ContextFiles } from '../buildContext/contextFiles';
import * as path from 'node:path';
import type { CommandSetting, InstructionModel, StageModel } from '../model';
import { workdirOf } from '../model';
import { optionValue } from '../shell/commands';
import { splitSimpleCommand } from '../shell/words';
import type { Analysis, BuildStep } from './analysis';

export type { ContextFiles };


export interface Artifact {
  /** Absolute path in the build stage; may end in `/*.jar`-style globs for Java. */
  readonly source: string;
  /** Where it goes in the final stage. */
  readonly target: string;
  readonly why: string;
}

export interface ArtifactResult {
  readonly artifacts: readonly Artifact[];
  readonly todos: readonly string[];
}

/** Go flags that take a value, so the word after them is not a package. */
const GO_VALUE_FLAGS = new Set(['-o', '-ldflags', '-gcflags', '-asmflags', '-tags', '-mod', '-modfile', '-p', '-pkgdir', '-toolexec', '-overlay', '-buildmode', '-compiler', '-installsuffix', '-pgo', '-C']);

function workdirAt(stage: StageModel, instruction: InstructionModel): string {
  return workdirOf(stage, instruction) ?? '/';
}

/** `target` as the builder resolves it in `directory` (the WORKDIR): absolute, normalized. */
export function resolveIn(directory: string, target: string): string {
  return path.posix.normalize(path.posix.isAbsolute(target) ? target : path.posix.join(directory, target));
}

function goModuleName(context: ContextFiles): string | undefined {
  const module = /^module\s+(\S+)/m.exec(context.read('go.mod') ?? '')?.[1];
  return module?.split('/').pop();
}

function goArtifact(stage: StageModel, step: BuildStep, context: ContextFiles): Artifact | string {
  const words = step.command.words;
  const dir = workdirAt(stage, step.instruction);
  const output = optionValue(words, ['-o']);
  const packages: string[] = [];
  for (let i = 2; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word.startsWith('-')) {
      if (GO_VALUE_FLAGS.has(word.split('=')[0] ?? '') && !word.includes('=')) i++;
      continue;
    }
    packages.push(word);
  }
  const defaultName = (): string | undefined => {
    const first = packages[0];
    if (first === undefined || first === '.' || first === './...') return goModuleName(context) ?? path.posix.basename(dir);
    if (first.endsWith('.go')) return path.posix.basename(first, '.go');
    return path.posix.basename(first.replace(/\/\.\.\.$/, ''));
  };
  if (words[1] === 'install') {
    const name = defaultName();
    return name ? { source: `/go/bin/${name}`, target: `/usr/local/bin/${name}`, why: l10n.t`installed by \`go install\` on line ${step.instruction.range.start.line + 1}` } : l10n.t('the name of the binary `go install` writes could not be worked out');
  }
  if (output !== undefined) {
    const resolved = resolveIn(dir, output);
    const file = output.endsWith('/') ? path.posix.join(resolved, defaultName() ?? 'app') : resolved;
    return { source: file, target: file, why: l10n.t`built by \`go build -o ${output}\` on line ${step.instruction.range.start.line + 1}` };
  }
  const name = defaultName();
  if (name === undefined) return l10n.t('the name of the binary `go build` writes could not be worked out (add `-o <path>`)');
  const file = path.posix.join(dir, name);
  return { source: file, target: file, why: l10n.t`built by \`go build\` on line ${step.instruction.range.start.line + 1} (named after ${goModuleName(context) ? l10n.t('the module in go.mod') : l10n.t('the package')})` };
}

function cargoBinaryName(context: ContextFiles): string | undefined {
  const toml = context.read('Cargo.toml');
  if (toml === undefined) return undefined;
  const bin = /\[\[bin\]\][^[]*?\bname\s*=\s*"([^"]+)"/s.exec(toml)?.[1];
  return bin ?? /\[package\][^[]*?\bname\s*=\s*"([^"]+)"/s.exec(toml)?.[1];
}

/** argv of a runtime command setting; shell form split when it is a plain list of words. */
export function commandWords(setting: CommandSetting | undefined): string[] {
  if (setting === undefined) return [];
  if (setting.form === 'exec') return [...setting.argv];
  return splitSimpleCommand(setting.instruction.command?.script ?? '') ?? [];
}

/** Paths ENTRYPOINT/CMD mention that look like files (`./bin/app`, `/srv/app.jar`, `test.jpg`). */
function mentionedPaths(stage: StageModel): { program: string | undefined; files: string[] } {
  const runtime = stage.runtime;
  const entry = commandWords(runtime.entrypoint.known ? runtime.entrypoint.value : undefined);
  const cmd = commandWords(runtime.cmd.known ? runtime.cmd.value : undefined);
  const all = [...entry, ...cmd];
  const workdir = runtime.workdir.known ? runtime.workdir.value?.value ?? '/' : '/';
  const looksLikePath = (w: string): boolean => !w.startsWith('-') && (w.includes('/') || /\.[A-Za-z0-9]{1,5}$/.test(w)) && !/^[a-z]+:\/\//.test(w);
  // A program named without a slash is looked up in PATH, not in the working directory.
  const program = all[0] !== undefined && all[0].includes('/') && looksLikePath(all[0]) ? resolveIn(workdir, all[0]) : undefined;
  return { program, files: all.slice(1).filter(looksLikePath).map((w) => resolveIn(workdir, w)) };
}

function insideVolume(stage: StageModel, file: string): boolean {
  return stage.runtime.volumes.some((v) => file === v.value || file.startsWith(`${v.value.replace(/\/$/, '')}/`));
}

/** Files COPY/ADD brought from the build context, as their absolute destinations. */
function copiedFromContext(stage: StageModel, file: string, context: ContextFiles): string | undefined {
  for (const instruction of stage.instructions) {
    if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.some((f) => f.name === 'from')) continue;
    const words = instruction.args.map((a) => a.value);
    const destination = words.at(-1);
    if (destination === undefined || words.length < 2) continue;
    const destDir = resolveIn(workdirAt(stage, instruction), destination);
    for (const source of words.slice(0, -1)) {
      if (source === '.' || source === './') {
        const relative = path.posix.relative(destDir, file);
        if (!relative.startsWith('..') && context.exists(relative)) return l10n.t`copied from the build context by line ${instruction.range.start.line + 1}`;
        continue;
      }
      const landed = destination.endsWith('/') || words.length > 2 || destination === '.' ? path.posix.join(destDir, path.posix.basename(source)) : destDir;
      if (landed === file) return l10n.t`copied from the build context by line ${instruction.range.start.line + 1}`;
    }
  }
  return undefined;
}

/** What the final stage needs from the build stage, and what could not be decided. */
export function findArtifacts(analysis: Analysis, context: ContextFiles): ArtifactResult {
  const { stage, toolchain } = analysis;
  const artifacts: Artifact[] = [];
  const todos: string[] = [];
  const add = (artifact: Artifact): void => {
    if (!artifacts.some((a) => a.source === artifact.source)) artifacts.push(artifact);
  };
  const workdir = stage.runtime.workdir.known ? stage.runtime.workdir.value?.value ?? '/' : '/';
  const mentioned = mentionedPaths(stage);
  switch (toolchain.id) {
    case 'go':
      for (const step of analysis.buildSteps) {
        const result = goArtifact(stage, step, context);
        if (typeof result === 'string') todos.push(result);
        else add(result);
      }
      break;
    case 'rust': {
      const step = analysis.buildSteps.at(-1) as BuildStep;
      const profile = step.command.words.includes('--release') ? 'release' : 'debug';
      const name = cargoBinaryName(context);
      const dir = resolveIn(workdirAt(stage, step.instruction), `target/${profile}`);
      if (name !== undefined) add({ source: `${dir}/${name}`, target: `${dir}/${name}`, why: l10n.t`built by \`cargo build\` (binary \`${name}\` from Cargo.toml)` });
      else if (mentioned.program?.startsWith(`${dir}/`)) add({ source: mentioned.program, target: mentioned.program, why: l10n.t('the program ENTRYPOINT/CMD runs') });
      else todos.push(l10n.t('the binary cargo builds could not be named (Cargo.toml not found in the build context)'));
      break;
    }
    case 'c': {
      for (const step of analysis.buildSteps) {
        const output = optionValue(step.command.words, ['-o']);
        if (output !== undefined) {
          const file = resolveIn(workdirAt(stage, step.instruction), output);
          add({ source: file, target: file, why: l10n.t`built by \`${step.command.words[0] ?? 'cc'} -o ${output}\` on line ${step.instruction.range.start.line + 1}` });
        }
      }
      break;
    }
    case 'node':
    case 'python':
      add({ source: workdir, target: workdir, why: toolchain.id === 'node' ? l10n.t('the application with its production dependencies') : l10n.t('the application') });
      if (toolchain.id === 'python') add({ source: '/usr/local', target: '/usr/local', why: l10n.t('the Python packages pip installed (and the interpreter they belong to)') });
      break;
    case 'java': {
      if (analysis.buildSteps.every((s) => s.command.words[0] === 'javac')) {
        add({ source: workdir, target: workdir, why: l10n.t('the classes javac compiled') });
        break;
      }
      const jar = [mentioned.program, ...mentioned.files].find((f) => f?.endsWith('.jar'));
      if (jar !== undefined) add({ source: jar, target: jar, why: l10n.t('the jar ENTRYPOINT/CMD runs') });
      else {
        const gradle = analysis.buildSteps.some((s) => /gradle/.test(s.command.words[0] ?? ''));
        const dir = path.posix.join(workdir, gradle ? 'build/libs' : 'target');
        add({ source: `${dir}/*.jar`, target: `${dir}/`, why: l10n.t`the jars ${gradle ? 'Gradle' : 'Maven'} builds` });
        todos.push(l10n.t`check which jar to run: all of ${dir}/*.jar are copied`);
      }
      break;
    }
    case 'dotnet': {
      const step = analysis.buildSteps.at(-1) as BuildStep;
      const output = optionValue(step.command.words, ['-o', '--output']);
      if (output !== undefined) {
        const dir = resolveIn(workdirAt(stage, step.instruction), output);
        add({ source: dir, target: dir, why: l10n.t`published by \`dotnet publish -o ${output}\`` });
      } else {
        todos.push(l10n.t('add `-o /app/publish` to `dotnet publish` so the output folder is known; the whole WORKDIR is copied'));
        add({ source: workdir, target: workdir, why: l10n.t('the published application (output folder unknown)') });
      }
      break;
    }
  }
  if (toolchain.nativeBinary && mentioned.program !== undefined && !artifacts.some((a) => a.target === mentioned.program)) {
    if (copiedFromContext(stage, mentioned.program, context) === undefined) {
      add({ source: mentioned.program, target: mentioned.program, why: l10n.t('the program ENTRYPOINT/CMD runs') });
    }
  }
  if (toolchain.nativeBinary) {
    for (const file of mentioned.files) {
      if (insideVolume(stage, file) || artifacts.some((a) => a.target === file)) continue;
      const copied = copiedFromContext(stage, file, context);
      if (copied !== undefined) add({ source: file, target: file, why: l10n.t`used by CMD/ENTRYPOINT, ${copied}` });
    }
  }
  if (artifacts.length === 0) todos.push(l10n.t('no build output could be identified: add the COPY --from lines for what the application needs'));
  return { artifacts, todos };
}
