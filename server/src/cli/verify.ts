import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { l10n } from '../locale/l10n';
import { buildModel, workdirOf } from '../model';
import type { DockerfileModel } from '../model';
import { analyze } from '../multistage/analysis';
import { resolveIn } from '../multistage/artifacts';
import { buildxBuilders } from '../../../common/src/engine/buildx';
import type { VerifyReport } from '../../../common/src/engine/verify';
import { verifyConversion } from '../../../common/src/engine/verify';
import { parseBuildErrors } from '../../../common/src/buildErrors';

export interface VerifyOptions {
  readonly engine: string;
  readonly context: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly runArgs: readonly string[];
  /** `CONTAINER` or `HOST:CONTAINER` (HOST's files are copied into each run's fresh folder). */
  readonly mounts: readonly string[];
  readonly runTimeoutMs: number;
  /** `--network` for the builds' RUN steps; the engine's default when undefined. */
  readonly network?: string | undefined;
  readonly format: 'text' | 'json';
}

/**
 * Where the original's final stage put files after its last build step (COPY/ADD destinations, resolved against
 * the WORKDIR there): those must be the same in the converted image. Empty when nothing is built.
 */
export function lateDestinations(model: DockerfileModel): string[] {
  const analysis = analyze(model);
  if (!analysis.ok) return [];
  const { stage, lastBuildIndex } = analysis.analysis;
  const paths: string[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.index <= lastBuildIndex || (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD')) continue;
    const destination = instruction.args.at(-1)?.value;
    const workdir = workdirOf(stage, instruction) ?? '/';
    if (destination !== undefined && !destination.includes('$')) paths.push(resolveIn(workdir, destination));
  }
  return [...new Set(paths)];
}

/** Runs the check; resolves with the exit code (0 same, 1 different, 2 could not verify) after printing the report. */
export async function verifyFiles(original: string, converted: string, options: VerifyOptions, stdout: (text: string) => void, stderr: (text: string) => void): Promise<number> {
  const model = buildModel({ uri: original, version: 0, text: fs.readFileSync(original, 'utf8') });
  const seeds = new Map<string, string | undefined>();
  for (const mount of options.mounts) {
    const at = mount.lastIndexOf(':');
    if (at > 0) seeds.set(mount.slice(at + 1), path.resolve(mount.slice(0, at)));
    else seeds.set(mount, undefined);
  }
  if (seeds.size === 0) for (const volume of model.stages.at(-1)?.runtime.volumes ?? []) seeds.set(volume.value, undefined);
  const made: string[] = [];
  const engine = { executable: options.engine };
  const folderFor = (target: string): string => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-verify-'));
    made.push(folder);
    const seed = seeds.get(target);
    if (seed !== undefined) fs.cpSync(seed, folder, { recursive: true });
    fs.chmodSync(folder, 0o777); // the app may run as a user other than root
    return folder;
  };
  let report: VerifyReport;
  try {
    report = await verifyConversion({
      engine,
      original,
      converted,
      context: options.context,
      buildArgs: options.buildArgs,
      runArgs: options.runArgs,
      mountTargets: [...seeds.keys()],
      comparedPaths: lateDestinations(model),
      buildx: (await buildxBuilders(engine)) !== undefined,
      runTimeoutMs: options.runTimeoutMs,
      network: options.network,
      hostFolder: folderFor,
      onProgress: (message) => stderr(`stagecraft convert --verify: ${message}\n`),
    });
  } finally {
    for (const folder of made) fs.rmSync(folder, { recursive: true, force: true });
  }
  if (options.format === 'json') {
    stdout(`${JSON.stringify({ original, converted, ...report }, null, 2)}\n`);
  } else if (report.verdict === 'unverified') {
    stdout(l10n.t`NOT VERIFIED: ${report.reason}.\n`);
    if (report.output !== undefined && report.dockerfile !== undefined) {
      const lines = buildModel({ uri: report.dockerfile, version: 0, text: fs.readFileSync(report.dockerfile, 'utf8') }).instructions.map((i) => i.range.start.line);
      for (const error of parseBuildErrors(report.output, lines)) stdout(`${report.dockerfile}:${(error.line ?? 0) + 1}:1: error: ${error.message}\n`);
    }
  } else {
    const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
    stdout(report.verdict === 'same'
      ? l10n.t`SAME BEHAVIOUR: both images exit ${String(report.original.run.exitCode)} with the same output and the same files written, and have the same files where the original put them after its build.\n`
      : l10n.t`DIFFERENT: the converted image does not behave like the original (${report.differences.length} difference(s)):\n`);
    for (const difference of report.differences) stdout(`  - ${difference.replace(/\n/g, '\n    ')}\n`);
    stdout(l10n.t`Size: ${mb(report.original.size)} MB before, ${mb(report.converted.size)} MB after (${((100 * report.converted.size) / Math.max(report.original.size, 1)).toFixed(1)}%).\n`);
  }
  return report.verdict === 'same' ? 0 : report.verdict === 'different' ? 1 : 2;
}
