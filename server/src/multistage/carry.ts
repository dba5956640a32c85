import * as path from 'node:path';
import { l10n } from '../locale/l10n';
import type { DockerfileModel, InstructionModel } from '../model';
import { workdirOf } from '../model';
import { commandsOf } from './analysis';
import type { Analysis } from './analysis';
import type { Artifact } from './artifacts';
import { resolveIn } from './artifacts';
import { instructionText } from './instructionText';
import type { RuntimeChoice } from './runtimeBase';

/**
 * What the original image got after its last build step — files copied from the context or a URL, files that
 * RUN steps made, the SHELL — and how the final stage gets each: the same instruction again, already inside a
 * folder copied from the build stage, or a TODO that says why not. A missing file breaks the image, an extra one
 * only costs bytes: what is carried is carried whole.
 */

export interface CarriedInstruction {
  readonly instruction: InstructionModel;
  /** The text it gets in the final stage (the original's, as written). */
  readonly text: string;
}

export interface CarryResult {
  readonly carried: readonly CarriedInstruction[];
  /** Original line numbers (1-based) whose files the final stage gets inside a folder copied from the build stage. */
  readonly covered: readonly { readonly line: number; readonly by: string }[];
  readonly todos: readonly string[];
}

/** Commands that only make or arrange files, present in any image with a shell (busybox has them all). */
const FILE_COMMANDS: ReadonlySet<string> = new Set(['mkdir', 'chmod', 'chown', 'chgrp', 'ln', 'touch', 'rm', 'cp', 'mv', 'echo', 'printf', 'true', 'sed', 'install']);
const USER_COMMANDS = /^(useradd|adduser|groupadd|addgroup|usermod)$/;

/**
 * Whether the final stage's image has the tools a user-creating RUN uses: shadow's `useradd`/`groupadd` in
 * Debian and Ubuntu images (the slim ones too), busybox's `adduser`/`addgroup` in Alpine.
 */
function hasUserTools(runtimeImage: string, commands: readonly string[]): boolean {
  const debianLike = /^(debian|ubuntu)(:|$)|-slim(-|$)|bookworm|bullseye|trixie|jammy|noble/.test(runtimeImage) && !/alpine|distroless/.test(runtimeImage);
  const alpine = /alpine/.test(runtimeImage);
  return commands.every((c) => (debianLike && /^(useradd|groupadd|usermod)$/.test(c)) || (alpine && /^(adduser|addgroup)$/.test(c)) || FILE_COMMANDS.has(c));
}

/** The users and groups a user-creating RUN makes (the last word of each useradd/adduser/groupadd/addgroup). */
export function usersCreatedBy(words: readonly (readonly string[])[]): string[] {
  return words.filter((w) => USER_COMMANDS.test(w[0] ?? '') && w[0] !== 'usermod').map((w) => w.at(-1) ?? '').filter((name) => name !== '' && !name.startsWith('-'));
}

function within(folder: string, file: string): boolean {
  const dir = folder.replace(/\/+$/, '');
  return dir === '' || file === dir || file.startsWith(`${dir}/`);
}

/** The build-stage folder an artifact copies whole (not a single built file, not a glob). */
function copiedFolder(artifact: Artifact): string | undefined {
  if (artifact.source.includes('*')) return undefined;
  return artifact.source === artifact.target && !/\.[A-Za-z0-9]{1,8}$/.test(path.posix.basename(artifact.source)) ? artifact.source : undefined;
}

