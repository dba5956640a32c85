import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RuleOptions } from '../../server/src/rules/engine';
import { ALL_RULES } from '../../server/src/rules/registry';
import { applyTextEdits } from '../helpers/edits';
import { FIXTURE_OPTIONS, lines, problemKeys, problems } from '../helpers/model';
import { fixture } from '../helpers/paths';

interface Case {
  readonly name: string;
  readonly text: string;
  /** Exactly the problems expected, as `RuleId@line`. */
  readonly expect: readonly string[];
  /** Rule options other than the fixture defaults (which turn DL3006/DL3007 off). */
  readonly options?: RuleOptions;
}

const cases: readonly Case[] = [
  // UnknownInstruction
  { name: 'typo of an instruction', text: lines('FROM a', 'RUNN make'), expect: ['UnknownInstruction@2'] },
  { name: 'lower-case instructions are fine', text: lines('from a', 'run make'), expect: [] },
  { name: 'heredoc bodies are not instructions', text: lines('FROM a', 'RUN <<EOF', 'apt-get update', 'FROM x', 'EOF', 'COPY <<-X /f', '\tline', '\tX'), expect: [] },
  // DetachedHeredoc
  { name: '`<< EOF` with a space', text: lines('FROM a', "RUN cat << 'EOF' > /x", 'echo hi', 'EOF'), expect: ['DetachedHeredoc@2'] },
  { name: '`<<` inside a shell string without a body is left alone', text: lines('FROM a', 'RUN echo "a << b"'), expect: [] },
  // UnterminatedHeredoc
  { name: 'heredoc never closed', text: lines('FROM a', 'RUN <<EOF', 'echo'), expect: ['UnterminatedHeredoc@2'] },
  // Directives
  { name: 'bad escape directive', text: lines('# escape=x', 'FROM a'), expect: ['InvalidEscapeDirective@1'] },
  { name: 'backtick escape directive', text: lines('# escape=`', 'FROM a'), expect: [] },
  { name: 'duplicate syntax directive', text: lines('# syntax=docker/dockerfile:1', '# syntax=docker/dockerfile:1', 'FROM a'), expect: ['DuplicateDirective@2'] },
  { name: 'bad check directive', text: lines('# check=skipp=all', 'FROM a'), expect: ['InvalidCheckDirective@1'] },
  { name: 'check directive as BuildKit reads it: experimental= is a key, error takes 1', text: lines('# check=skip=JSONArgsRecommended;error=1;experimental=all', 'FROM a'), expect: [] },
  { name: 'check directive: a space before = or after ; and a final ; fail the build', text: lines('# check=skip =all;', 'FROM a'), expect: ['InvalidCheckDirective@1'] },
  { name: 'upper-case repository name', text: lines('FROM REPLACE-ME', 'FROM Alpine:3.20', 'FROM alpine:LATEST'), expect: ['InvalidImageReference@1', 'InvalidImageReference@2'] },
  { name: 'COPY --from with a variable', text: lines('ARG T=alpine', 'FROM scratch', 'COPY --from=$T /a /b', 'COPY --from=${T} /a /b'), expect: ['VariableInCopyFrom@3', 'VariableInCopyFrom@4'] },
  { name: 'a stage name from a variable', text: lines('ARG N=a', 'FROM scratch AS $N'), expect: ['InvalidStageName@2'] },
  { name: 'a mount over /', text: lines('FROM a', 'RUN --mount=type=cache,target=/ ls', 'RUN --mount=type=cache,target=/cache ls'), expect: ['InvalidFlagValue@2'] },
  { name: 'a platform from an undeclared arg', text: lines('ARG P=linux/amd64', 'FROM --platform=$PLATFROM a AS x', 'FROM --platform=$P a AS y', 'FROM --platform=$BUILDPLATFORM a AS z', 'FROM --platform=${P:-linux} a AS w'), expect: ['EmptyPlatform@2', 'UndefinedArgInFrom@2'] },
  { name: 'FromPlatformFlagConstDisallowed: the OS or the architecture in the stage name exempts it', text: lines('FROM --platform=linux/amd64 a AS linux', 'FROM --platform=linux/amd64 a AS build-x86', 'FROM --platform=linux/arm64 a AS AMD64-arm64'), expect: ['FromPlatformFlagConstDisallowed@2', 'StageNameCasing@3'] },
  { name: '${X?message}: an error when nothing can set X, a warning when only --build-arg can', text: lines('FROM scratch', 'ARG Y', 'ARG D=x', 'ENV E=', 'WORKDIR /${X:?must be set}', 'ENV Z=${Y?unset} W=${D:?set} V=${E?set}', 'LABEL a=${E:?empty}', 'RUN echo ${X?shell}', 'USER ${PATH:?p}'), expect: ['RequiredVariableUnset@5', 'UndefinedVar@5', 'RequiredBuildArg@6', 'RequiredVariableUnset@7'] },
  { name: '${X?message} over an external base whose config is unknown says nothing', text: lines('FROM a', 'WORKDIR /${HOME:?no home}'), expect: [] },
  { name: 'RUN --security needs the labs frontend', text: lines('FROM a', 'RUN --security=insecure ls'), expect: ['UnknownFlag@2'] },
  { name: 'good check directive', text: lines('# check=skip=JSONArgsRecommended;error=true', 'FROM a'), expect: [] },
  // NoFromInstruction / InstructionBeforeFrom
  { name: 'no FROM', text: lines('RUN make'), expect: ['NoFromInstruction@1'] },
  { name: 'empty file is not yet an error', text: '', expect: [] },
  { name: 'instruction before FROM', text: lines('ARG X=1', 'ENV Y=2', 'FROM a'), expect: ['InstructionBeforeFrom@2'] },
  // MissingArguments / InvalidFromArguments
  { name: 'COPY without destination', text: lines('FROM a', 'COPY onlyone'), expect: ['MissingArguments@2'] },
  { name: 'COPY heredoc with destination', text: lines('FROM a', 'COPY <<EOF /dest', 'x', 'EOF'), expect: [] },
  { name: 'WORKDIR without path', text: lines('FROM a', 'WORKDIR'), expect: ['MissingArguments@2'] },
  { name: 'FROM without image', text: lines('FROM'), expect: ['MissingArguments@1'] },
  { name: 'FROM with AS but no name', text: lines('FROM a AS'), expect: ['InvalidFromArguments@1'] },
  { name: 'FROM with a word other than AS', text: lines('FROM a BS b'), expect: ['InvalidFromArguments@1'] },
  { name: 'FROM with too many words', text: lines('FROM a AS b c'), expect: ['InvalidFromArguments@1'] },
  // InvalidKeyValue
  { name: 'ENV key without value', text: lines('FROM a', 'ENV FOO'), expect: ['InvalidKeyValue@2'] },
  { name: 'ENV legacy and modern forms', text: lines('FROM a', 'ENV FOO bar baz', 'ENV A=1 B="two words"'), expect: ['LegacyKeyValueFormat@2'] },
  { name: 'LABEL key without value', text: lines('FROM a', 'LABEL version'), expect: ['InvalidKeyValue@2'] },
  // ShellRequiresJson
  { name: 'SHELL in shell form', text: lines('FROM a', 'SHELL /bin/bash -c'), expect: ['ShellRequiresJson@2'] },
  { name: 'SHELL in JSON', text: lines('FROM a', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]'), expect: [] },
  // InvalidHealthcheck
  { name: 'HEALTHCHECK unknown type', text: lines('FROM a', 'HEALTHCHECK CONNECT 80'), expect: ['InvalidHealthcheck@2'] },
  { name: 'HEALTHCHECK NONE with flags', text: lines('FROM a', 'HEALTHCHECK --interval=5s NONE'), expect: ['InvalidHealthcheck@2'] },
  { name: 'HEALTHCHECK CMD', text: lines('FROM a', 'HEALTHCHECK --interval=30s --timeout=3s --start-period=1m --retries=3 CMD curl -f http://localhost/ || exit 1'), expect: [] },
  // InvalidOnbuildTrigger
  { name: 'ONBUILD FROM', text: lines('FROM a', 'ONBUILD FROM b'), expect: ['InvalidOnbuildTrigger@2'] },
  { name: 'ONBUILD RUN', text: lines('FROM a', 'ONBUILD RUN make'), expect: [] },
  // UnknownFlag / DuplicateFlag
  { name: 'unknown RUN flag', text: lines('FROM a', 'RUN --netwrok=none make'), expect: ['UnknownFlag@2'] },
  { name: 'flag on an instruction without flags', text: lines('FROM a', 'WORKDIR --x /app'), expect: ['UnknownFlag@2'] },
  { name: 'labs flag without labs syntax', text: lines('FROM a', 'RUN --device=name make'), expect: ['UnknownFlag@2'] },
  { name: 'labs flag with labs syntax', text: lines('# syntax=docker/dockerfile:1-labs', 'FROM a', 'RUN --device=name make'), expect: [] },
  { name: 'flag inside an ONBUILD trigger', text: lines('FROM a', 'ONBUILD COPY --form=b x y'), expect: ['UnknownFlag@2'] },
  { name: 'duplicate --platform', text: lines('FROM --platform=$BUILDPLATFORM --platform=$TARGETPLATFORM a'), expect: ['DuplicateFlag@1'] },
  { name: 'repeatable --mount', text: lines('FROM a', 'RUN --mount=type=cache,target=/a --mount=type=secret,id=b make'), expect: [] },
  // InvalidFlagValue
  { name: 'bad network mode', text: lines('FROM a', 'RUN --network=bridge make'), expect: ['InvalidFlagValue@2'] },
  { name: 'bad mount type and key', text: lines('FROM a', 'RUN --mount=type=cahce,target=/a --mount=type=cache,target=/b,colour=red make'), expect: ['InvalidFlagValue@2', 'InvalidFlagValue@2'] },
  { name: 'bad cache sharing', text: lines('FROM a', 'RUN --mount=type=cache,target=/a,sharing=everyone make'), expect: ['InvalidFlagValue@2'] },
  { name: 'mount without target uses WORKDIR', text: lines('FROM a', 'RUN --mount=from=b,source=/x make'), expect: [] },
  { name: 'string flag without value', text: lines('FROM --platform a'), expect: ['InvalidFlagValue@1'] },
  { name: 'boolean flag with bad value', text: lines('FROM a', 'COPY --link=yes x y'), expect: ['InvalidFlagValue@2'] },
  { name: 'boolean flags bare and explicit', text: lines('FROM a', 'COPY --link --parents=true x y'), expect: [] },
  { name: 'bad chmod', text: lines('FROM a', 'COPY --chmod=999 x y'), expect: ['InvalidFlagValue@2'] },
  { name: 'octal and symbolic chmod', text: lines('FROM a', 'COPY --chmod=0755 x y', 'COPY --chmod=u+x,g-w x y'), expect: [] },
  { name: 'bad checksum', text: lines('FROM a', 'ADD --checksum=md5:abc https://example.com/x /x'), expect: ['InvalidFlagValue@2'] },
  { name: 'bad durations and retries', text: lines('FROM a', 'HEALTHCHECK --interval=5 --timeout=1us --retries=-1 CMD true'), expect: ['InvalidFlagValue@2', 'InvalidFlagValue@2', 'InvalidFlagValue@2'] },
  { name: 'variables in flag values are left to build time', text: lines('FROM a', 'ARG NET=none', 'RUN --network=$NET make'), expect: [] },
  // InvalidStageName / DuplicateStageName
  { name: 'stage name starting with a digit', text: lines('FROM a AS 1st'), expect: ['InvalidStageName@1'] },
  { name: 'stage name with symbols', text: lines('FROM a AS my/stage'), expect: ['InvalidStageName@1'] },
  { name: 'duplicate stage names', text: lines('FROM a AS build', 'FROM b AS BUILD'), expect: ['DuplicateStageName@2', 'StageNameCasing@2'] },
  // UnknownStageReference / ImageLooksLikeStage
  { name: 'COPY --from index out of range', text: lines('FROM a', 'COPY --from=3 /x /y'), expect: ['UnknownStageReference@2'] },
  { name: 'COPY --from own stage', text: lines('FROM a AS one', 'COPY --from=one /x /y'), expect: ['UnknownStageReference@2'] },
  { name: 'COPY --from later stage is resolved by BuildKit', text: lines('FROM a AS one', 'COPY --from=two /x /y', 'FROM b AS two'), expect: [] },
  { name: 'COPY --from an image', text: lines('FROM a', 'COPY --from=nginx:latest /etc/nginx /etc/nginx'), expect: [] },
  { name: 'COPY --from near-miss of a stage', text: lines('FROM a AS builder', 'FROM b', 'COPY --from=bulider /x /y'), expect: ['ImageLooksLikeStage@3'] },
  { name: 'FROM a stage defined later', text: lines('FROM base', 'FROM a AS base'), expect: ['ImageLooksLikeStage@1'] },
  { name: 'RUN --mount from= unknown index', text: lines('FROM a', 'RUN --mount=from=4,target=/x make'), expect: ['UnknownStageReference@2'] },
  // InvalidExposePort
  { name: 'port out of range and bad protocol', text: lines('FROM a', 'EXPOSE 70000 80/tpc'), expect: ['InvalidExposePort@2', 'InvalidExposePort@2'] },
  { name: 'ports, ranges, protocols and variables', text: lines('FROM a', 'ARG PORT=8080', 'EXPOSE 80 443/tcp 53/udp 8000-8010/udp $PORT 0'), expect: [] },
  { name: 'variable expanding to a bad port', text: lines('FROM a', 'ARG PORT=99999', 'EXPOSE $PORT'), expect: ['InvalidExposePort@3'] },
  // InvalidJsonForm / EmptyCommand
  { name: 'single-quoted exec form', text: lines('FROM a', "CMD ['./app', '--port', '80']"), expect: ['InvalidJsonForm@2'] },
  { name: 'shell tests and PowerShell starting with [ are not JSON', text: lines('FROM a', 'RUN [ -f /x ] && echo yes', 'RUN [Net.ServicePointManager]::SecurityProtocol = 3072', 'RUN [ "$A" = "b" ]'), expect: [] },
  { name: 'missing closing bracket', text: lines('FROM a', 'ENTRYPOINT ["./app", "--x"'), expect: ['InvalidJsonForm@2'] },
  { name: 'VOLUME with single quotes', text: lines('FROM a', "VOLUME ['/data']"), expect: ['InvalidJsonForm@2'] },
  { name: 'empty CMD', text: lines('FROM a', 'CMD'), expect: ['EmptyCommand@2'] },
  // Runtime rules (details and fixes in runtime.test.ts)
  { name: 'shell-form ENTRYPOINT', text: lines('FROM a', 'ENTRYPOINT ./app'), expect: ['ShellFormEntrypoint@2', 'JSONArgsRecommended@2'] },
  { name: 'exec-form ENTRYPOINT', text: lines('FROM a', 'ENTRYPOINT ["./app"]'), expect: [] },
  { name: 'two CMDs in a stage', text: lines('FROM a', 'CMD ["a"]', 'CMD ["b"]'), expect: ['MultipleInstructionsDisallowed@2'] },
  { name: 'one CMD per stage', text: lines('FROM a', 'CMD ["a"]', 'FROM b', 'CMD ["b"]'), expect: [] },
  { name: 'variable in exec form', text: lines('FROM a', 'CMD ["echo", "$HOME"]'), expect: ['ExecFormVariable@2'] },
  // BuildKit build checks
  { name: 'StageNameCasing', text: lines('FROM a AS Builder', 'FROM b AS runner'), expect: ['StageNameCasing@1'] },
  { name: 'FromAsCasing', text: lines('FROM a as build', 'FROM b AS other', 'from c AS mixed', 'from d as ok', 'FROM e AS ok2'), expect: ['FromAsCasing@1', 'ConsistentInstructionCasing@3', 'FromAsCasing@3', 'ConsistentInstructionCasing@4'] },
  { name: 'ConsistentInstructionCasing', text: lines('FROM a', 'RUN x', 'copy a b', 'Run y'), expect: ['ConsistentInstructionCasing@3', 'ConsistentInstructionCasing@4'] },
  { name: 'ConsistentInstructionCasing, all lowercase', text: lines('from a', 'run x'), expect: [] },
  { name: 'ReservedStageName', text: lines('FROM a AS scratch', 'FROM b AS context', 'FROM c AS fine'), expect: ['ReservedStageName@1', 'ReservedStageName@2'] },
  { name: 'UndefinedArgInFrom', text: lines('ARG VERSION=1', 'FROM alpine:${VERSON}', 'FROM alpine:$VERSION', 'FROM --platform=$BUILDPLATFORM alpine'), expect: ['InvalidDefaultArgInFrom@2', 'UndefinedArgInFrom@2'] },
  { name: 'InvalidDefaultArgInFrom', text: lines('ARG TAG', 'ARG BASE=alpine', 'FROM alpine:${TAG}', 'FROM ${BASE}:3.20', 'FROM alpine:${TAG:-3.20}'), expect: ['InvalidDefaultArgInFrom@3'] },
  { name: 'RedundantTargetPlatform', text: lines('FROM --platform=$TARGETPLATFORM a', 'FROM --platform=$BUILDPLATFORM b'), expect: ['RedundantTargetPlatform@1'] },
  { name: 'FromPlatformFlagConstDisallowed', text: lines('FROM --platform=linux/amd64 a', 'FROM --platform=linux/arm64 b AS build-arm64'), expect: ['FromPlatformFlagConstDisallowed@1'] },
  { name: 'MaintainerDeprecated', text: lines('FROM a', 'MAINTAINER me <me@example.com>', 'LABEL org.opencontainers.image.authors="me"'), expect: ['MaintainerDeprecated@2'] },
  { name: 'WorkdirRelativePath', text: lines('FROM a', 'WORKDIR app', 'FROM b', 'WORKDIR "/srv"', 'WORKDIR data', 'WORKDIR $HOME'), expect: ['WorkdirRelativePath@2'] },
  { name: 'LegacyKeyValueFormat', text: lines('FROM a', 'ENV PATH /usr/bin', 'LABEL version 1.0', 'ENV A=1 B=2'), expect: ['LegacyKeyValueFormat@2', 'LegacyKeyValueFormat@3'] },
  { name: 'SecretsUsedInArgOrEnv', text: lines('FROM a', 'ARG GITHUB_TOKEN', 'ENV DB_PASSWORD=x', 'ENV PUBLIC_KEY=x GPG_KEY=x PASSWORD_FILE=/run/p KEYBOARD=us'), expect: ['SecretsUsedInArgOrEnv@2', 'SecretsUsedInArgOrEnv@3', 'SecretsUsedInArgOrEnv@4', 'SecretsUsedInArgOrEnv@4'] },
  { name: 'ExposeProtoCasing', text: lines('FROM a', 'EXPOSE 80/TCP 53/udp'), expect: ['ExposeProtoCasing@2'] },
  { name: 'ExposeInvalidFormat', text: lines('FROM a', 'EXPOSE 0.0.0.0:8080:80 443'), expect: ['ExposeInvalidFormat@2'] },
  { name: 'NoEmptyContinuation', text: lines('FROM a', 'RUN echo one \\', '', '    && echo two'), expect: ['NoEmptyContinuation@3'] },
  // What the file says about its checks
  { name: '# check=skip= silences the named BuildKit checks', text: lines('# check=skip=StageNameCasing,LegacyKeyValueFormat', 'FROM a AS Build', 'ENV A 1', 'EXPOSE 80/TCP'), expect: ['ExposeProtoCasing@4'] },
  { name: '# check=skip=all silences BuildKit checks, not parse errors', text: lines('# check=skip=all', 'FROM a AS Build', 'RUNN x'), expect: ['UnknownInstruction@3'] },
  { name: '# stagecraft ignore= and # hadolint ignore= silence the next instruction', text: lines('FROM a', '# stagecraft ignore=LegacyKeyValueFormat', '# why: compatibility', 'ENV A 1', '# hadolint ignore=ExposeProtoCasing', 'EXPOSE 80/TCP', 'ENV B 2'), expect: ['LegacyKeyValueFormat@7'] },
  { name: 'UndefinedVar (scratch base: everything is known)', text: lines('FROM scratch', 'ENV APP=/app', 'COPY x $APPP/'), expect: ['UndefinedVar@3'] },
  // Stagecraft's own rules
  { name: 'CopyAllBeforeInstall', text: lines('FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "index.js"]'), expect: ['CopyAllBeforeInstall@3'] },
  { name: 'manifest copied first is fine', text: lines('FROM node:20-slim', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'CMD ["node", "index.js"]'), expect: [] },
  { name: 'SecretFileCopied', text: lines('FROM alpine', 'COPY id_rsa /root/.ssh/', 'COPY .env.example ./', 'COPY signing-key.pub.key /etc/', 'COPY .env ./'), expect: ['SecretFileCopied@2', 'SecretFileCopied@5'] },
  { name: 'PackageUpgradeInImage', text: lines('FROM debian:bookworm', 'RUN apt-get update && apt-get -y upgrade', 'RUN apk upgrade --no-cache', 'RUN echo done'), expect: ['PackageUpgradeInImage@2', 'PackageUpgradeInImage@3'] },
  { name: 'RemoteAddWithoutChecksum', text: lines('FROM alpine', 'ADD https://example.com/tool.tar.gz /opt/', 'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/t.tgz /opt/', 'ADD https://github.com/moby/buildkit.git#v0.14 /src'), expect: ['RemoteAddWithoutChecksum@2'] },
  { name: 'VolumeChangesDiscarded', text: lines('FROM alpine', 'WORKDIR /app', 'VOLUME /app/data', 'COPY seed.db data/', 'RUN touch /app/data/x', 'RUN touch /app/database'), expect: ['VolumeChangesDiscarded@4', 'VolumeChangesDiscarded@5'] },
  { name: 'ToolchainInFinalStage', text: lines('FROM golang:1.22', 'COPY . .', 'RUN go build -o /app .', 'CMD ["/app"]'), expect: ['ToolchainInFinalStage@1'] },
  // hadolint's rules under their DL ids
  { name: 'DL3002 last USER root', text: lines('FROM a', 'USER app', 'USER root'), expect: ['DL3002@3'] },
  { name: 'DL3002 unprivileged', text: lines('FROM a', 'USER root', 'RUN x', 'USER app'), expect: [] },
  { name: 'DL3003 cd then more commands', text: lines('FROM a', 'RUN cd /src && make', 'RUN make -C /src'), expect: ['DL3003@2'] },
  { name: 'DL3004 sudo', text: lines('FROM a', 'RUN sudo make install', 'RUN make install'), expect: ['DL3004@2'] },
  { name: 'DL3006 and DL3007 untagged and latest', text: lines('FROM alpine', 'FROM alpine:latest', 'FROM alpine:3.20', 'FROM alpine@sha256:abc', 'FROM scratch'), expect: ['DL3006@1', 'DL3007@2'], options: {} },
  { name: 'DL3008, DL3009, DL3015 apt-get', text: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl'), expect: ['DL3008@2', 'DL3009@2', 'DL3015@2'] },
  { name: 'apt-get done right', text: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1 && rm -rf /var/lib/apt/lists/*'), expect: [] },
  { name: 'DL3014 missing -y, combined flags accepted', text: lines('FROM debian:12', 'RUN apt-get install --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*', 'RUN apt-get -qy install --no-install-recommends git=1 && rm -rf /var/lib/apt/lists/*'), expect: ['DL3014@2'] },
  { name: 'DL3018 and DL3019 apk', text: lines('FROM alpine:3.20', 'RUN apk add curl', 'RUN apk add --no-cache git=2.45.2-r0'), expect: ['DL3018@2', 'DL3019@2'] },
  { name: 'DL3020 ADD local files, not archives or URLs', text: lines('FROM alpine:3.20', 'ADD app.conf /etc/', 'ADD rootfs.tar.gz /', 'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a /a'), expect: ['DL3020@2'] },
  { name: 'DL3027 apt in scripts', text: lines('FROM debian:12', 'RUN apt update', 'RUN apt-cache policy curl'), expect: ['DL3027@2'] },
  { name: 'DL3042 pip cache', text: lines('FROM python:3.12-slim', 'RUN pip install flask==3.0.0', 'RUN pip install --no-cache-dir flask==3.0.0'), expect: ['DL3042@2'] },
  { name: 'DL4006 pipe without pipefail', text: lines('FROM debian:12', 'RUN curl -fsSL https://x | tar xz', 'RUN set -o pipefail && curl -fsSL https://x | tar xz'), expect: ['DL4006@2'] },
  { name: 'DL4006 after SHELL with pipefail, also in a stage built FROM it; not under PowerShell', text: lines(
    'FROM debian:12 AS base', 'RUN a | b', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN a | b',
    'FROM base', 'RUN a | b', 'SHELL ["/bin/sh", "-c"]', 'RUN a | b',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN a | b'), expect: ['DL4006@2', 'DL4006@8'] },
  { name: 'DL3013, DL3016, DL3028, DL3062 unpinned installs', text: lines('FROM a:1', 'WORKDIR /w', 'RUN pip install --no-cache-dir flask', 'RUN npm install -g typescript', 'RUN gem install rails', 'RUN go install golang.org/x/tools/gopls@latest', 'RUN pip install --no-cache-dir flask==3.0.0 && npm i -g typescript@5.9.3 && gem install rails:7.1.0 && go install golang.org/x/tools/gopls@v0.16.1'), expect: ['DL3013@3', 'DL3016@4', 'DL3028@5', 'DL3062@6'] },
  { name: 'DL3021 several sources need a directory', text: lines('FROM a:1', 'WORKDIR /w', 'COPY a b dest', 'COPY a b dest/', 'COPY a b .', 'COPY ["a", "b", "dest"]'), expect: ['DL3021@3', 'DL3021@6'] },
  { name: 'DL3030, DL3034, DL3038 non-interactive installs', text: lines('FROM a:1', 'RUN yum install git', 'RUN zypper install git', 'RUN dnf install git', 'RUN yum -y install git && dnf install -y git && zypper -n install git'), expect: ['DL3030@2', 'DL3034@3', 'DL3038@4'] },
  { name: 'DL3045 relative COPY destination without WORKDIR', text: lines('FROM node:20', 'COPY package.json ./', 'WORKDIR /app', 'COPY . .', 'FROM scratch', 'COPY x y', 'FROM node:20', 'COPY onlyone'), expect: ['DL3045@2', 'MissingArguments@8'], options: {} },
  { name: 'DL3047, DL3060, DL4005', text: lines('FROM a:1', 'WORKDIR /w', 'RUN wget https://x/y.tgz', 'RUN yarn install', 'RUN ln -sf /bin/bash /bin/sh', 'RUN wget -q https://x/z && yarn install && yarn cache clean && ln -s /opt/tool /usr/local/bin/tool'), expect: ['DL3047@3', 'DL3060@4', 'DL4005@5'] },
  { name: 'DL3044 ENV self-reference', text: lines('FROM a', 'ENV A=1 B=$A', 'ENV C=$A'), expect: ['DL3044@2'] },
  { name: 'DL3059 consecutive RUNs', text: lines('FROM a', 'RUN echo one', 'RUN echo two', 'RUN --mount=type=cache,target=/c echo three'), expect: ['DL3059@3'], options: { severities: { ...FIXTURE_OPTIONS.severities, DL3059: 'hint' } } },
  { name: 'DL4001 wget and curl', text: lines('FROM a:1', 'RUN curl -fsSLO https://x/a', 'RUN wget -q https://x/b', 'FROM b:1', 'RUN curl -fsSLO https://x/c'), expect: ['DL4001@3'] },
  { name: 'hadolint ids apply to the matching BuildKit checks (DL3025 = JSONArgsRecommended)', text: lines('FROM a:1', '# hadolint ignore=DL3025', 'CMD ./app'), expect: [] },
  { name: 'JSONArgsRecommended on every shell-form CMD and ENTRYPOINT, as BuildKit (the effective ENTRYPOINT also gets ShellFormEntrypoint)', text: lines('FROM a', 'CMD ./app --serve', 'ENTRYPOINT ./run'), expect: ['JSONArgsRecommended@2', 'ShellFormEntrypoint@3', 'JSONArgsRecommended@3'] },
  { name: 'JSONArgsRecommended is quiet after a custom SHELL', text: lines('FROM a', 'SHELL ["/bin/bash", "-c"]', 'CMD ./app --serve'), expect: [] },
  { name: 'empty lines in a heredoc are not continuations', text: lines('FROM a', 'RUN <<EOF', 'echo a', '', 'echo b', 'EOF'), expect: [] },
];

describe('rules, table-driven', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      assert.deepEqual(problemKeys(testCase.text, testCase.options), testCase.expect);
    });
  }

  it('every rule has at least one positive case above (or in context.test.ts, for rules needing the build context or a setting)', () => {
    const covered = new Set([...cases.flatMap((c) => c.expect.map((key) => key.split('@')[0])), 'CopyIgnoredFile', 'InvalidDefinitionDescription']);
    const missing = ALL_RULES.map((rule) => rule.id).filter((id) => !covered.has(id));
    assert.deepEqual(missing, []);
  });

  it('reports every problem of a file in one pass, with precise ranges', () => {
    const found = problems(fixture('broken.Dockerfile'));
    assert.deepEqual(found.map((p) => [p.ruleId, p.range.start.line + 1, p.range.start.character + 1, p.range.end.character + 1]), [
      ['UnknownInstruction', 2, 1, 5],
      ['UnknownStageReference', 3, 13, 14],
      ['InvalidExposePort', 4, 8, 13],
      ['InvalidJsonForm', 5, 5, 14],
    ]);
  });

  it('# check=error=true makes BuildKit checks errors, and only them', () => {
    const found = problems(lines('# check=error=true', 'FROM a AS Build', "CMD ['x']"));
    assert.deepEqual(found.map((p) => [p.ruleId, p.severity]), [['StageNameCasing', 'error'], ['InvalidJsonForm', 'warning']]);
  });

  it('the seed Dockerfiles have no errors', () => {
    for (const seed of ['avatar', 'ubuntu-go', 'gin-webserver', 'scratch-static']) {
      const errors = problems(fixture(`seeds/${seed}.Dockerfile`)).filter((p) => p.severity === 'error');
      assert.deepEqual(errors, [], seed);
    }
  });
});

describe('quick fixes carried by findings', () => {
  function fixOf(text: string, ruleId: string): string {
    const fix = problems(text).find((p) => p.ruleId === ruleId)?.fixes?.[0];
    assert.ok(fix, `no fix for ${ruleId}`);
    return applyTextEdits(text, fix.edits);
  }

  it('renames a mistyped instruction', () => {
    assert.equal(fixOf(lines('FROM a', 'RUNN make'), 'UnknownInstruction'), lines('FROM a', 'RUN make'));
  });
  it('renames a mistyped flag', () => {
    assert.equal(fixOf(lines('FROM a', 'RUN --netwrok=none make'), 'UnknownFlag'), lines('FROM a', 'RUN --network=none make'));
  });
  it('turns single-quoted exec form into JSON', () => {
    assert.equal(fixOf(lines('FROM a', "CMD ['./app', '--name', 'say \"hi\"']"), 'InvalidJsonForm'), lines('FROM a', 'CMD ["./app", "--name", "say \\"hi\\""]'));
  });
  it('joins a detached heredoc', () => {
    assert.equal(fixOf(lines('FROM a', 'RUN cat <<  EOF > /x', 'hi', 'EOF'), 'DetachedHeredoc'), lines('FROM a', 'RUN cat <<EOF > /x', 'hi', 'EOF'));
  });
  it('points a near-miss --from at the stage', () => {
    assert.equal(fixOf(lines('FROM a AS builder', 'FROM b', 'COPY --from=bulider /x /y'), 'ImageLooksLikeStage'), lines('FROM a AS builder', 'FROM b', 'COPY --from=builder /x /y'));
  });
});
