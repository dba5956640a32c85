import { l10n } from '../../locale/l10n';
import type { DockerfileModel, InstructionModel } from '../../model';
import { commandsOf } from '../../multistage/analysis';
import type { SimpleCommand } from '../../shell/commands';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';
import { objectCache } from '../../model/objectCache';

/** A command of a RUN, with the other commands of that RUN. */
interface RunCommand {
  readonly instruction: InstructionModel;
  readonly command: SimpleCommand;
  readonly all: readonly SimpleCommand[];
}

/** By the instruction list asked about: the twenty rules of this family share one walk of it. */
const commandsByProgramOf = objectCache<readonly InstructionModel[], ReadonlyMap<string, readonly RunCommand[]>>('commands by program');

/**
 * The commands of every RUN by the program they run (`/usr/bin/apt-get` under `apt-get`), in file order, split
 * by the shell command splitter (not a regex over the line). Each rule of this family judges one program's
 * commands, so it reads only those: asking all twenty rules about every command was a tenth of opening a
 * large file.
 */
function commandsByProgram(model: DockerfileModel): ReadonlyMap<string, readonly RunCommand[]> {
  let index = commandsByProgramOf.get(model.instructions);
  if (index === undefined) {
    const byProgram = new Map<string, RunCommand[]>();
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const all = commandsOf(instruction);
      for (const command of all) {
        const program = tool(command);
        const list = byProgram.get(program);
        if (list === undefined) byProgram.set(program, [{ instruction, command, all }]);
        else list.push({ instruction, command, all });
      }
    }
    commandsByProgramOf.set(model.instructions, (index = byProgram));
  }
  return index;
}

const tool = (c: SimpleCommand): string => {
  const word = c.words[0] ?? '';
  const slash = word.lastIndexOf('/');
  return slash < 0 ? word : word.slice(slash + 1);
};
const sub = (c: SimpleCommand): string => {
  for (let i = 1; i < c.words.length; i++) {
    const word = c.words[i] ?? '';
    if (!word.startsWith('-')) return word;
  }
  return '';
};
/** `-y`, `--yes`, `--assume-yes`, or `-y` combined with other short flags (`-qy`). */
const hasYes = (c: SimpleCommand): boolean => c.words.some((w) => w === '--yes' || w === '--assume-yes' || /^-[a-zA-Z]*y[a-zA-Z]*$/.test(w));
const packagesOf = (c: SimpleCommand): string[] => c.words.slice(c.words.indexOf(sub(c)) + 1).filter((w) => !w.startsWith('-') && !w.includes('$'));

/**
 * A rule about the commands that run one of `programs`. `summary` is called when read, so it is in the language
 * configured by then, not at module load.
 */
function rule(id: string, severity: Rule['defaultSeverity'], summary: () => string, programs: readonly string[], find: (command: SimpleCommand, all: readonly SimpleCommand[], instruction: InstructionModel) => string | undefined): Rule {
  return {
    id,
    defaultSeverity: severity,
    get summary() { return summary(); },
    local: true,
    check(model) {
      const index = commandsByProgram(model);
      const candidates = programs.flatMap((program) => index.get(program) ?? []);
      // In file order with several programs (pip and pip3), so one RUN's first finding is the one reported.
      if (programs.length > 1) candidates.sort((a, b) => a.instruction.index - b.instruction.index || a.all.indexOf(a.command) - b.all.indexOf(b.command));
      const found: Finding[] = [];
      let reported: InstructionModel | undefined;
      for (const { instruction, command, all } of candidates) {
        if (instruction === reported) continue; // one report per RUN and rule
        const message = find(command, all, instruction);
        if (message === undefined) continue;
        found.push({ range: instruction.command?.range ?? instruction.range, message });
        reported = instruction;
      }
      return found;
    },
  };
}

export const dl3003 = rule('DL3003', 'warning', () => l10n.t('Use WORKDIR to switch to a directory, not `cd`.'), ['cd'], (c, all) =>
  all.indexOf(c) < all.length - 1 ? l10n.t('`cd` in RUN changes the directory for this command only and hides where files go: use WORKDIR.') : undefined);

export const dl3004 = rule('DL3004', 'warning', () => l10n.t('Do not use sudo: RUN already runs as the current USER (root by default).'), ['sudo'], () =>
  l10n.t('`sudo` in a Dockerfile: RUN runs as the current USER, root unless changed. Switch with USER instead; sudo also needs a TTY and a sudoers entry.'));

export const dl3008 = rule('DL3008', 'info', () => l10n.t('Pin versions in apt-get install.'), ['apt-get'], (c) => {
  if (sub(c) !== 'install') return undefined;
  const unpinned = packagesOf(c).filter((p) => !p.includes('=') && !p.endsWith('.deb'));
  return unpinned.length > 0 ? l10n.t`Pin versions in apt-get install (\`${unpinned[0] ?? ''}=<version>\`), or builds will differ from day to day.` : undefined;
});

