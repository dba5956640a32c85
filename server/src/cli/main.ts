import { l10n } from '../locale/l10n';
import * as fs from 'node:fs';
import { STAGECRAFT_VERSION } from '../version';
import { runBuildOutput } from './buildOutput';
import { convertFile } from './convert';
import { verifyFiles } from './verify';
import * as os from 'node:os';
import { explainFile } from './explain';
import { buildkitFindings } from './buildkitFindings';
import { externalBaseImages, failsAt, formatCheckstyle, formatJson, formatSarif, formatText, lintModel } from './lint';
import { ImageConfigReader } from '../../../common/src/engine/imageConfigs';
import { buildModel } from '../model';
import type { DockerfileModel } from '../model';
import type { RuleOptions } from '../rules/engine';
import type { BaseCommandConfig } from '../explain/effectiveCommand';
import type { FailLevel, FileReport } from './lint';
import { ruleOptionsForFile } from '../config/ruleOptions';
import { repoConfigFor } from '../config/repoConfig';
import { contextOnDisk } from '../buildContext/contextOnDisk';
import { ShellCheckService } from '../shellcheck/service';
import { mergeProblems } from '../rules/rule';
import * as path from 'node:path';
import { cliBundle, useL10nBundle } from '../locale/bundle';

/** A function, not a constant: it is translated once the bundle is configured, after module load. */
const helpText = (): string => l10n.t`stagecraft ${STAGECRAFT_VERSION} — Dockerfile tools from the Stagecraft language server

Usage:
  stagecraft lint [--format text|json|sarif|checkstyle] [--fail-level error|warning|info|hint|none] [--engine[=podman]] [--buildkit[=CLI]]
                  [--no-shellcheck | --shellcheck=PATH] FILE...
                                                 report problems; exit 1 if any is at or above the fail
                                                 level (default error). Severities come from the nearest
                                                 .stagecraft.json ({ "rules": { "RuleId": "off|info|..." } },
                                                 ShellCheck's codes too: "SC2086": "off").
                                                 ShellCheck (on PATH) checks the RUN scripts
                                                 --engine: base images present in the local docker (or
                                                 podman) engine give their real config (never pulled);
                                                 --buildkit: docker build --check runs too, and what it
                                                 finds that Stagecraft does not is shown beside
  stagecraft explain [--target STAGE] [--format text|json] [--engine[=podman]] FILE [-- ARGS...]
                                                 the command the image runs, and with docker run ARGS
  stagecraft convert [--runtime-image IMAGE] [--runtime-family alpine|distroless|scratch|slim]
                     [--stage-name NAME] [--context DIR] [-o OUT] FILE
                                                 rewrite a single-stage Dockerfile as a multi-stage build
                                                 (stdout by default; exit 2 with the reason when there is nothing to gain)
  stagecraft convert --verify [--against CONVERTED] [--run-arg A]... [--mount [HOST:]CONTAINER]...
                     [--build-arg K=V]... [--network none|host|default] [--timeout SECONDS] [--engine CLI]
                     [--format text|json] FILE
                                                 build and run the original and the converted Dockerfile
                                                 the same way and compare them: exit 0 same behaviour,
                                                 1 a difference, 2 could not verify (no engine, build failed)
  stagecraft lsp --stdio                         run the language server over stdin/stdout
  stagecraft --help | --version

Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable file.
`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
}

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => fs.readFileSync(path, 'utf8'),
  writeFile: (path, text) => fs.writeFileSync(path, text),
};

/** Runs a command and returns its exit code; `lsp` never returns (the server owns the process). */
export function runCli(argv: readonly string[], io: CliIo = nodeIo): number | 'serving' {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout(helpText());
      return command === undefined ? 2 : 0;
    case '--version':
    case '-v':
      io.stdout(`${STAGECRAFT_VERSION}\n`);
      return 0;
    case 'lint':
      return lint(rest, io);
    case 'explain':
      return explain(rest, io);
    case 'convert':
      return convert(rest, io);
    case 'lsp':
      return serve(rest, io);
    case 'build-output':
      void runBuildOutput(rest, io.stdout, io.stderr).then((code) => { process.exitCode = code; });
      return 'serving';
    default:
      io.stderr(l10n.t`stagecraft: unknown command '${command}'\n\n${helpText()}`);
      return 2;
  }
}

const unknownOption = (command: string, option: string): string => l10n.t`stagecraft ${command}: unknown option '${option}'\n`;

