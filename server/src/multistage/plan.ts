import { l10n } from '../locale/l10n';
import type { DockerfileModel, InstructionModel } from '../model';
import { execFormFix } from '../rules/runtime/commands';
import type { TextEdit } from '../rules/rule';
import type { Analysis } from './analysis';
import { applyEdits } from './edits';
import type { Artifact, ContextFiles } from './artifacts';
import { findArtifacts } from './artifacts';
import type { RuntimeChoice, RuntimeFamily } from './runtimeBase';
import { chooseRuntime } from './runtimeBase';
import type { CarriedInstruction } from './carry';
import { carryAfterBuild, usersCreatedBy } from './carry';
import { instructionText } from './instructionText';
import { commandsOf } from './analysis';

export interface ConversionOptions {
  readonly runtimeFamily: RuntimeFamily;
  readonly stageName: string;
  readonly runtimeImage?: string | undefined;
}

export const DEFAULT_CONVERSION_OPTIONS: ConversionOptions = { runtimeFamily: 'alpine', stageName: 'build' };

export type Disposition = 'kept' | 'moved' | 'copied' | 'modified';

/** Everything decided about one conversion, before any text is written. */
export interface ConversionPlan {
  readonly analysis: Analysis;
  readonly buildStageName: string;
  readonly nameBuildStage: boolean;
  readonly runtime: RuntimeChoice;
  readonly artifacts: readonly Artifact[];
  /** Instructions that move to the final stage, in order, with the text they get there. */
  readonly moved: readonly { readonly instruction: InstructionModel; readonly text: string }[];
  /** ENV instructions repeated in the final stage because the application may read them. */
  readonly copiedEnv: readonly InstructionModel[];
  /** Edits to the build stage itself (CGO_ENABLED=0). */
  readonly buildEdits: readonly TextEdit[];
  /** A RUN line added after the last build step (pruning development dependencies). */
  readonly addedBuildLine: { readonly after: InstructionModel; readonly text: string } | undefined;
  readonly finalWorkdir: string | undefined;
  readonly finalUser: InstructionModel | undefined;
  /** What the original got after its last build step that the final stage repeats (COPY/ADD, file-only RUNs, SHELL). */
  readonly carried: readonly CarriedInstruction[];
  /**
   * The conversion could not show that the final image has everything the original had (a TODO says what):
   * the action's title and the CLI say the result needs review.
   */
  readonly needsReview: boolean;
  readonly notes: readonly string[];
  readonly todos: readonly string[];
  readonly disposition: ReadonlyMap<number, Disposition>;
}

const ALWAYS_MOVED: ReadonlySet<string> = new Set(['ENTRYPOINT', 'CMD', 'EXPOSE', 'VOLUME', 'HEALTHCHECK', 'STOPSIGNAL', 'LABEL', 'MAINTAINER']);
/** Variables only the toolchain reads; everything else may matter to the application at run time. */
const BUILD_ONLY_ENV = /^(GO[A-Z0-9_]*|CGO_[A-Z_]+|CARGO_[A-Z_]*|RUSTUP_[A-Z_]*|RUSTFLAGS|npm_config_\w+|NPM_\w+|YARN_\w+|PIP_\w+|MAVEN_\w+|GRADLE_\w+|DOTNET_CLI_\w+|NUGET_\w+|DEBIAN_FRONTEND)$/;

/** Users the runtime images are known to ship with. */
function userExistsIn(user: string, image: string): boolean {
  if (user === 'root') return image !== 'scratch';
  if (user === 'nobody') return image !== 'scratch' && !image.includes('distroless');
  if (user === 'nonroot') return image.includes('distroless');
  if (user === 'node') return /^node:/.test(image);
  return false;
}

export { instructionText } from './instructionText';

/** An instruction's text with edits inside it applied (e.g. shell form turned into exec form). */
function applyToText(model: DockerfileModel, instruction: InstructionModel, edits: readonly TextEdit[]): string {
  const { start, end } = instruction.range;
  const startOffset = model.lines.offsetAt(start.line, start.character);
  const growth = edits.reduce((sum, e) => sum + e.newText.length - (model.lines.offsetAt(e.range.end.line, e.range.end.character) - model.lines.offsetAt(e.range.start.line, e.range.start.character)), 0);
  return applyEdits(model.text, edits, model).slice(startOffset, model.lines.offsetAt(end.line, end.character) + growth);
}

