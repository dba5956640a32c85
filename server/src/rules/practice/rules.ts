import { l10n } from '../../locale/l10n';
import { writesAfterVolume } from '../../model/volumes';
import { analyze, commandsOf } from '../../multistage/analysis';
import { dockerIgnoreFor } from '../../buildContext/dockerignore';
import type { Token } from '../../model';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';
import { objectCache } from '../../model/objectCache';

/** Dependency installs that only need the manifest, so copying everything first defeats the layer cache. */
const DEPENDENCY_INSTALL: readonly RegExp[] = [
  /^(npm (ci|install|i)|yarn( install)?|pnpm (install|i))$/,
  /^pip3? install .*-r /, /^go mod download$/, /^bundle install$/, /^composer install$/, /^(mvn|\.\/mvnw) .*dependency:(go-offline|resolve)/,
  /^cargo fetch$/, /^dotnet restore$/,
];

export const copyAllBeforeInstall: Rule = {
  id: 'CopyAllBeforeInstall',
  defaultSeverity: 'info',
  perStage: true,
  quotesLines: true,
  get summary() { return l10n.t('`COPY . .` before installing dependencies re-installs them on every source change.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      let copyAll: (typeof stage.instructions)[number] | undefined;
      for (const instruction of stage.instructions) {
        if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && !instruction.flags.some((f) => f.name === 'from')
          && instruction.args.length === 2 && ['.', './'].includes(instruction.args[0]?.value ?? '')) {
          copyAll ??= instruction;
          continue;
        }
        if (copyAll === undefined || instruction.keyword !== 'RUN') continue;
        const install = commandsOf(instruction).map((c) => c.words.join(' ')).find((line) => DEPENDENCY_INSTALL.some((re) => re.test(line)));
        if (install === undefined) continue;
        found.push({
          range: copyAll.range,
          message: l10n.t`\`${copyAll.keywordText} . .\` comes before \`${install}\` (line ${instruction.range.start.line + 1}): any source change invalidates the cache and re-installs every dependency. Copy the manifest (package.json and its lock file, go.mod/go.sum, requirements.txt, ...) first, install, then copy the rest.`,
        });
        break;
      }
    }
    return found;
  },
};

const SECRET_FILES = /(^|\/)(id_rsa|id_dsa|id_ecdsa|id_ed25519|\.env(\.[\w-]+)?|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials(\.json)?|.*\.(pem|key|p12|pfx|jks|keystore))$/i;
const EXAMPLE_FILES = /\.(example|sample|template|dist)$|\.env\.(example|sample|template)$/i;
/** Keys and certificates that are meant to be public: repository signing keys, CA bundles. */
const PUBLIC_HINT = /gpg|pub|public|release|signing|\.asc$|ca-?cert|ca-bundle|\.crt$|cert\.pem$|chain\.pem$/i;

export const secretFileCopied: Rule = {
  id: 'SecretFileCopied',
  defaultSeverity: 'warning',
  get summary() { return l10n.t('A private key, .env or credentials file is copied into the image.'); },
  check(model, context) {
    const found: Finding[] = [];
    const ignore = dockerIgnoreFor(model.uri, context.buildContext);
    for (const instruction of model.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.some((f) => f.name === 'from')) continue;
      const { secrets, contextRoots } = sourcesOf(instruction.args);
      // Most COPYs have neither: no loops over empty lists (this rule reads every COPY of the file per keystroke).
      if (secrets.length === 0 && contextRoots.length === 0) continue;
      for (const source of secrets) {
        found.push({ range: source.range, message: l10n.t`\`${source.value}\` looks like a secret and ends up in an image layer anyone with the image can read, even if a later step deletes it. Mount it for the step that needs it: \`RUN --mount=type=secret,id=...\`.` });
      }
      if (contextRoots.length === 0 || context.buildContext === undefined) continue;
      const leaked = ['.env', 'id_rsa', '.npmrc', '.git-credentials'].find((f) => context.buildContext?.exists(f) && ignore?.excludedBy(f) === undefined);
      if (leaked === undefined) continue;
      for (const source of contextRoots) {
        found.push({ range: source.range, message: l10n.t`\`${instruction.keywordText} .\` copies \`${leaked}\` from the build context into the image: add it to .dockerignore.` });
      }
    }
    return found;
  },
};

/**
 * A COPY/ADD's sources that look like secrets, and its `.` sources, by argument list: the list is shared by the
 * instruction's copies that are only renumbered, so this whole-file rule (it reads the build context) does not
 * re-test every source of the file on every keystroke.
 */