/** The file's text, or undefined after saying on stderr why it could not be read. */
function readDockerfile(io: CliIo, command: string, file: string): string | undefined {
  try {
    return io.readFile(file === '-' ? '/dev/stdin' : file);
  } catch (error) {
    io.stderr(l10n.t`stagecraft ${command}: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

const FORMATS = ['text', 'json', 'sarif', 'checkstyle'] as const;
const FAIL_LEVELS: readonly FailLevel[] = ['error', 'warning', 'info', 'hint', 'none'];

function lint(args: readonly string[], io: CliIo): number | 'serving' {
  let format = 'text';
  let failLevel = 'error';
  let engineCli: string | undefined;
  let withBuildkit = false;
  let buildkitCli: string | undefined;
  let shellCheckCli: string | undefined = 'shellcheck';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--format' || arg === '-f') {
      format = args[++i] ?? '';
    } else if (arg.startsWith('--format=')) {
      format = arg.slice('--format='.length);
    } else if (arg === '--fail-level') {
      failLevel = args[++i] ?? '';
    } else if (arg.startsWith('--fail-level=')) {
      failLevel = arg.slice('--fail-level='.length);
    } else if (arg === '--buildkit') {
      withBuildkit = true;
    } else if (arg.startsWith('--buildkit=')) {
      withBuildkit = true;
      buildkitCli = arg.slice('--buildkit='.length);
    } else if (arg === '--engine') {
      engineCli = 'docker';
    } else if (arg.startsWith('--engine=')) {
      engineCli = arg.slice('--engine='.length);
    } else if (arg === '--no-shellcheck') {
      shellCheckCli = undefined;
    } else if (arg.startsWith('--shellcheck=')) {
      shellCheckCli = arg.slice('--shellcheck='.length);
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(unknownOption('lint', arg));
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.stderr(l10n.t`stagecraft lint: --format must be one of ${FORMATS.join(', ')}, not '${format}'\n`);
    return 2;
  }
  if (!(FAIL_LEVELS as readonly string[]).includes(failLevel)) {
    io.stderr(l10n.t`stagecraft lint: --fail-level must be one of ${FAIL_LEVELS.join(', ')}, not '${failLevel}'\n`);
    return 2;
  }
  if (files.length === 0) {
    io.stderr(l10n.t('stagecraft lint: name at least one Dockerfile (use - for stdin)\n'));
    return 2;
  }
  const inputs: { model: DockerfileModel; options: RuleOptions; directory: string }[] = [];
  const reportedConfigProblems = new Set<string>();
  for (const file of files) {
    const text = readDockerfile(io, 'lint', file);
    if (text === undefined) return 2;
    const directory = file === '-' ? process.cwd() : path.dirname(path.resolve(file));
    for (const problem of repoConfigFor(directory)?.problems ?? []) {
      if (!reportedConfigProblems.has(problem)) io.stderr(l10n.t`stagecraft lint: ${problem}\n`);
      reportedConfigProblems.add(problem);
    }
    const options = file === '-' ? ruleOptionsForFile(path.join(directory, 'Dockerfile')) : ruleOptionsForFile(file);
    inputs.push({ model: buildModel({ uri: file, version: 0, text }), options, directory });
  }
  const formatters = { text: formatText, json: formatJson, sarif: formatSarif, checkstyle: formatCheckstyle };
  const print = (reports: readonly FileReport[]): number => {
    io.stdout(formatters[format as (typeof FORMATS)[number]](reports));
    return failsAt(reports, failLevel as FailLevel) ? 1 : 0;
  };
  const check = (baseImageEnv?: (image: string) => ReadonlyMap<string, string> | undefined): FileReport[] =>
    inputs.map((input) => lintModel(input.model, input.options, { buildContext: contextOnDisk(input.directory), baseImageEnv }));
  if (engineCli === undefined && !withBuildkit && shellCheckCli === undefined) return print(check());
  // With --engine, the base images present in the local engine give their real config (what UndefinedVar needs
  // to say what BuildKit says); with --buildkit, `docker build --check` runs too and its findings that
  // Stagecraft does not make are added. Images that are not there stay unknown, as without an engine.
  // ShellCheck (unless --no-shellcheck) checks the RUN scripts.
  const engine = { executable: engineCli ?? 'docker' };
  void (async () => {
    let baseImageEnv: ((image: string) => ReadonlyMap<string, string> | undefined) | undefined;
    if (engineCli !== undefined) {
      const configs = await new ImageConfigReader(engine, (line) => io.stderr(`stagecraft lint: ${line}\n`)).read(inputs.flatMap((input) => externalBaseImages(input.model)));
      baseImageEnv = (image) => configs.get(image)?.env;
    }
    const reports = check(baseImageEnv);
    if (shellCheckCli !== undefined) {
      const shellCheck = new ShellCheckService((line) => io.stderr(`stagecraft lint: ${line}\n`));
      shellCheck.configure(shellCheckCli);
      await Promise.all(inputs.map((input) => shellCheck.complete(input.model)));
      if (shellCheck.missing !== undefined) {
        io.stderr(l10n.t`stagecraft lint: ShellCheck was not found (${shellCheck.missing}): RUN scripts are not checked. Install it (apt-get install shellcheck), or pass --no-shellcheck.\n`);
      }
      for (const [index, report] of reports.entries()) {
        const input = inputs[index];
        if (input === undefined) continue;
        reports[index] = { ...report, problems: mergeProblems(report.problems, shellCheck.known(input.model, { options: input.options, baseImageEnv }).problems) };
      }
    }
    if (withBuildkit) {
      for (const [index, report] of reports.entries()) {
        const input = inputs[index];
        if (input === undefined || input.model.uri === '-') continue;
        const found = await buildkitFindings({ executable: buildkitCli ?? engine.executable }, input.model.uri, input.directory, input.model, report.problems);
        if (!found.ok) {
          io.stderr(l10n.t`stagecraft lint: --buildkit: ${found.reason}; only Stagecraft's findings are shown for ${input.model.uri}\n`);
          continue;
        }
        reports[index] = { ...report, problems: mergeProblems(report.problems, found.problems) };
      }
    }
    process.exitCode = print(reports);
  })();
  return 'serving';
}