export function carryAfterBuild(model: DockerfileModel, analysis: Analysis, artifacts: readonly Artifact[], runtime: RuntimeChoice, finalWorkdir: string | undefined): CarryResult {
  const { stage, lastBuildIndex } = analysis;
  const carried: CarriedInstruction[] = [];
  const covered: { line: number; by: string }[] = [];
  const todos: string[] = [];
  const createdUsers = new Set<string>();
  const folders = artifacts.map(copiedFolder).filter((f): f is string => f !== undefined);
  for (const instruction of stage.instructions) {
    const line = instruction.range.start.line + 1;
    // Users and groups made anywhere in the stage are carried when the final image has the same tools to make
    // them (the same distribution family): the app may run as them, own files as them.
    const commands = instruction.keyword === 'RUN' ? commandsOf(instruction).map((c) => c.words[0] ?? '') : [];
    const makesUsers = commands.some((c) => USER_COMMANDS.test(c));
    if (makesUsers && runtime.hasShell && instruction.heredocs.length === 0 && hasUserTools(runtime.image, commands)) {
      carried.push({ instruction, text: instructionText(model, instruction) });
      for (const name of usersCreatedBy(commandsOf(instruction).map((c) => c.words))) createdUsers.add(name);
      continue;
    }
    if (instruction.index <= lastBuildIndex) continue;
    const workdir = workdirOf(stage, instruction);
    if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && !instruction.flags.some((f) => f.name === 'from')) {
      const destination = instruction.args.at(-1)?.value;
      if (destination === undefined) continue;
      const absolute = destination.startsWith('/');
      const landed = absolute ? path.posix.normalize(destination) : workdir === undefined ? undefined : resolveIn(workdir, destination);
      const folder = landed === undefined ? undefined : folders.find((f) => within(f, landed)) ?? artifacts.find((a) => a.target === landed)?.target;
      if (folder !== undefined) {
        covered.push({ line, by: folder });
        continue;
      }
      // The same instruction again, where it means the same: an absolute destination, or a relative one under
      // the same working directory as the final stage's.
      if (absolute || (workdir !== undefined && workdir === (finalWorkdir ?? '/'))) {
        carried.push({ instruction, text: instructionText(model, instruction) });
        const owner = instruction.flags.find((f) => f.name === 'chown')?.value?.split(':')[0];
        if (owner !== undefined && owner !== null && !/^\d+$/.test(owner) && owner !== 'root' && !createdUsers.has(owner)) {
          todos.push(l10n.t`line ${line} copies with --chown=${owner}: create that user in the final stage (${runtime.image}) before it, or the build fails there`);
        }
      } else {
        todos.push(l10n.t`line ${line} (${instruction.keyword}) puts files in ${destination} relative to a working directory the final stage does not have: copy them to the final stage with an absolute destination`);
      }
      continue;
    }
    if (instruction.keyword === 'COPY') {
      // COPY --from another stage or image after the build: the final stage can copy the same.
      carried.push({ instruction, text: instructionText(model, instruction) });
      continue;
    }
    if (instruction.keyword === 'RUN') {
      if (makesUsers) {
        todos.push(l10n.t`line ${line} creates users or groups (${commands.filter((c) => USER_COMMANDS.test(c)).join(', ')}): the final stage (${runtime.image}) does not have them; create them there (Alpine: \`addgroup -S name && adduser -S -G name name\`)`);
        continue;
      }
      // Relative paths in it mean the same only under the same working directory as the final stage's.
      const sameDirectory = workdir !== undefined && workdir === (finalWorkdir ?? '/');
      if (runtime.hasShell && sameDirectory && commands.length > 0 && commands.every((c) => FILE_COMMANDS.has(c)) && instruction.heredocs.length === 0) {
        carried.push({ instruction, text: instructionText(model, instruction) });
        continue;
      }
      todos.push(l10n.t`line ${line} runs after the build and may create or change files (${commands.slice(0, 3).join(', ') || 'RUN'}) that the final stage does not get: repeat what it makes there, or copy its output with COPY --from`);
      continue;
    }
    if (instruction.keyword === 'SHELL') {
      carried.push({ instruction, text: instructionText(model, instruction) });
      const program = instruction.command?.argv[0] ?? '';
      if (program !== '/bin/sh') {
        todos.push(l10n.t`line ${line} sets SHELL to ${program ?? '?'}: check that ${runtime.image} has it`);
      }
    }
  }
  return { carried, covered, todos };
}
