import { l10n } from '../locale/l10n';
/**
 * Hover text for instructions, flags and parser directives: short explanations in our own words, one
 * example each, and the anchor of the official reference section.
 */

export interface DocEntry {
  readonly title: string;
  readonly text: string;
  readonly example: string;
  /** Anchor in https://docs.docker.com/reference/dockerfile/ (or a full URL). */
  readonly link: string;
}

export const INSTRUCTION_DOCS: Readonly<Record<string, DocEntry>> = {
  FROM: { title: 'FROM <image> [AS <name>]', link: 'from', get text() { return l10n.t('Starts a build stage from a base image, an earlier stage (by name), or `scratch` (an empty filesystem). The last stage is what `docker build` produces unless `--target` picks another. ARGs declared before the first FROM can be used here.'); }, example: 'ARG GO=1.22\nFROM golang:${GO} AS build\nFROM scratch\nCOPY --from=build /out/app /app' },
  RUN: { title: 'RUN <command> | RUN ["exe", "arg"]', link: 'run', get text() { return l10n.t('Executes a command while building and commits the result as a new layer. Shell form runs through the stage\'s SHELL (`/bin/sh -c` by default); exec form runs the program directly. Heredocs (`RUN <<EOF`) pass a whole script.'); }, example: 'RUN --mount=type=cache,target=/root/.cache/go-build \\\n    go build -o /out/app .' },
  CMD: { title: 'CMD ["exe", "arg"] | CMD command', link: 'cmd', get text() { return l10n.t('The default command of the container, or the default arguments of ENTRYPOINT. Anything given after the image name in `docker run IMAGE ...` replaces it. Only the last CMD of a stage counts.'); }, example: 'ENTRYPOINT ["./app"]\nCMD ["--port", "8080"]' },
  ENTRYPOINT: { title: 'ENTRYPOINT ["exe", "arg"] | ENTRYPOINT command', link: 'entrypoint', get text() { return l10n.t('The program the container always runs; CMD and `docker run` arguments are appended to it in exec form. Shell form ignores both and runs under `/bin/sh -c`, which then is PID 1 and does not pass SIGTERM on. `docker run --entrypoint X` replaces it (and drops CMD).'); }, example: 'ENTRYPOINT ["./bin/avatar"]\nCMD ["./test.jpg", "./shared/out.jpg"]' },
  COPY: { title: 'COPY [--from=...] <src>... <dest>', link: 'copy', get text() { return l10n.t('Copies files from the build context, from an earlier stage (`--from=build`) or from an image (`--from=nginx:1.27`) into the image. Sources are relative to the context; `.dockerignore` applies. A trailing `/` on the destination makes it a directory.'); }, example: 'COPY --from=build --chmod=755 /out/app /usr/local/bin/app' },
  ADD: { title: 'ADD [--checksum=...] <src>... <dest>', link: 'add', get text() { return l10n.t('Like COPY, but also fetches URLs and Git repositories and unpacks local tar archives. Prefer COPY for plain files; pin remote sources with `--checksum`.'); }, example: 'ADD --checksum=sha256:… https://example.com/tool.tar.gz /opt/' },
  ARG: { title: 'ARG <name>[=<default>]', link: 'arg', get text() { return l10n.t('Declares a build argument that `docker build --build-arg name=value` can set. Before the first FROM it is global and usable only in FROM lines; inside a stage it is visible from its line to the end of the stage — a global ARG must be re-declared (`ARG NAME`) to be used there. Values end up in the image history: never pass secrets this way.'); }, example: 'ARG VERSION=1.0\nFROM alpine\nARG VERSION\nRUN echo $VERSION' },
  ENV: { title: 'ENV <key>=<value> ...', link: 'env', get text() { return l10n.t('Sets environment variables for the following instructions and for the running container. ENV wins over an ARG of the same name, and is inherited by stages built FROM this one.'); }, example: 'ENV APP_HOME=/app PATH="/app/bin:$PATH"' },
  EXPOSE: { title: 'EXPOSE <port>[/<protocol>] ...', link: 'expose', get text() { return l10n.t('Documents the ports the application listens on (tcp by default). It does not publish them: use `docker run -p 8080:8080` (or `-P` to publish all exposed ports on random host ports).'); }, example: 'EXPOSE 8080/tcp' },
  WORKDIR: { title: 'WORKDIR <path>', link: 'workdir', get text() { return l10n.t('Sets the working directory for the following RUN, CMD, ENTRYPOINT, COPY and ADD, creating it if needed. A relative path is relative to the previous WORKDIR. Prefer it to `RUN cd ...`.'); }, example: 'WORKDIR /app' },
  USER: { title: 'USER <user>[:<group>]', link: 'user', get text() { return l10n.t('Sets the user (name or UID) for the following RUN instructions and for the container. Running as a non-root user limits what a compromised process can do.'); }, example: 'RUN adduser -D app\nUSER app' },
  VOLUME: { title: 'VOLUME ["/path"] | VOLUME /path ...', link: 'volume', get text() { return l10n.t('Marks a path as a mount point for externally managed data.'); }, example: 'VOLUME /app/shared' },
  LABEL: { title: 'LABEL <key>=<value> ...', link: 'label', get text() { return l10n.t('Adds metadata to the image (visible in `docker image inspect`). OCI keys such as `org.opencontainers.image.source` are understood by registries.'); }, example: 'LABEL org.opencontainers.image.source="https://github.com/acme/app"' },
  MAINTAINER: { title: 'MAINTAINER <name> (deprecated)', link: 'maintainer-deprecated', get text() { return l10n.t('Deprecated: sets the author field. Use a label instead.'); }, example: 'LABEL org.opencontainers.image.authors="dev@example.com"' },
  ONBUILD: { title: 'ONBUILD <INSTRUCTION>', link: 'onbuild', get text() { return l10n.t('Records an instruction that runs when another Dockerfile builds FROM this image, right after its FROM. Useful for builder base images; surprising elsewhere.'); }, example: 'ONBUILD COPY . /app/src' },
  STOPSIGNAL: { title: 'STOPSIGNAL <signal>', link: 'stopsignal', get text() { return l10n.t('The signal `docker stop` sends to PID 1 before killing it after the timeout (SIGTERM by default).'); }, example: 'STOPSIGNAL SIGQUIT' },
  HEALTHCHECK: { title: 'HEALTHCHECK [flags] CMD <command> | HEALTHCHECK NONE', link: 'healthcheck', get text() { return l10n.t('Tells Docker how to test that the container still works; exit 0 is healthy, 1 unhealthy. `NONE` disables a check inherited from the base image. Only the last HEALTHCHECK counts.'); }, example: 'HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:8080/ping || exit 1' },
  SHELL: { title: 'SHELL ["exe", "arg"]', link: 'shell', get text() { return l10n.t('Replaces the shell used by shell-form RUN, CMD and ENTRYPOINT (default `["/bin/sh", "-c"]` on Linux, `["cmd", "/S", "/C"]` on Windows). Affects the following instructions only.'); }, example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]' },
};

