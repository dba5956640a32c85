import '../helpers/useBuildkitEngine';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ImageConfigReader } from '../../common/src/engine/imageConfigs';
import { externalBaseImages } from '../../server/src/cli/lint';
import { buildModel } from '../../server/src/model';
import { docker, dockerEngineConfig, dockerEnv, ensureEngine, requireEngineInCi } from '../helpers/engine';
import { buildkitCheck, buildkitCheckAvailable, buildkitChecks, withBuiltinFrontend, withoutDigests } from '../helpers/buildkitCheck';
import type { BuildkitCheckResult } from '../helpers/buildkitCheck';
import { CORPUS, CORPUS_DOCKERFILES, DIST } from '../helpers/paths';
import { tempDir } from '../helpers/tempDir';
import { lines } from '../helpers/model';
import { compareWithBuildkit } from './buildkitParity';
import type { FileParity } from './buildkitParity';

/**
 * `docker build --check` (BuildKit 0.2x in Docker 28.5, via buildx) against Stagecraft, instruction for
 * instruction: every finding under a BuildKit check name must be one BuildKit makes, and the reverse; a file
 * BuildKit refuses must get an error from Stagecraft on that instruction (or, when only the ARGs' defaults make
 * the base name invalid, InvalidDefaultArgInFrom there); a file BuildKit accepts gets no error.
 */

let reader: ImageConfigReader | undefined;

async function compare(file: string, text: string, checked?: BuildkitCheckResult): Promise<FileParity> {
  const buildkit = checked ?? buildkitCheck(text);
  reader ??= new ImageConfigReader(dockerEngineConfig());
  const configs = await reader.read(externalBaseImages(buildModel({ uri: file, version: 0, text })));
  return compareWithBuildkit(file, text, buildkit, (image) => configs.get(image)?.env);
}

/**
 * A Windows image's `WORKDIR C:\x` is absolute to the Windows builder that builds it; BuildKit on Linux, which
 * cannot build that image, calls it relative. Stagecraft decides by the platform the stage targets.
 */
function explainedByPlatform(text: string, key: string): boolean {
  if (!key.startsWith('WorkdirRelativePath@')) return false;
  const model = buildModel({ uri: 'Dockerfile', version: 0, text });
  return model.stageAt(Number(key.slice(key.indexOf('@') + 1)) - 1)?.runtime.isWindows === true;
}

function assertAgrees(result: FileParity, text: string): void {
  const model = buildModel({ uri: result.file, version: 0, text });
  if (result.buildkitError === undefined) {
    assert.deepEqual(result.missed.filter((key) => !explainedByPlatform(text, key)), [], `BuildKit reports what Stagecraft does not`);
    assert.deepEqual(result.extra, [], `Stagecraft reports under BuildKit's names what BuildKit does not`);
    assert.deepEqual(result.stagecraftErrors, [], 'BuildKit accepts the file; Stagecraft must not call it an error');
    return;
  }
  const { message, line } = result.buildkitError;
  const from = line > 0 ? model.instructionAt(line - 1) : undefined;
  const stage = from?.keyword === 'FROM' ? model.stageAt(from.range.start.line) : undefined;
  if (stage?.baseText.includes('$') === true) {
    // Only the ARGs' defaults make the name blank or invalid: a build with --build-arg may pass.
    assert.ok(result.stagecraftErrors.length === 0, `no error where a build arg can fix it, got ${result.stagecraftErrors.join(' ')}`);
    const problems = compareWithBuildkit(result.file, text, { warnings: [], error: undefined });
    assert.ok(problems.extra.includes(`InvalidDefaultArgInFrom@${line}`), `BuildKit refuses with the ARGs' defaults (${message}); Stagecraft must warn with InvalidDefaultArgInFrom on line ${line}`);
    return;
  }
  const failedWord = /^failed to process ".*": (\w+): /.exec(message)?.[1];
  if (failedWord !== undefined && model.lookupVariable(failedWord, from?.index ?? -1)?.overridable === true) {
    // `${NAME?…}` on an ARG: `--build-arg NAME=…` makes the build pass, so a warning, like InvalidDefaultArgInFrom.
    assert.ok(result.stagecraftErrors.length === 0, `no error where a build arg can fix it, got ${result.stagecraftErrors.join(' ')}`);
    assert.ok(result.findings.includes(`RequiredBuildArg@${line}`), `BuildKit refuses without --build-arg ${failedWord} (${message}); Stagecraft must warn with RequiredBuildArg on line ${line}, got: ${result.findings.join(' ')}`);
    return;
  }
  const at = line > 0 ? `@${line}` : '';
  assert.ok(result.stagecraftErrors.some((e) => e.endsWith(at)), `BuildKit refuses the file (${message}); Stagecraft must report an error${line > 0 ? ` on line ${line}` : ''}, got: ${result.stagecraftErrors.join(' ') || 'none'}`);
}