export const dl3009 = rule('DL3009', 'info', () => l10n.t('Delete the apt lists after installing.'), ['apt-get'], (c, all, instruction) => {
  if (sub(c) !== 'install') return undefined;
  const cacheMount = instruction.flags.some((f) => f.name === 'mount' && f.options.some((o) => /^\/var\/(lib|cache)\/apt/.test(o.value ?? '')));
  const cleans = all.some((x) => tool(x) === 'rm' && x.words.some((w) => w.startsWith('/var/lib/apt/lists')));
  return cacheMount || cleans ? undefined : l10n.t('The apt lists stay in this layer (tens of MB): end the RUN with `&& rm -rf /var/lib/apt/lists/*`, or use a cache mount.');
});

export const dl3014 = rule('DL3014', 'warning', () => l10n.t('apt-get install needs -y in a build.'), ['apt-get'], (c) =>
  sub(c) === 'install' && !hasYes(c) ? l10n.t('`apt-get install` without `-y` asks for confirmation, which a build cannot give: it aborts.') : undefined);

export const dl3015 = rule('DL3015', 'info', () => l10n.t('Avoid additional packages with --no-install-recommends.'), ['apt-get'], (c) =>
  sub(c) === 'install' && !c.words.includes('--no-install-recommends') && !c.words.some((w) => w.includes('Install-Recommends'))
    ? l10n.t('`apt-get install` also installs recommended packages: add `--no-install-recommends` to keep the image small.') : undefined);

export const dl3018 = rule('DL3018', 'info', () => l10n.t('Pin versions in apk add.'), ['apk'], (c) => {
  if (sub(c) !== 'add') return undefined;
  const unpinned = packagesOf(c).filter((p) => !/[=<>~]/.test(p));
  return unpinned.length > 0 ? l10n.t`Pin versions in apk add (\`${unpinned[0] ?? ''}=<version>\`).` : undefined;
});

export const dl3019 = rule('DL3019', 'info', () => l10n.t('Use apk add --no-cache.'), ['apk'], (c, _all, instruction) =>
  sub(c) === 'add' && !c.words.includes('--no-cache') && !instruction.flags.some((f) => f.name === 'mount' && f.options.some((o) => /\/var\/cache\/apk/.test(o.value ?? '')))
    ? l10n.t('`apk add` without `--no-cache` leaves the package index in the layer.') : undefined);

export const dl3027 = rule('DL3027', 'warning', () => l10n.t('Use apt-get or apt-cache, not apt, in scripts.'), ['apt'], (c) =>
  ['install', 'update', 'upgrade', 'remove', 'purge'].includes(sub(c)) ? l10n.t('`apt` is meant for people, its output and behaviour are not stable for scripts: use `apt-get`.') : undefined);

export const dl3042 = rule('DL3042', 'info', () => l10n.t('Use pip install --no-cache-dir.'), ['pip', 'pip3'], (c, _all, instruction) =>
  sub(c) === 'install' && !c.words.includes('--no-cache-dir') && !instruction.flags.some((f) => f.name === 'mount')
    ? l10n.t('`pip install` keeps its download cache in the layer: add `--no-cache-dir` (or use a cache mount).') : undefined);

/** A shell whose argv sets pipefail, or one this rule does not speak for (PowerShell, cmd): nothing to report. */
const shellCoversPipes = (argv: readonly string[]): boolean => argv.some((word) => /pipefail/.test(word)) || !/(^|\/)(ba|da|z|k|a)?sh$/.test(argv[0] ?? '');

/**
 * Per stage, not per instruction: a `SHELL [..., "-o", "pipefail", ...]` earlier in the stage, or in the stage it
 * is built FROM, covers every later RUN, as hadolint and the builder see it.
 */
export const dl4006: Rule = {
  id: 'DL4006',
  defaultSeverity: 'warning',
  perStage: true,
  get summary() { return l10n.t('Set `-o pipefail` before RUN commands with a pipe.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      const inherited = stage.parentStageIndex === undefined ? undefined : model.stages[stage.parentStageIndex]?.runtime.shell;
      let covered = inherited?.known === true && shellCoversPipes(inherited.value.value);
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'SHELL' && instruction.command?.form === 'exec' && instruction.command.argv.length > 0) covered = shellCoversPipes(instruction.command.argv);
        if (covered || instruction.keyword !== 'RUN' || instruction.command?.form !== 'shell' || !instruction.argumentsText.includes('|')) continue;
        if (/pipefail/.test(instruction.argumentsText) || !commandsOf(instruction).some((c) => c.followedBy === '|')) continue;
        found.push({
          range: instruction.command.range ?? instruction.range,
          message: l10n.t('A pipe hides the failure of every command but the last (`curl ... | tar x` succeeds even if curl fails): set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` first, or use `set -o pipefail &&`.'),
        });
      }
    }
    return found;
  },
};

