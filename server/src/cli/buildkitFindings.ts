import { l10n } from '../locale/l10n';
import { buildkitCheckArgv, parseBuildkitCheck } from '../../../common/src/engine/buildkitCheck';
import type { EngineConfig } from '../../../common/src/engine/runner';
import { EngineError, runEngine } from '../../../common/src/engine/runner';
import type { DockerfileModel, Range } from '../model';
import type { Problem } from '../rules/rule';

/** BuildKit's checks of a whole Dockerfile take a few seconds at most; an engine that hangs is not waited on. */
const CHECK_TIMEOUT_MS = 120_000;

/** The id under which BuildKit's refusal of the whole Dockerfile is shown, when Stagecraft has no error there. */
export const BUILDKIT_ERROR_ID = 'BuildKitError';
/** The `source` of BuildKit's findings (the client's "Check with BuildKit" shows those). */
export const BUILDKIT_SOURCE = 'docker build --check';

export type BuildkitFindings = { readonly ok: true; readonly problems: readonly Problem[] } | { readonly ok: false; readonly reason: string };

/**
 * `docker build --check` on the engine, as problems beside Stagecraft's own: a BuildKit finding is left out when
 * Stagecraft reports the same rule on the same instruction (Stagecraft's has the exact range and the fixes), and
 * BuildKit's refusal when Stagecraft already has an error on that instruction. Runs nothing of the image.
 */
export async function buildkitFindings(engine: EngineConfig, file: string, contextDir: string, model: DockerfileModel, ours: readonly Problem[]): Promise<BuildkitFindings> {
  let stdout: string;
  try {
    stdout = (await runEngine(engine, buildkitCheckArgv(file, contextDir), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) })).stdout;
  } catch (error) {
    // A refused Dockerfile exits non-zero with its result on stdout; anything else says why there is none.
    const result = error instanceof EngineError ? error.result : undefined;
    if (result === undefined || !result.stdout.includes('{')) {
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: /unknown flag: --(call|progress)|buildx.*(not a docker command|unknown)/i.test(`${why} ${result?.stderr ?? ''}`)
        ? l10n.t('this docker CLI has no `docker build --check` (it needs the buildx plugin and Docker 27 or later)')
        : why };
    }
    stdout = result.stdout;
  }
  let report;
  try {
    report = parseBuildkitCheck(stdout);
  } catch (error) {
    return { ok: false, reason: l10n.t`BuildKit's answer could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const instructionStart = (line: number): number => {
    const instruction = line > 0 ? model.instructionAt(line - 1) : undefined;
    return instruction === undefined ? Math.max(line - 1, 0) : instruction.range.start.line;
  };
  const oursAt = (line: number, accept: (problem: Problem) => boolean): boolean => ours.some((p) => accept(p) && instructionStart(p.range.start.line + 1) === line);
  const rangeAt = (line: number): Range => {
    const instruction = model.instructionAt(line);
    return instruction?.keywordRange ?? { start: { line, character: 0 }, end: { line, character: 0 } };
  };
  const problems: Problem[] = [];
  for (const warning of report.warnings) {
    const line = instructionStart(warning.line);
    if (oursAt(line, (p) => p.ruleId === warning.rule)) continue;
    problems.push({ ruleId: warning.rule, severity: 'warning', range: rangeAt(line), message: l10n.t`${warning.detail} (docker build --check)`, source: BUILDKIT_SOURCE });
  }
  if (report.error !== undefined) {
    const line = instructionStart(report.error.line);
    if (!oursAt(line, (p) => p.severity === 'error')) {
      problems.push({ ruleId: BUILDKIT_ERROR_ID, severity: 'error', range: rangeAt(line), message: l10n.t`docker build refuses this Dockerfile: ${report.error.message}`, source: BUILDKIT_SOURCE });
    }
  }
  return { ok: true, problems };
}