/** Flags COPY and ADD share. */
const COPY_ADD_FLAGS = {
  chown: { title: '--chown=<user>[:<group>]', link: 'copy---chown---chmod', get text() { return l10n.t('Sets the owner of the copied files (default root). Names are resolved from the image\'s /etc/passwd and /etc/group.'); }, example: 'COPY --chown=app:app . /app' },
  chmod: { title: '--chmod=<mode>', link: 'copy---chown---chmod', get text() { return l10n.t('Sets the permissions of the copied files: octal (`755`) or symbolic (`u+x`), saving a `RUN chmod` layer.'); }, example: 'COPY --chmod=755 entrypoint.sh /usr/local/bin/' },
  link: { title: '--link[=true|false]', link: 'copy---link', get text() { return l10n.t('Copies into an independent layer that does not depend on the layers below, so it stays cached when the base changes and can be rebased without rebuilding.'); }, example: 'COPY --link --from=build /out/app /app' },
  exclude: { title: '--exclude=<pattern>', link: 'copy---exclude', get text() { return l10n.t('Leaves out files matching the pattern (repeatable), like a per-instruction `.dockerignore`.'); }, example: 'COPY --exclude=*.md --exclude=test/ . /app' },
} as const satisfies Readonly<Record<string, DocEntry>>;

