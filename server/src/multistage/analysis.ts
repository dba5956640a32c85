import { l10n } from '../locale/l10n';
import type { DockerfileModel, InstructionModel, StageModel } from '../model';
import { imageShortName } from '../model';
import type { SimpleCommand } from '../shell/commands';
import { simpleCommands } from '../shell/commands';
import type { Toolchain } from './toolchains';
import { TOOLCHAINS, installedPackages } from './toolchains';
import { objectCache } from '../model/objectCache';

export interface BuildStep {
  readonly instruction: InstructionModel;
  readonly command: SimpleCommand;
}

export interface Analysis {
  readonly stage: StageModel;
  readonly toolchain: Toolchain;
  /** How the toolchain was recognised, for the decision comment. */
  readonly toolchainSource: string;
  readonly buildSteps: readonly BuildStep[];
  /** Index (in the model) of the last instruction that builds. */
  readonly lastBuildIndex: number;
  /** For Go: whether cgo is (or may be) needed, and why. */
  readonly cgo: { readonly needed: boolean; readonly reason: string };
}

export type AnalysisResult = { readonly ok: true; readonly analysis: Analysis } | { readonly ok: false; readonly reason: string };

const commandsByInstruction = objectCache<InstructionModel, SimpleCommand[]>('simple commands');

/** Not frozen, like the model's shared empty lists: a frozen array has another map in the rules' loops. */
const NO_COMMANDS: readonly SimpleCommand[] = [];

/** The simple commands of a RUN, whether shell form, exec form or heredoc; split once per instruction (twenty rules ask). */
export function commandsOf(instruction: InstructionModel): readonly SimpleCommand[] {
  // Rules ask about every instruction: the others get one shared empty list and no cache entry.
  if (instruction.keyword !== 'RUN') return NO_COMMANDS;
  let commands = commandsByInstruction.get(instruction);
  if (commands === undefined) commandsByInstruction.set(instruction, (commands = splitCommands(instruction)));
  return commands;
}