const unpinned = (packages: readonly string[], pinned: RegExp): string | undefined => packages.find((p) => !pinned.test(p) && !p.startsWith('.') && !p.startsWith('/') && !p.includes('://'));

export const dl3013 = rule('DL3013', 'info', () => l10n.t('Pin versions in pip install.'), ['pip', 'pip3'], (c) => {
  if (sub(c) !== 'install' || c.words.includes('-r') || c.words.includes('--requirement')) return undefined;
  const found = unpinned(packagesOf(c), /[=<>~!]=?|\.whl$|\.tar\.gz$/);
  return found ? l10n.t`Pin versions in pip install (\`${found}==<version>\`), or use a requirements file with pins.` : undefined;
});

export const dl3016 = rule('DL3016', 'info', () => l10n.t('Pin versions in npm install.'), ['npm'], (c) => {
  if (!['install', 'i', 'add'].includes(sub(c))) return undefined;
  const found = unpinned(packagesOf(c), /@[\d^~]|#|\.tgz$/);
  return found ? l10n.t`Pin versions in npm install (\`${found}@<version>\`).` : undefined;
});

export const dl3028 = rule('DL3028', 'info', () => l10n.t('Pin versions in gem install.'), ['gem'], (c) => {
  if (sub(c) !== 'install' || c.words.some((w) => w === '-v' || w.startsWith('--version'))) return undefined;
  const found = packagesOf(c).find((p) => !p.includes(':'));
  return found ? l10n.t`Pin versions in gem install (\`${found}:<version>\` or \`-v <version>\`).` : undefined;
});

export const dl3062 = rule('DL3062', 'info', () => l10n.t('Pin versions in go install.'), ['go'], (c) => {
  if (sub(c) !== 'install') return undefined;
  const found = packagesOf(c).find((p) => p.includes('/') && !p.startsWith('.') && !/@(v?\d|[0-9a-f]{7,})/.test(p));
  return found ? l10n.t`Pin the version in go install (\`${found.replace(/@latest$/, '')}@v1.2.3\`).` : undefined;
});

const yesFlag = (manager: string, flags: RegExp, id: string): Rule => rule(id, 'warning', () => l10n.t`${manager} install needs a non-interactive flag.`, [manager], (c) =>
  ['install', 'in', 'groupinstall', 'localinstall'].includes(sub(c)) && !c.words.some((w) => flags.test(w))
    ? l10n.t`\`${manager} install\` without ${manager === 'zypper' ? '`-n`' : '`-y`'} waits for a confirmation a build cannot give.` : undefined);

export const dl3030 = yesFlag('yum', /^(-y|--assumeyes|-[a-zA-Z]*y[a-zA-Z]*)$/, 'DL3030');
export const dl3034 = rule('DL3034', 'warning', () => l10n.t('zypper install needs -n / --non-interactive.'), ['zypper'], (c) =>
  ['install', 'in'].includes(sub(c)) && !c.words.some((w) => /^(-n|--non-interactive|-y|--no-confirm)$/.test(w))
    ? l10n.t('`zypper install` without `--non-interactive` waits for a confirmation a build cannot give.') : undefined);
export const dl3038 = yesFlag('dnf', /^(-y|--assumeyes|-[a-zA-Z]*y[a-zA-Z]*)$/, 'DL3038');

export const dl3047 = rule('DL3047', 'info', () => l10n.t('Use wget with --progress to keep the build log readable.'), ['wget'], (c) =>
  !c.words.some((w) => /^(--progress|-q|--quiet|-nv|--no-verbose|-qO.*|-O-?q?)/.test(w))
    ? l10n.t('`wget` without `--progress=dot:giga` (or `-q`) floods the build log with a progress bar.') : undefined);

export const dl3060 = rule('DL3060', 'info', () => l10n.t('`yarn cache clean` after `yarn install`.'), ['yarn'], (c, all, instruction) =>
  (sub(c) === 'install' || sub(c) === '') && !all.some((x) => tool(x) === 'yarn' && x.words.includes('cache') && x.words.includes('clean'))
    && !instruction.flags.some((f) => f.name === 'mount')
    ? l10n.t('yarn\'s cache stays in the layer: end the RUN with `&& yarn cache clean`, or use a cache mount.') : undefined);

export const dl4005 = rule('DL4005', 'warning', () => l10n.t('Use SHELL to change the default shell.'), ['ln'], (c) =>
  c.words.includes('/bin/sh') ? l10n.t('Replacing /bin/sh with a link changes the shell for everything in the image: use the SHELL instruction for the build instead.') : undefined);