export const FLAG_DOCS: Readonly<Record<string, DocEntry>> = {
  'FROM --platform': { title: '--platform=<os>/<arch>[/<variant>]', link: 'from', get text() { return l10n.t('Builds this stage from the base image for another platform. `--platform=$BUILDPLATFORM` runs the toolchain natively and cross-compiles for `$TARGETPLATFORM`.'); }, example: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build' },
  'RUN --mount': { title: '--mount=type=bind|cache|tmpfs|secret|ssh,...', link: 'run---mount', get text() { return l10n.t('Mounts something into the RUN step only; nothing mounted ends up in the layer.'); }, example: 'RUN --mount=type=cache,target=/root/.npm npm ci' },
  'RUN --network': { title: '--network=default|none|host', link: 'run---network', get text() { return l10n.t('The network of this RUN step: `none` proves a step needs no network, `host` uses the host\'s network (needs the `network.host` entitlement).'); }, example: 'RUN --network=none make test' },
  'RUN --security': { title: '--security=sandbox|insecure', link: 'run---security', get text() { return l10n.t('`insecure` runs the step with elevated privileges, like `docker run --privileged` (needs the `security.insecure` entitlement).'); }, example: 'RUN --security=insecure mount -t tmpfs none /mnt' },
  'RUN --device': { title: '--device=<name> (labs)', link: 'run---device', get text() { return l10n.t('Makes a CDI device available to the step; requires `# syntax=docker/dockerfile:1-labs`.'); }, example: 'RUN --device=nvidia.com/gpu=all nvidia-smi' },
  'COPY --from': { title: '--from=<stage|index|image>', link: 'copy---from', get text() { return l10n.t('Copies from an earlier stage (by name or index), or from an image, instead of the build context — the heart of multi-stage builds.'); }, example: 'COPY --from=build /out/app /app' },
  'COPY --chown': COPY_ADD_FLAGS.chown,
  'ADD --chown': COPY_ADD_FLAGS.chown,
  'COPY --chmod': COPY_ADD_FLAGS.chmod,
  'ADD --chmod': COPY_ADD_FLAGS.chmod,
  'COPY --link': COPY_ADD_FLAGS.link,
  'ADD --link': COPY_ADD_FLAGS.link,
  'COPY --parents': { title: '--parents[=true|false]', link: 'copy---parents', get text() { return l10n.t('Keeps the source paths\' parent directories under the destination (`./a/b/file` lands in `/dest/a/b/file`).'); }, example: 'COPY --parents ./services/*/package.json /app/' },
  'COPY --exclude': COPY_ADD_FLAGS.exclude,
  'ADD --exclude': COPY_ADD_FLAGS.exclude,
  'ADD --checksum': { title: '--checksum=<algorithm>:<hex>', link: 'add---checksum', get text() { return l10n.t('Verifies a remote source against a digest, so the build fails instead of silently using changed content.'); }, example: 'ADD --checksum=sha256:24454f83… https://example.com/app.tar.gz /' },
  'ADD --keep-git-dir': { title: '--keep-git-dir[=true|false]', link: 'add---keep-git-dir', get text() { return l10n.t('Keeps the `.git` directory when adding a Git repository.'); }, example: 'ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14 /src' },
  'ADD --unpack': { title: '--unpack[=true|false]', link: 'add---unpack', get text() { return l10n.t('Controls whether a tar archive is extracted (the default for local archives) or copied as a file.'); }, example: 'ADD --unpack=false release.tar.gz /downloads/' },
  'HEALTHCHECK --interval': { title: '--interval=<duration> (default 30s)', link: 'healthcheck', get text() { return l10n.t('Time between checks, counted from the end of the previous one.'); }, example: 'HEALTHCHECK --interval=10s CMD ./healthcheck' },
  'HEALTHCHECK --timeout': { title: '--timeout=<duration> (default 30s)', link: 'healthcheck', get text() { return l10n.t('A check that takes longer counts as failed.'); }, example: 'HEALTHCHECK --timeout=3s CMD ./healthcheck' },
  'HEALTHCHECK --start-period': { title: '--start-period=<duration> (default 0s)', link: 'healthcheck', get text() { return l10n.t('Start-up grace time: failures during it do not count towards the retries.'); }, example: 'HEALTHCHECK --start-period=1m CMD ./healthcheck' },
  'HEALTHCHECK --start-interval': { title: '--start-interval=<duration> (default 5s)', link: 'healthcheck', get text() { return l10n.t('Time between checks during the start period.'); }, example: 'HEALTHCHECK --start-period=1m --start-interval=2s CMD ./healthcheck' },
  'HEALTHCHECK --retries': { title: '--retries=<n> (default 3)', link: 'healthcheck', get text() { return l10n.t('Consecutive failures needed to mark the container unhealthy.'); }, example: 'HEALTHCHECK --retries=5 CMD ./healthcheck' },
};
export const MOUNT_TYPE_DOCS: Readonly<Record<string, DocEntry>> = {
  bind: { title: '--mount=type=bind', link: 'run---mounttypebind', get text() { return l10n.t('Mounts files from the build context (or `from=` a stage or image) read-only into the step, without copying them into a layer.'); }, example: 'RUN --mount=type=bind,source=go.sum,target=go.sum go mod download' },
  cache: { title: '--mount=type=cache', link: 'run---mounttypecache', get text() { return l10n.t('A persistent cache directory shared between builds (package manager and compiler caches). Its content is never part of the image. `sharing=locked` serialises concurrent builds.'); }, example: 'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update' },
  tmpfs: { title: '--mount=type=tmpfs', link: 'run---mounttypetmpfs', get text() { return l10n.t('An in-memory filesystem for the step\'s scratch files.'); }, example: 'RUN --mount=type=tmpfs,target=/tmp make test' },
  secret: { title: '--mount=type=secret', link: 'run---mounttypesecret', get text() { return l10n.t('Exposes a secret given with `docker build --secret id=...` as a file (default `/run/secrets/<id>`) or, with `env=`, a variable — never stored in a layer or the history.'); }, example: 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci' },
  ssh: { title: '--mount=type=ssh', link: 'run---mounttypessh', get text() { return l10n.t('Forwards the SSH agent given with `docker build --ssh default` so the step can clone private repositories without copying keys.'); }, example: 'RUN --mount=type=ssh git clone git@github.com:acme/private.git' },
};

export const DIRECTIVE_DOCS: Readonly<Record<string, DocEntry>> = {
  syntax: { title: '# syntax=<frontend image>', link: 'syntax', get text() { return l10n.t('Chooses the Dockerfile frontend BuildKit uses, e.g. `docker/dockerfile:1` for the latest stable syntax or `docker/dockerfile:1-labs` for experimental features. Must be the first line(s), before any comment or instruction.'); }, example: '# syntax=docker/dockerfile:1' },
  escape: { title: '# escape=\\ | `', link: 'escape', get text() { return l10n.t('Sets the character that escapes characters and continues lines. Windows Dockerfiles use a backtick so that `\\` can stay the path separator.'); }, example: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022' },
  check: { title: '# check=skip=<rules>;error=<bool>', link: 'check', get text() { return l10n.t('Configures BuildKit\'s build checks for this file: which to skip and whether a violation fails the build.'); }, example: '# check=skip=JSONArgsRecommended;error=true' },
};

export function referenceLink(link: string): string {
  return link.startsWith('http') ? link : `https://docs.docker.com/reference/dockerfile/#${link}`;
}