function splitCommands(instruction: InstructionModel): SimpleCommand[] {
  if (instruction.keyword !== 'RUN' || instruction.command === undefined) return [];
  if (instruction.command.form === 'exec') {
    const argv = instruction.command.argv;
    const shellIndex = argv.findIndex((a) => a === '-c');
    return shellIndex >= 0 ? simpleCommands(argv[shellIndex + 1] ?? '') : [{ assignments: [], words: argv }];
  }
  return simpleCommands(instruction.command.script.replace(/^\s*\d*<<-?["']?\w+["']?\s*/, ''));
}

function packagesInstalled(stage: StageModel): string[] {
  return stage.instructions.flatMap((i) => commandsOf(i).flatMap(installedPackages));
}

/** Decides whether the single-stage Dockerfile builds with a known toolchain, and where. */
export function analyze(model: DockerfileModel): AnalysisResult {
  if (model.stages.length === 0) return { ok: false, reason: l10n.t('there is no FROM') };
  if (model.stages.length > 1) return { ok: false, reason: l10n.t`it is already a multi-stage build (${model.stages.length} stages)` };
  const stage = model.stages[0] as StageModel;
  if (stage.baseImage === undefined || stage.baseImage.isScratch) return { ok: false, reason: l10n.t('it starts FROM scratch: there is no toolchain to leave behind') };
  const repository = stage.baseImage.repository.toLowerCase();
  const packages = packagesInstalled(stage);
  const shortName = imageShortName(stage.baseImage);
  let toolchain = TOOLCHAINS.find((t) => t.images.test(repository) || t.images.test(shortName));
  let toolchainSource = toolchain ? l10n.t`the base image ${stage.base.text}` : '';
  const buildStepsOf = (candidate: Toolchain): BuildStep[] => stage.instructions.flatMap((instruction) =>
    commandsOf(instruction).filter((command) => candidate.isBuild(command)).map((command) => ({ instruction, command })));
  if (toolchain === undefined) {
    for (const candidate of TOOLCHAINS) {
      const installed = packages.find((p) => candidate.packages.test(p));
      if (installed !== undefined && buildStepsOf(candidate).length > 0) {
        toolchain = candidate;
        toolchainSource = l10n.t`\`${installed}\` installed on ${stage.base.text}`;
        break;
      }
    }
  }
  if (toolchain === undefined) {
    return { ok: false, reason: l10n.t`no known build toolchain: ${stage.base.text} is not a Go, Node.js, Rust, C/C++, Java, Python or .NET build image, and no RUN installs one and builds with it` };
  }
  const buildSteps = buildStepsOf(toolchain);
  if (buildSteps.length === 0) {
    return { ok: false, reason: l10n.t`nothing is built: no RUN compiles or packages the ${toolchain.label} application, so a second stage has nothing to copy` };
  }
  const lastBuildIndex = Math.max(...buildSteps.map((s) => s.instruction.index));
  const unsafe = cleansUpOrInstallsEverywhere(buildSteps);
  if (unsafe !== undefined) return { ok: false, reason: unsafe };
  return { ok: true, analysis: { stage, toolchain, toolchainSource, buildSteps, lastBuildIndex, cgo: cgoNeed(stage, packages, buildSteps) } };
}

/**
 * Official images build from source, install into many places (`make install`) and remove their compilers in the
 * same RUN (`apk del .build-deps`, `apt-get purge`): their image is already without its toolchain, and what the
 * build put where cannot be listed safely for a COPY --from. Converting would gain little and could lose files.
 */
function cleansUpOrInstallsEverywhere(steps: readonly BuildStep[]): string | undefined {
  for (const instruction of new Set(steps.map((s) => s.instruction))) {
    const line = instruction.range.start.line + 1;
    for (const { words } of commandsOf(instruction)) {
      const [tool = '', verb = ''] = words;
      const removes = (tool === 'apk' && verb === 'del') || (/^apt(-get)?$/.test(tool) && /^(purge|remove|autoremove)$/.test(verb)) || (/^(yum|dnf|microdnf)$/.test(tool) && /^(remove|erase|autoremove)$/.test(verb));
      if (removes) {
        return l10n.t`the RUN on line ${line} already removes the build tools it used (\`${words.slice(0, 3).join(' ')}\`), so the image carries little toolchain to leave behind, and what that step installed (binaries, libraries, users) cannot be carried to another stage safely`;
      }
      if (tool === 'make' && words.includes('install')) {
        return l10n.t`the RUN on line ${line} runs \`make install\`, which puts files in places that cannot be listed for a COPY --from (binaries, libraries, configuration): a final stage could miss some of them. Copy the installed files yourself if the image ships its compilers`;
      }
    }
  }
  return undefined;
}

function cgoNeed(stage: StageModel, packages: readonly string[], steps: readonly BuildStep[]): { needed: boolean; reason: string } {
  const env = stage.variables.find((v) => v.name === 'CGO_ENABLED');
  if (env !== undefined) return { needed: env.value === '1', reason: l10n.t`CGO_ENABLED=${env.value ?? '?'} is set on line ${(env.nameRange?.start.line ?? 0) + 1}` };
  const assigned = steps.flatMap((s) => s.command.assignments).find((a) => a.startsWith('CGO_ENABLED='));
  if (assigned !== undefined) return { needed: assigned === 'CGO_ENABLED=1', reason: l10n.t`the build sets ${assigned}` };
  const cTools = packages.find((p) => /^(gcc|g\+\+|build-essential|build-base|musl-dev|libc6?-dev|.*-dev)$/.test(p));
  if (cTools !== undefined) return { needed: true, reason: l10n.t`\`${cTools}\` is installed, so the code may use cgo` };
  return { needed: false, reason: l10n.t('no C toolchain or CGO_ENABLED setting, so cgo is not needed') };
}
