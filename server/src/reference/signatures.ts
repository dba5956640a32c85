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

const sig = (label: string, doc: string, flags: string[], params: string[], form: SignatureSpec['form'] = 'any', mode: SignatureSpec['mode'] = 'positional'): SignatureSpec =>
  ({ label, doc, flags, params, form, mode });

const RUN_FLAGS = ['[--mount=<type>[,<option>=<value>…]]', '[--network=<none|host|default>]', '[--security=<sandbox|insecure>]'];
const COPY_FLAGS = ['[--from=<stage|image|context>]', '[--chown=<user>:<group>]', '[--chmod=<perms>]', '[--link]', '[--parents]', '[--exclude=<path>]'];
const ADD_FLAGS = ['[--chown=<user>:<group>]', '[--chmod=<perms>]', '[--link]', '[--checksum=<hash>]', '[--keep-git-dir]', '[--unpack]', '[--exclude=<path>]'];
const HEALTH_FLAGS = ['[--interval=<duration>]', '[--timeout=<duration>]', '[--start-period=<duration>]', '[--start-interval=<duration>]', '[--retries=<n>]'];

function withFlags(keyword: string, flags: readonly string[], rest: string): string {
  return [keyword, ...flags, rest].join(' ');
}

export const SIGNATURES: Readonly<Record<string, readonly SignatureSpec[]>> = {
  FROM: [sig('FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]', 'Start a stage from an image, an earlier stage or scratch.', ['[--platform=<platform>]'], ['<image>[:<tag>|@<digest>]', '[AS <name>]'])],
  RUN: [
    sig(withFlags('RUN', RUN_FLAGS, '<command>'), 'Shell form: run through the SHELL (`/bin/sh -c` by default), with variable expansion, pipes and `&&`.', RUN_FLAGS, ['<command>'], 'shell'),
    sig(withFlags('RUN', RUN_FLAGS, '["<executable>", "<param>", …]'), 'Exec form: run the executable directly, no shell.', RUN_FLAGS, ['"<executable>"', '"<param>"'], 'exec'),
  ],
  CMD: [
    sig('CMD ["<executable>", "<param>", …]', 'Exec form (preferred): the default command, run without a shell.', [], ['"<executable>"', '"<param>"'], 'exec'),
    sig('CMD ["<param>", …]', 'Default arguments for ENTRYPOINT (exec form).', [], ['"<param>"'], 'exec'),
    sig('CMD <command>', 'Shell form: run as `/bin/sh -c "<command>"`; `docker run IMAGE args` replaces it.', [], ['<command>'], 'shell'),
  ],
  ENTRYPOINT: [
    sig('ENTRYPOINT ["<executable>", "<param>", …]', 'Exec form (preferred): receives CMD or `docker run` arguments after its own.', [], ['"<executable>"', '"<param>"'], 'exec'),
    sig('ENTRYPOINT <command>', 'Shell form: runs under `/bin/sh -c`, ignores CMD and run arguments, and does not receive signals as PID 1.', [], ['<command>'], 'shell'),
  ],
  COPY: [
    sig(withFlags('COPY', COPY_FLAGS, '<src> … <dest>'), 'Copy files from the build context, a stage or an image.', COPY_FLAGS, ['<src>', '<dest>'], 'any', 'srcDest'),
    sig(withFlags('COPY', COPY_FLAGS, '["<src>", … "<dest>"]'), 'JSON form, for paths with spaces.', COPY_FLAGS, ['"<src>"', '"<dest>"'], 'exec', 'srcDest'),
  ],
  ADD: [
    sig(withFlags('ADD', ADD_FLAGS, '<src> … <dest>'), 'Copy files, URLs or Git repositories; local tar archives are extracted.', ADD_FLAGS, ['<src>', '<dest>'], 'any', 'srcDest'),
    sig(withFlags('ADD', ADD_FLAGS, '["<src>", … "<dest>"]'), 'JSON form, for paths with spaces.', ADD_FLAGS, ['"<src>"', '"<dest>"'], 'exec', 'srcDest'),
  ],
  ARG: [sig('ARG <name>[=<default value>] …', 'A build argument, set with `--build-arg`; scoped to its stage (global before the first FROM).', [], ['<name>[=<default value>]'])],
  ENV: [sig('ENV <key>=<value> …', 'An environment variable for later instructions and the running container.', [], ['<key>=<value>'])],
  LABEL: [sig('LABEL <key>=<value> …', 'Image metadata.', [], ['<key>=<value>'])],
  EXPOSE: [sig('EXPOSE <port>[/<protocol>] …', 'Documents a port; publish it with `docker run -p`.', [], ['<port>[/<protocol>]'])],
  HEALTHCHECK: [
    sig(withFlags('HEALTHCHECK', HEALTH_FLAGS, 'CMD <command>'), 'How to test that the container still works.', HEALTH_FLAGS, ['CMD <command>']),
    sig('HEALTHCHECK NONE', 'Disable a health check inherited from the base image.', [], ['NONE']),
  ],
  MAINTAINER: [sig('MAINTAINER <name>', 'Deprecated: use `LABEL org.opencontainers.image.authors=…`.', [], ['<name>'])],
  ONBUILD: [sig('ONBUILD <INSTRUCTION>', 'An instruction run later, when another Dockerfile builds FROM this image.', [], ['<INSTRUCTION>'])],
  SHELL: [sig('SHELL ["<executable>", "<parameters>"]', 'The shell for shell-form RUN, CMD and ENTRYPOINT.', [], ['"<executable>"', '"<parameters>"'], 'exec')],
  STOPSIGNAL: [sig('STOPSIGNAL <signal>', 'The signal `docker stop` sends (default SIGTERM).', [], ['<signal>'])],
  USER: [sig('USER <user>[:<group>]', 'The user (name or UID) for the following RUN, CMD and ENTRYPOINT.', [], ['<user>[:<group>]'])],
  VOLUME: [
    sig('VOLUME <path> …', 'Mount points; each gets an anonymous volume unless `docker run` mounts one there.', [], ['<path>']),
    sig('VOLUME ["<path>", …]', 'JSON form.', [], ['"<path>"'], 'exec'),
  ],
  WORKDIR: [sig('WORKDIR <path>', 'The working directory for the following instructions (created if missing).', [], ['<path>'])],
};