/** Cases written from BuildKit's check pages and this issue's classes of difference, both ways. */
const CASES: readonly { name: string; text: string }[] = [
  { name: 'check directive: experimental turns a check on, even under skip=all', text: lines('# check=skip=all;experimental=InvalidDefinitionDescription', '', '# bad', 'FROM scratch AS foo', 'CMD ls') },
  { name: 'check directive: error=1 and experimental=all', text: lines('# check=error=1;experimental=all', '', '# foo builds', 'FROM scratch AS foo') },
  { name: 'check directive: an invalid key fails the build', text: lines('# check=SKIP=all', 'FROM scratch') },
  { name: 'check directive: a final ; fails the build', text: lines('# check=skip=JSONArgsRecommended;', 'FROM scratch') },
  { name: 'check directive: error=yes fails the build', text: lines('# check=error=yes', 'FROM scratch') },
  { name: 'variables: ${X-d} and ${X+a} without a colon, each name once per instruction', text: lines('FROM scratch', 'ENV A=${X1:-d} B=${X2-d} C=${X3:+a} D=${X4+a} E=$X2', 'COPY --chown=$U:$U a /b') },
  { name: 'variables: PATH is always defined, a later ARG is not', text: lines('FROM scratch', 'ENV A=$PATH B=$HOME C=$TARGETARCH', 'ENV X=$LATER', 'ARG LATER=1') },
  { name: 'variables: unquoted COPY heredoc bodies are expanded and checked, quoted ones and RUN bodies are not', text: lines('FROM scratch', 'COPY <<EOF /x', '$NOPE $(date)', 'EOF', 'COPY <<"EOF" /y', '$NOPE2', 'EOF', 'RUN <<EOF', '$NOPE3', 'EOF') },
  { name: 'FROM with quotes around the tag', text: lines('ARG TAG=3.20', 'FROM alpine:"${TAG}" AS base', 'RUN true') },
  { name: 'secrets: BuildKit allows only PUBLIC', text: lines('FROM scratch', 'ARG GPG_KEY', 'ENV KEY_FILE=/run/k DB_PASSWORD_PATH=/run/p MY_PUBLIC_KEY=x', 'ARG sa_password') },
  { name: 'JSONArgsRecommended on the effective shell-form ENTRYPOINT too', text: lines('FROM scratch', 'CMD ./serve', 'ENTRYPOINT ./app') },
  { name: 'a custom SHELL silences JSONArgsRecommended', text: lines('FROM scratch', 'SHELL ["/bin/bash", "-c"]', 'CMD ./serve') },
  { name: 'NoEmptyContinuation once per instruction', text: lines('FROM scratch', 'RUN a \\', '', '  b \\', '', '  c', 'RUN x \\', '  y') },
  { name: 'WorkdirRelativePath before and after an absolute WORKDIR', text: lines('FROM scratch', 'WORKDIR src', 'WORKDIR /app', 'WORKDIR sub') },
  { name: 'an upper-case repository fails the build', text: lines('FROM REPLACE-ME') },
  { name: 'COPY --from with a variable fails the build', text: lines('FROM scratch AS a', 'FROM scratch', 'COPY --from=$X a b') },
  { name: 'a stage name from a variable fails the build', text: lines('FROM scratch AS $X') },
  { name: 'a mount over / fails the build', text: lines('FROM scratch', 'RUN --mount=type=cache,target=/ ls') },
  { name: 'RUN --security is labs-only: the built-in frontend refuses it', text: lines('FROM scratch', 'RUN --security=insecure ls') },
  { name: 'a base name blank without --build-arg is a warning', text: lines('ARG BASE', 'FROM $BASE') },
  { name: 'casing and legacy forms', text: lines('FROM scratch as Build', 'env A 1', 'LABEL b 2', 'MAINTAINER me', 'EXPOSE 80/TCP') },
  { name: 'stage names: reserved and duplicate', text: lines('FROM scratch AS context', 'FROM scratch AS a', 'FROM scratch AS a') },
  { name: 'MultipleInstructionsDisallowed', text: lines('FROM scratch', 'CMD ["a"]', 'CMD ["b"]', 'ENTRYPOINT ["c"]', 'ENTRYPOINT ["d"]') },
  { name: 'platform flags: the OS or architecture in the stage name exempts a constant', text: lines('FROM --platform=linux/amd64 scratch AS linux', 'FROM --platform=linux/amd64 scratch AS build-x86', 'FROM --platform=linux/arm64 scratch AS AMD64-arm64', 'FROM --platform=linux/arm64/v8 scratch AS foo-arm64') },
  { name: 'a platform from an undeclared arg fails the build', text: lines('ARG P=linux/amd64', 'FROM --platform=$PLATFROM scratch') },
  { name: 'descriptions: an empty # ends the block; the line right above is the one read', text: lines('# check=experimental=InvalidDefinitionDescription', '', '# bad', '#', 'FROM scratch AS foo', '# bar x', '# other', 'ARG bar', '#', '# baz words', 'ARG baz') },
  { name: 'platform flags', text: lines('FROM --platform=linux/amd64 scratch AS build', 'FROM --platform=$TARGETPLATFORM scratch', 'FROM --platform=$BUILDPLATFORM scratch') },
  { name: 'a line ending in an escaped escape is not continued', text: lines('FROM scratch', 'ENV X=a\\\\', 'MAINTAINER me', 'ENV Y=b\\\\\\', 'MAINTAINER you', 'ENV Z=c\\  ', 'MAINTAINER them') },
  { name: 'a backtick escape: an escaped one at the end is not a continuation, a single one is', text: lines('# escape=`', 'FROM scratch', 'ENV X=a``', 'MAINTAINER me', 'ENV Y=b`', '  Z=c', 'MAINTAINER you') },
  { name: 'heredocs with a file-descriptor prefix', text: lines('FROM scratch', 'RUN cat 5<<EOF 6<<-"X"', 'hello', 'EOF', '\tbye', '\tX', 'COPY 3<<EOF /x', '$NOPE', 'EOF') },
  { name: '${X?message} with X never set fails the build', text: lines('FROM scratch', 'ENV A=1', 'WORKDIR /${X:?must be set}') },
  { name: '${E:?message} with E empty fails the build, ${E?message} does not', text: lines('FROM scratch', 'ENV E=', 'ENV W=${E?ok}', 'LABEL a=${E:?empty}') },
  { name: '${Y?message} on an ARG without a value fails without --build-arg', text: lines('FROM scratch', 'ARG Y', 'ENV Z=${Y?unset}') },
];

