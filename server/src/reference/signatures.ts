import { l10n } from '../locale/l10n';
/**
 * The forms of each instruction as the Dockerfile reference writes them. `params` are substrings of
 * `label`; flags come first, then the positional parameters that `mode` maps arguments onto.
 */
export interface SignatureSpec {
  readonly label: string;
  readonly doc: string;
  readonly flags: readonly string[];
  readonly params: readonly string[];
  /** positional: nth argument → nth parameter (the last repeats); srcDest: the last argument is the destination. */
  readonly mode: 'positional' | 'srcDest';
  readonly form: 'exec' | 'shell' | 'any';
}

/** `doc` is called when read, so it is in the language configured by then, not at module load. */
const sig = (label: string, doc: () => string, flags: string[], params: string[], form: SignatureSpec['form'] = 'any', mode: SignatureSpec['mode'] = 'positional'): SignatureSpec =>
  ({ label, get doc() { return doc(); }, flags, params, form, mode });

const RUN_FLAGS = ['[--mount=<type>[,<option>=<value>…]]', '[--network=<none|host|default>]', '[--security=<sandbox|insecure>]'];
const COPY_FLAGS = ['[--from=<stage|image|context>]', '[--chown=<user>:<group>]', '[--chmod=<perms>]', '[--link]', '[--parents]', '[--exclude=<path>]'];
const ADD_FLAGS = ['[--chown=<user>:<group>]', '[--chmod=<perms>]', '[--link]', '[--checksum=<hash>]', '[--keep-git-dir]', '[--unpack]', '[--exclude=<path>]'];
const HEALTH_FLAGS = ['[--interval=<duration>]', '[--timeout=<duration>]', '[--start-period=<duration>]', '[--start-interval=<duration>]', '[--retries=<n>]'];

function withFlags(keyword: string, flags: readonly string[], rest: string): string {
  return [keyword, ...flags, rest].join(' ');
}

export const SIGNATURES: Readonly<Record<string, readonly SignatureSpec[]>> = {
  FROM: [sig('FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]', () => l10n.t('Start a stage from an image, an earlier stage or scratch.'), ['[--platform=<platform>]'], ['<image>[:<tag>|@<digest>]', '[AS <name>]'])],
  RUN: [
    sig(withFlags('RUN', RUN_FLAGS, '<command>'), () => l10n.t('Shell form: run through the SHELL (`/bin/sh -c` by default), with variable expansion, pipes and `&&`.'), RUN_FLAGS, ['<command>'], 'shell'),
    sig(withFlags('RUN', RUN_FLAGS, '["<executable>", "<param>", …]'), () => l10n.t('Exec form: run the executable directly, no shell.'), RUN_FLAGS, ['"<executable>"', '"<param>"'], 'exec'),
  ],
  CMD: [
    sig('CMD ["<executable>", "<param>", …]', () => l10n.t('Exec form (preferred): the default command, run without a shell.'), [], ['"<executable>"', '"<param>"'], 'exec'),
    sig('CMD ["<param>", …]', () => l10n.t('Default arguments for ENTRYPOINT (exec form).'), [], ['"<param>"'], 'exec'),
    sig('CMD <command>', () => l10n.t('Shell form: run as `/bin/sh -c "<command>"`; `docker run IMAGE args` replaces it.'), [], ['<command>'], 'shell'),
  ],
  ENTRYPOINT: [
    sig('ENTRYPOINT ["<executable>", "<param>", …]', () => l10n.t('Exec form (preferred): receives CMD or `docker run` arguments after its own.'), [], ['"<executable>"', '"<param>"'], 'exec'),
    sig('ENTRYPOINT <command>', () => l10n.t('Shell form: runs under `/bin/sh -c`, ignores CMD and run arguments, and does not receive signals as PID 1.'), [], ['<command>'], 'shell'),
  ],
  COPY: [
    sig(withFlags('COPY', COPY_FLAGS, '<src> … <dest>'), () => l10n.t('Copy files from the build context, a stage or an image.'), COPY_FLAGS, ['<src>', '<dest>'], 'any', 'srcDest'),
    sig(withFlags('COPY', COPY_FLAGS, '["<src>", … "<dest>"]'), () => l10n.t('JSON form, for paths with spaces.'), COPY_FLAGS, ['"<src>"', '"<dest>"'], 'exec', 'srcDest'),
  ],
  ADD: [
    sig(withFlags('ADD', ADD_FLAGS, '<src> … <dest>'), () => l10n.t('Copy files, URLs or Git repositories; local tar archives are extracted.'), ADD_FLAGS, ['<src>', '<dest>'], 'any', 'srcDest'),
    sig(withFlags('ADD', ADD_FLAGS, '["<src>", … "<dest>"]'), () => l10n.t('JSON form, for paths with spaces.'), ADD_FLAGS, ['"<src>"', '"<dest>"'], 'exec', 'srcDest'),
  ],
  ARG: [sig('ARG <name>[=<default value>] …', () => l10n.t('A build argument, set with `--build-arg`; scoped to its stage (global before the first FROM).'), [], ['<name>[=<default value>]'])],
  ENV: [sig('ENV <key>=<value> …', () => l10n.t('An environment variable for later instructions and the running container.'), [], ['<key>=<value>'])],
  LABEL: [sig('LABEL <key>=<value> …', () => l10n.t('Image metadata.'), [], ['<key>=<value>'])],
  EXPOSE: [sig('EXPOSE <port>[/<protocol>] …', () => l10n.t('Documents a port; publish it with `docker run -p`.'), [], ['<port>[/<protocol>]'])],
  HEALTHCHECK: [
    sig(withFlags('HEALTHCHECK', HEALTH_FLAGS, 'CMD <command>'), () => l10n.t('How to test that the container still works.'), HEALTH_FLAGS, ['CMD <command>']),
    sig('HEALTHCHECK NONE', () => l10n.t('Disable a health check inherited from the base image.'), [], ['NONE']),
  ],
  MAINTAINER: [sig('MAINTAINER <name>', () => l10n.t('Deprecated: use `LABEL org.opencontainers.image.authors=…`.'), [], ['<name>'])],
  ONBUILD: [sig('ONBUILD <INSTRUCTION>', () => l10n.t('An instruction run later, when another Dockerfile builds FROM this image.'), [], ['<INSTRUCTION>'])],
  SHELL: [sig('SHELL ["<executable>", "<parameters>"]', () => l10n.t('The shell for shell-form RUN, CMD and ENTRYPOINT.'), [], ['"<executable>"', '"<parameters>"'], 'exec')],
  STOPSIGNAL: [sig('STOPSIGNAL <signal>', () => l10n.t('The signal `docker stop` sends (default SIGTERM).'), [], ['<signal>'])],
  USER: [sig('USER <user>[:<group>]', () => l10n.t('The user (name or UID) for the following RUN, CMD and ENTRYPOINT.'), [], ['<user>[:<group>]'])],
  VOLUME: [
    sig('VOLUME <path> …', () => l10n.t('Mount points; each gets an anonymous volume unless `docker run` mounts one there.'), [], ['<path>']),
    sig('VOLUME ["<path>", …]', () => l10n.t('JSON form.'), [], ['"<path>"'], 'exec'),
  ],
  WORKDIR: [sig('WORKDIR <path>', () => l10n.t('The working directory for the following instructions (created if missing).'), [], ['<path>'])],
};