const sourcesByArgs = objectCache<readonly Token[], { readonly secrets: readonly Token[]; readonly contextRoots: readonly Token[] }>('copied sources');
function sourcesOf(args: readonly Token[]): { readonly secrets: readonly Token[]; readonly contextRoots: readonly Token[] } {
  const known = sourcesByArgs.get(args);
  if (known !== undefined) return known;
  const destination = args.at(-1)?.value ?? '';
  const secrets: Token[] = [];
  const contextRoots: Token[] = [];
  for (const source of args.slice(0, -1)) {
    const value = source.value;
    if (/^[a-z]+:\/\//i.test(value)) continue;
    const publicKey = /\.(pem|key)$/i.test(value) && (PUBLIC_HINT.test(value) || PUBLIC_HINT.test(destination));
    if (SECRET_FILES.test(value) && !EXAMPLE_FILES.test(value) && !publicKey) secrets.push(source);
    else if (value === '.' || value === './') contextRoots.push(source);
  }
  const sources = { secrets, contextRoots };
  sourcesByArgs.set(args, sources);
  return sources;
}

export const packageUpgradeInImage: Rule = {
  id: 'PackageUpgradeInImage',
  local: true,
  defaultSeverity: 'info',
  get summary() { return l10n.t('`apt-get upgrade` / `apk upgrade` in a build makes it unreproducible; update the base image instead.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      const upgrade = commandsOf(instruction).find(({ words: w }) => (/^(apt-get|apt)$/.test(w[0] ?? '') && /^(upgrade|dist-upgrade|full-upgrade)$/.test(w.find((x) => !x.startsWith('-') && x !== w[0]) ?? ''))
        || (w[0] === 'apk' && w.includes('upgrade')) || (/^(yum|dnf)$/.test(w[0] ?? '') && (w.includes('upgrade') || (w.includes('update') && w.filter((x) => !x.startsWith('-')).length === 2))))?.words;
      if (upgrade === undefined) continue;
      found.push({
        range: instruction.range,
        message: l10n.t`\`${upgrade.join(' ')}\` upgrades whatever is newest on the day of the build: two builds of the same Dockerfile differ, and the base image's maintainers already ship security updates. Use a newer base image tag instead, or pin the packages that need a fix.`,
      });
    }
    return found;
  },
};

export const remoteAddWithoutChecksum: Rule = {
  id: 'RemoteAddWithoutChecksum',
  local: true,
  defaultSeverity: 'warning',
  get summary() { return l10n.t('`ADD https://...` without `--checksum` trusts whatever the server returns.'); },
  check(model) {
    const found: Finding[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD' || instruction.flags.some((f) => f.name === 'checksum')) continue;
      const remote = instruction.args.slice(0, -1).find((a) => /^https?:\/\//i.test(a.value) && !/\.git(#|$)/.test(a.value));
      if (remote === undefined) continue;
      found.push({
        range: remote.range,
        message: l10n.t('ADD of a remote URL without `--checksum=sha256:...`: a changed or compromised download goes into the image unnoticed. Add the checksum (`ADD --checksum=sha256:<hex> <url> <dest>`).'),
      });
    }
    return found;
  },
};

export const volumeChangesDiscarded: Rule = {
  id: 'VolumeChangesDiscarded',
  defaultSeverity: 'warning',
  perStage: true,
  quotesLines: true,
  get summary() { return l10n.t('Build steps after a VOLUME that change files under its path are discarded.'); },
  check(model, context) {
    const found: Finding[] = [];
    for (const stage of stagesToCheck(model, context)) {
      for (const volume of stage.runtime.volumes) {
        if (volume.instruction === undefined || volume.stageIndex !== stage.index) continue;
        for (const write of writesAfterVolume(model, volume.instruction, volume.value)) {
          found.push({
            range: write.range,
            message: l10n.t`This ${write.keyword} changes ${volume.value}, which VOLUME on line ${volume.instruction.range.start.line + 1} declared: the change is discarded. Move it above the VOLUME.`,
          });
        }
      }
    }
    return found;
  },
};

export const toolchainInFinalStage: Rule = {
  id: 'ToolchainInFinalStage',
  defaultSeverity: 'info',
  get summary() { return l10n.t('The image ships its build toolchain: a multi-stage build would leave it behind.'); },
  check(model) {
    const found: Finding[] = [];
    const analysis = analyze(model);
    if (!analysis.ok) return found;
    const { stage, toolchain } = analysis.analysis;
    // node:20-slim or python:3.12-alpine already are runtime images: converting saves only dev dependencies.
    if (!toolchain.nativeBinary && toolchain.id !== 'java' && toolchain.id !== 'dotnet' && /slim|alpine/.test(stage.baseImage?.tag ?? '')) return found;
    found.push({
      range: stage.baseRange ?? stage.from.range,
      message: l10n.t`This image builds with the ${toolchain.label} toolchain and ships it too (compilers, headers, caches). "Convert to multi-stage build" (Ctrl+. here, or \`stagecraft convert\`) keeps only what the application needs at run time.`,
    });
    return found;
  },
};