describe('BuildKit parity: docker build --check against stagecraft lint', () => {
  let engine: { ok: true } | { ok: false; reason: string } = { ok: false, reason: 'not started' };
  before(async () => {
    const started = await ensureEngine();
    engine = started.ok ? buildkitCheckAvailable() : started;
  });
  const ready = (t: { skip: (reason: string) => void }): boolean => {
    if (engine.ok) return true;
    if (requireEngineInCi()) assert.fail(engine.reason);
    t.skip(engine.reason);
    return false;
  };

  describe('cases from BuildKit\'s check pages', () => {
    for (const { name, text } of CASES) {
      it(name, async (t) => {
        if (!ready(t)) return;
        assertAgrees(await compare('Dockerfile', text), text);
      });
    }
  });

  it('stagecraft lint --engine reads the base image\'s Env from the engine; without --engine it stays unknown', async (t) => {
    if (!ready(t)) return;
    const image = 'stagecraft-test/with-env:1';
    const imported = docker(['import', '--change', 'ENV APP_HOME=/srv/app', '-', image], { input: Buffer.alloc(1024) });
    assert.equal(imported.status, 0, imported.stderr);
    const dir = tempDir('stagecraft-engine-lint-');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), lines(`FROM ${image}`, 'WORKDIR $APP_HOME', 'COPY a $APP_HOMEE/'));
    const lint = (...args: string[]): string => spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'lint', '--fail-level', 'none', ...args, 'Dockerfile'], { cwd: dir, encoding: 'utf8', env: dockerEnv() }).stdout;
    const withEngine = lint('--engine');
    assert.doesNotMatch(withEngine, /'\$APP_HOME'/, 'defined by the base image');
    assert.match(withEngine, /Dockerfile:3:\d+ warning UndefinedVar Usage of undefined variable '\$APP_HOMEE'/);
    assert.equal(buildkitCheck(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).warnings.filter((w) => w.rule === 'UndefinedVar').map((w) => w.line).join(','), '3', 'BuildKit says the same');
    assert.doesNotMatch(lint(), /APP_HOMEE'\./, 'without the engine an unknown base may define it (only a near-miss of a name the file defines is reported)');
  });

  it('stagecraft lint --buildkit adds what docker build --check finds and Stagecraft does not, once; without buildx it says so and goes on', async (t) => {
    if (!ready(t)) return;
    const image = 'stagecraft-test/with-env:1';
    assert.equal(docker(['import', '--change', 'ENV APP_HOME=/srv/app', '-', image], { input: Buffer.alloc(1024) }).status, 0);
    const dir = tempDir('stagecraft-buildkit-lint-');
    const file = path.join(dir, 'Dockerfile');
    const run = (env: NodeJS.ProcessEnv = dockerEnv()): { stdout: string; stderr: string; status: number | null } =>
      spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'lint', '--buildkit', '--fail-level', 'none', 'Dockerfile'], { cwd: dir, encoding: 'utf8', env });
    fs.writeFileSync(file, lines(`FROM ${image}`, 'ENV X=$NOT_DEFINED_HERE', 'CMD ./serve'));
    const both = run();
    assert.equal(both.status, 0, both.stderr);
    // UndefinedVar: only BuildKit knows (the base image's config is read with --engine); JSONArgsRecommended: both, shown once.
    assert.deepEqual(both.stdout.trim().split('\n').map((l) => l.replace(/^Dockerfile:(\d+):\d+ (\w+) (\w+) .*?( \(docker build --check\))?$/, '$1 $2 $3$4')), [
      '2 warning UndefinedVar (docker build --check)',
      '3 warning JSONArgsRecommended',
    ]);
    fs.writeFileSync(file, lines('FROM scratch AS $X'));
    const refused = run();
    assert.match(refused.stdout, /^Dockerfile:1:\d+ error InvalidStageName /m);
    assert.doesNotMatch(refused.stdout, /BuildKitError/, 'BuildKit\'s refusal of the same instruction is not shown twice');
    const noBuildx = run({ ...dockerEnv(), DOCKER_CONFIG: tempDir('stagecraft-no-buildx-') });
    assert.match(noBuildx.stderr, /--buildkit: .*no `docker build --check`/);
    assert.match(noBuildx.stdout, /InvalidStageName/, 'Stagecraft\'s own findings are still printed');
  });

  describe('the corpus, file by file', () => {
    if (CORPUS_DOCKERFILES.length === 0) {
      it('is skipped: no corpus here', { skip: `no corpus at ${CORPUS}` }, () => undefined);
      return;
    }
    const texts = CORPUS_DOCKERFILES.map((file) => withoutDigests(withBuiltinFrontend(fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8'))));
    let checks: readonly (BuildkitCheckResult | Error)[] = [];
    before(async () => {
      // BuildKit checks the corpus files four at a time; each file's comparison below is then its own test.
      if (engine.ok) checks = await buildkitChecks(texts);
    });
    CORPUS_DOCKERFILES.forEach((file, index) => {
      it(file, async (t) => {
        if (!ready(t)) return;
        const text = texts[index] ?? '';
        const buildkit = checks[index];
        assert.ok(buildkit !== undefined, 'BuildKit checked it');
        if (buildkit instanceof Error) throw buildkit;
        assertAgrees(await compare(file, text, buildkit), text);
      });
    });
  });
});
