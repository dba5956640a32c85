import { buildModel } from '../../server/src/model';
import type { DockerfileModel } from '../../server/src/model';
import { runRules } from '../../server/src/rules/engine';
import { ALL_RULES } from '../../server/src/rules/registry';
import type { BuildkitCheckResult } from '../helpers/buildkitCheck';

/**
 * Stagecraft's findings under BuildKit's check names against BuildKit's own, instruction for instruction: each
 * side's findings are keyed by rule and by the first line of the instruction they are on (BuildKit points at
 * whole instructions; Stagecraft at the word), and counted, so two UndefinedVar on one RUN must be two on both.
 */

const BUILDKIT_RULES: ReadonlySet<string> = new Set(ALL_RULES.filter((rule) => rule.buildkit === true).map((rule) => rule.id));

/** BuildKit's checks that read what a Dockerfile cannot show (the base image's platform): not compared. */
export const NOT_COMPARED: ReadonlySet<string> = new Set(['InvalidBaseImagePlatform']);

export interface FileParity {
  readonly file: string;
  /** `rule@line` of each finding both made. */
  readonly agreed: readonly string[];
  /** BuildKit made them, Stagecraft did not. */
  readonly missed: readonly string[];
  /** Stagecraft made them under a BuildKit name, BuildKit did not. */
  readonly extra: readonly string[];
  /** BuildKit refused the file (and at which line); Stagecraft's errors on it. */
  readonly buildkitError: { readonly message: string; readonly line: number } | undefined;
  readonly stagecraftErrors: readonly string[];
  /** Every Stagecraft finding, `rule@line`, under any id. */
  readonly findings: readonly string[];
}

/** The first line (1-based) of the instruction holding `line`, or `line` itself outside instructions. */
function instructionLine(model: DockerfileModel, line: number): number {
  // A finding on a comment (a stage's description) is about the instruction below it, where BuildKit puts it.
  const instruction = model.instructionAt(line - 1) ?? model.instructions.find((i) => i.range.start.line >= line - 1);
  return instruction === undefined ? line : instruction.range.start.line + 1;
}

function countDifference(from: readonly string[], minus: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const key of minus) left.set(key, (left.get(key) ?? 0) + 1);
  const result: string[] = [];
  for (const key of from) {
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    else result.push(key);
  }
  return result;
}

/** The base images' environments, as `stagecraft lint --engine` reads them from the engine BuildKit ran on. */
export type BaseImageEnv = (image: string) => ReadonlyMap<string, string> | undefined;

export function compareWithBuildkit(file: string, text: string, buildkit: BuildkitCheckResult, baseImageEnv?: BaseImageEnv): FileParity {
  const model = buildModel({ uri: file, version: 0, text });
  // All rules, as `docker build --check` runs all of its own: off-by-default checks stay off unless the file's
  // `# check=` directive turns them on, which the rule engine reads as BuildKit does.
  const problems = runRules(model, {}, ALL_RULES, { buildContext: undefined, baseImageEnv });
  const ours = problems
    .filter((problem) => BUILDKIT_RULES.has(problem.ruleId) && !NOT_COMPARED.has(problem.ruleId))
    .map((problem) => `${problem.ruleId}@${instructionLine(model, problem.range.start.line + 1)}`);
  const theirs = buildkit.warnings
    .filter((warning) => !NOT_COMPARED.has(warning.rule))
    .map((warning) => `${warning.rule}@${instructionLine(model, warning.line)}`);
  const stagecraftErrors = problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => `${problem.ruleId}@${instructionLine(model, problem.range.start.line + 1)}`);
  const findings = problems.map((problem) => `${problem.ruleId}@${instructionLine(model, problem.range.start.line + 1)}`);
  const missed = countDifference(theirs, ours);
  const extra = countDifference(ours, theirs);
  return {
    file,
    agreed: countDifference(theirs, missed),
    missed,
    extra,
    buildkitError: buildkit.error,
    stagecraftErrors,
    findings,
  };
}

export interface RuleTally {
  agreed: number;
  missed: number;
  extra: number;
}

/** Per rule: findings both made, BuildKit's that Stagecraft missed, Stagecraft's that BuildKit did not make. */
export function tallyByRule(files: readonly FileParity[]): Map<string, RuleTally> {
  const table = new Map<string, RuleTally>();
  const add = (key: string, field: keyof RuleTally): void => {
    const rule = key.slice(0, key.indexOf('@'));
    const row = table.get(rule) ?? { agreed: 0, missed: 0, extra: 0 };
    row[field]++;
    table.set(rule, row);
  };
  for (const file of files) {
    // Warnings are compared only where BuildKit checked the whole file; a refused file stops its checks early.
    if (file.buildkitError !== undefined) continue;
    for (const key of file.agreed) add(key, 'agreed');
    for (const key of file.missed) add(key, 'missed');
    for (const key of file.extra) add(key, 'extra');
  }
  return new Map([...table].sort(([a], [b]) => a.localeCompare(b)));
}