function explain(args: readonly string[], io: CliIo): number | 'serving' {
  let target: string | undefined;
  let engineCli: string | undefined;
  let format = 'text';
  let file: string | undefined;
  let runArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      runArgs = args.slice(i + 1);
      break;
    } else if (arg === '--target' || arg === '-t') {
      target = args[++i];
    } else if (arg.startsWith('--target=')) {
      target = arg.slice('--target='.length);
    } else if (arg === '--format' || arg === '-f') {
      format = args[++i] ?? '';
    } else if (arg.startsWith('--format=')) {
      format = arg.slice('--format='.length);
    } else if (arg === '--engine') {
      engineCli = 'docker';
    } else if (arg.startsWith('--engine=')) {
      engineCli = arg.slice('--engine='.length);
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(unknownOption('explain', arg));
      return 2;
    } else if (file === undefined) {
      file = arg;
    } else {
      io.stderr(l10n.t`stagecraft explain: one Dockerfile at a time; put container arguments after --\n`);
      return 2;
    }
  }
  if (file === undefined || (format !== 'text' && format !== 'json')) {
    io.stderr(l10n.t('usage: stagecraft explain [--target STAGE] [--format text|json] FILE [-- ARGS...]\n'));
    return 2;
  }
  const text = readDockerfile(io, 'explain', file);
  if (text === undefined) return 2;
  const show = (baseConfig?: (image: string) => BaseCommandConfig | undefined): number => {
    const result = explainFile(file, text, { target, runArgs, format, baseConfig });
    if (!result.ok) {
      io.stderr(l10n.t`stagecraft explain: ${result.error}\n`);
      return 2;
    }
    io.stdout(result.output);
    return 0;
  };
  if (engineCli === undefined) return show();
  // With --engine, what the file leaves to an external base image comes from that image's config in the local
  // engine (never pulled); an image that is not there stays unknown.
  const images = externalBaseImages(buildModel({ uri: file, version: 0, text }));
  void new ImageConfigReader({ executable: engineCli }, (line) => io.stderr(`stagecraft explain: ${line}\n`)).read(images).then((configs) => {
    process.exitCode = show((image) => {
      const config = configs.get(image);
      return config === undefined ? undefined : { image, id: config.id, entrypoint: config.entrypoint, cmd: config.cmd };
    });
  });
  return 'serving';
}