function cgoEdits(model: DockerfileModel, analysis: Analysis): TextEdit[] {
  if (analysis.toolchain.id !== 'go' || analysis.cgo.needed || analysis.stage.variables.some((v) => v.name === 'CGO_ENABLED')) return [];
  const edits: TextEdit[] = [];
  const seen = new Set<number>();
  for (const step of analysis.buildSteps) {
    if (seen.has(step.instruction.index) || step.command.assignments.some((a) => a.startsWith('CGO_ENABLED='))) continue;
    seen.add(step.instruction.index);
    const { start, end } = step.instruction.range;
    for (let line = start.line; line <= end.line; line++) {
      const text = model.lines.lineText(line);
      const from = line === start.line ? step.instruction.keywordRange.end.character : 0;
      for (const match of text.slice(from).matchAll(/(^|[\s;&|(])(go\s+(?:build|install))\b/g)) {
        const character = from + (match.index ?? 0) + (match[1]?.length ?? 0);
        edits.push({ range: { start: { line, character }, end: { line, character } }, newText: 'CGO_ENABLED=0 ' });
      }
    }
  }
  return edits;
}

function pruneCommand(analysis: Analysis): string | undefined {
  if (analysis.toolchain.id !== 'node') return undefined;
  const tool = analysis.buildSteps.at(-1)?.command.words[0];
  if (tool === 'yarn') return 'yarn install --production --ignore-scripts --prefer-offline';
  if (tool === 'pnpm') return 'pnpm prune --prod';
  return 'npm prune --omit=dev';
}

export function planConversion(model: DockerfileModel, analysis: Analysis, context: ContextFiles, options: ConversionOptions): ConversionPlan {
  const { stage } = analysis;
  const notes: string[] = [];
  const todos: string[] = [];
  const disposition = new Map<number, Disposition>();
  for (const instruction of model.instructions) disposition.set(instruction.index, 'kept');

  const { artifacts, todos: artifactTodos } = findArtifacts(analysis, context);
  todos.push(...artifactTodos);
  let runtime = chooseRuntime(analysis, options.runtimeFamily, options.runtimeImage);

  const lastBuild = analysis.lastBuildIndex;
  const movedInstructions = stage.instructions.filter((i) => ALWAYS_MOVED.has(i.keyword) || (i.keyword === 'USER' && i.index > lastBuild));
  const shellForms = movedInstructions.filter((i) => (i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD') && i.command?.form === 'shell' && i.command.script !== '');
  const conversions = new Map<number, TextEdit[]>();
  if (!runtime.hasShell && shellForms.length > 0) {
    for (const instruction of shellForms) {
      const fix = execFormFix(model, instruction);
      if (fix === undefined) {
        const why = l10n.t`${runtime.image} has no shell and the ${instruction.keyword} on line ${instruction.range.start.line + 1} needs one (it uses shell syntax), so the final stage uses ${runtime.withShell}`;
        runtime = { ...runtime, image: runtime.withShell, hasShell: true, why };
        conversions.clear();
        break;
      }
      conversions.set(instruction.index, [...fix.edits]);
    }
    for (const index of conversions.keys()) {
      const instruction = model.instructions[index];
      if (instruction) notes.push(l10n.t`the shell-form ${instruction.keyword} on line ${instruction.range.start.line + 1} became exec form, since ${runtime.image} has no shell`);
    }
  }
  const moved = movedInstructions.map((instruction) => {
    disposition.set(instruction.index, 'moved');
    if (instruction.keyword === 'MAINTAINER') {
      disposition.set(instruction.index, 'modified');
      return { instruction, text: `LABEL maintainer=${JSON.stringify(instruction.argumentsText.trim())}` };
    }
    const edits = conversions.get(instruction.index);
    if (edits !== undefined) disposition.set(instruction.index, 'modified');
    return { instruction, text: edits === undefined ? instructionText(model, instruction) : applyToText(model, instruction, edits) };
  });

  const copiedEnv = stage.instructions.filter((i) => i.keyword === 'ENV' && i.properties.some((p) => !BUILD_ONLY_ENV.test(p.name)));
  for (const env of copiedEnv) disposition.set(env.index, 'copied');
  if (copiedEnv.some((env) => env.argumentsText.includes('$'))) todos.push(l10n.t('an ENV repeated in the final stage refers to variables: check they are defined there too'));

  const userBefore = stage.instructions.filter((i) => i.keyword === 'USER' && i.index <= lastBuild).at(-1);
  const movedUser = moved.some((m) => m.instruction.keyword === 'USER');
  const finalUser = movedUser ? undefined : userBefore;
  if (finalUser !== undefined) disposition.set(finalUser.index, 'copied');
  const runtimeUser = stage.runtime.user.known ? stage.runtime.user.value?.value : undefined;
  const userName = runtimeUser?.split(':')[0];
  const finalDirectoryEarly = stage.runtime.workdir.known ? stage.runtime.workdir.value?.value : undefined;
  const carry = carryAfterBuild(model, analysis, artifacts, runtime, finalDirectoryEarly === '/' ? undefined : finalDirectoryEarly);
  const carriedUsers = carry.carried.flatMap((c) => usersCreatedBy(commandsOf(c.instruction).map((command) => command.words)));
  if (userName !== undefined && !/^\d+$/.test(userName) && !userExistsIn(userName, runtime.image) && !carriedUsers.includes(userName)) {
    todos.push(runtime.image === 'scratch'
      ? `USER ${runtimeUser ?? ''} is a name, but scratch has no /etc/passwd: use a numeric UID (e.g. USER 65534)`
      : `USER ${runtimeUser ?? ''} must exist in ${runtime.image} too: create it in the final stage (e.g. \`RUN useradd ${userName}\` or \`adduser -D ${userName}\`)`);
  }
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'ONBUILD') todos.push(l10n.t`ONBUILD on line ${instruction.range.start.line + 1} stays in the build stage; move it to the final stage if child images should run it`);
  }

  const buildEdits = cgoEdits(model, analysis);
  for (const edit of buildEdits) {
    const instruction = model.instructionAt(edit.range.start.line);
    if (instruction) disposition.set(instruction.index, 'modified');
  }
  if (buildEdits.length > 0) notes.push(l10n.t('CGO_ENABLED=0 was added to the Go build so the binary is static (no libc needed)'));
  const prune = pruneCommand(analysis);
  const lastBuildInstruction = model.instructions[lastBuild];
  const addedBuildLine = prune !== undefined && lastBuildInstruction !== undefined ? { after: lastBuildInstruction, text: `RUN ${prune}` } : undefined;
  if (addedBuildLine !== undefined) notes.push(l10n.t`\`${addedBuildLine.text}\` was added after the build to drop development dependencies before the application is copied`);
  const finalWorkdir = stage.runtime.workdir.known ? stage.runtime.workdir.value?.value : undefined;
  if (!stage.runtime.workdir.known) todos.push(l10n.t`the working directory comes from ${stage.base.text}; set WORKDIR in the final stage if the application needs it`);

  const finalDirectory = finalWorkdir === '/' ? undefined : finalWorkdir;
  for (const { instruction } of carry.carried) disposition.set(instruction.index, 'copied');
  if (carry.carried.length > 0) notes.push(l10n.t`repeated in the final stage because the original image got them after the build: ${carry.carried.map((c) => `${c.instruction.keyword} (line ${c.instruction.range.start.line + 1})`).join(', ')}`);
  for (const { line, by } of carry.covered) notes.push(l10n.t`what line ${line} copies comes with ${by} from the build stage`);
  todos.push(...carry.todos);

  const buildStageName = stage.nameToken?.value ?? options.stageName;
  if (analysis.toolchain.id === 'go' && analysis.cgo.needed) notes.push(l10n.t`cgo stays enabled: ${analysis.cgo.reason}`);
  return {
    analysis,
    buildStageName,
    nameBuildStage: stage.nameToken === undefined,
    runtime,
    artifacts,
    moved,
    copiedEnv,
    buildEdits,
    addedBuildLine,
    finalWorkdir: finalDirectory,
    finalUser,
    carried: carry.carried,
    needsReview: todos.length > 0,
    notes,
    todos,
    disposition,
  };
}