function convert(args: readonly string[], io: CliIo): number | 'serving' {
  const values: Record<string, string | undefined> = {
    'runtime-image': undefined, 'runtime-family': 'alpine', 'stage-name': 'build', context: undefined, o: undefined,
    against: undefined, format: 'text', engine: 'docker', timeout: '60', network: undefined,
  };
  let file: string | undefined;
  let verify = false;
  const runArgs: string[] = [];
  const mounts: string[] = [];
  const buildArgs: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const match = /^--?([a-z-]+|o)(?:=(.*))?$/.exec(arg);
    if (arg === '--verify') {
      verify = true;
    } else if (match !== null && ['run-arg', 'mount', 'build-arg'].includes(match[1] ?? '')) {
      const value = match[2] ?? args[++i] ?? '';
      if (match[1] === 'run-arg') runArgs.push(value);
      else if (match[1] === 'mount') mounts.push(value);
      else {
        const at = value.indexOf('=');
        if (at <= 0) {
          io.stderr(l10n.t`stagecraft convert: --build-arg takes NAME=VALUE, not '${value}'\n`);
          return 2;
        }
        buildArgs[value.slice(0, at)] = value.slice(at + 1);
      }
    } else if (match !== null && arg !== '-' && (match[1] ?? '') in values) {
      values[match[1] ?? ''] = match[2] ?? args[++i];
    } else if (arg === '--output') {
      values['o'] = args[++i];
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(unknownOption('convert', arg));
      return 2;
    } else if (file === undefined) {
      file = arg;
    } else {
      io.stderr(l10n.t('stagecraft convert: one Dockerfile at a time\n'));
      return 2;
    }
  }
  if (file === undefined) {
    io.stderr(l10n.t('usage: stagecraft convert [--runtime-image IMAGE] [--runtime-family F] [--stage-name NAME] [-o OUT] FILE\n'));
    return 2;
  }
  const text = readDockerfile(io, 'convert', file);
  if (text === undefined) return 2;
  const format = values['format'] === 'json' ? 'json' : 'text';
  const timeout = Number(values['timeout']);
  if (verify && (!Number.isFinite(timeout) || timeout <= 0)) {
    io.stderr(l10n.t('stagecraft convert: --timeout takes a number of seconds\n'));
    return 2;
  }
  const startVerify = (converted: string): 'serving' => {
    const original = file ?? '';
    void verifyFiles(original, converted, {
      engine: values['engine'] ?? 'docker',
      context: path.resolve(values['context'] ?? path.dirname(path.resolve(original))),
      buildArgs, runArgs, mounts, runTimeoutMs: timeout * 1000, format, network: values['network'],
    }, io.stdout, io.stderr).then((code) => {
      process.exitCode = code;
    }, (error: unknown) => {
      io.stderr(l10n.t`stagecraft convert --verify: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
    return 'serving';
  };
  if (verify && values['against'] !== undefined) return startVerify(values['against']);
  const result = convertFile(file, text, {
    runtimeImage: values['runtime-image'],
    runtimeFamily: values['runtime-family'] ?? 'alpine',
    stageName: values['stage-name'] ?? 'build',
    contextDir: values['context'],
  });
  if (!result.ok) {
    io.stderr(l10n.t`stagecraft convert: ${file}: ${result.message}\n`);
    return 2;
  }
  const output = values['o'];
  if (verify) {
    // The converted Dockerfile is built from the original's context: it is written beside nothing of the user's.
    const converted = output !== undefined && output !== '-' ? output : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-convert-')), 'Dockerfile');
    io.writeFile(converted, result.text);
    if (result.review.length > 0) io.stderr(l10n.t`stagecraft convert: ${file}: the conversion NEEDS REVIEW (${result.review.length} TODO); verifying what it wrote (${converted})\n`);
    return startVerify(converted);
  }
  if (output === undefined || output === '-') {
    io.stdout(result.text);
  } else {
    try {
      io.writeFile(output, result.text);
    } catch (error) {
      io.stderr(l10n.t`stagecraft convert: cannot write ${output}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  if (result.review.length > 0) {
    // The refactoring could not show the image keeps everything: say so where a terminal or CI log shows it.
    io.stderr(l10n.t`stagecraft convert: ${file}: the result NEEDS REVIEW; the final image may lack what these TODOs (also in its top comment) say:\n`);
    for (const todo of result.review) io.stderr(`  - ${todo}\n`);
  }
  return 0;
}

function serve(args: readonly string[], io: CliIo): number | 'serving' {
  if (!args.includes('--stdio')) {
    io.stderr(l10n.t('stagecraft lsp: only --stdio is supported from the command line (VS Code uses IPC itself)\n'));
    return 2;
  }
  // Loaded lazily so `lint` does not pay for the LSP machinery.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startStdioServer } = require('./stdioServer') as typeof import('./stdioServer');
  startStdioServer();
  return 'serving';
}

if (require.main === module) {
  // dist/cli.js → the package's l10n/ folder, where VS Code's bundles live too.
  const locale = cliBundle(process.env, path.join(__dirname, '..', 'l10n'));
  if (locale.error !== undefined) process.stderr.write(`stagecraft: ignoring the translation bundle: ${locale.error}\n`);
  useL10nBundle(locale.bundle);
  const code = runCli(process.argv.slice(2));
  if (code !== 'serving') process.exitCode = code;
}
