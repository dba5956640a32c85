import type { RuleSeveritySetting } from '../../../common/src/protocol';
import type { DockerfileModel } from '../model';
import { comparePositions } from '../model';
import type { ContextFiles } from '../buildContext/contextFiles';
import type { Problem, Rule } from './rule';
import { ALL_RULES } from './registry';
import { readSuppressions } from './suppressions';

export interface RuleOptions {
  /** Per-rule severity overrides; `off` disables a rule. */
  readonly severities?: Readonly<Record<string, RuleSeveritySetting>>;
}

export interface RunContext {
  /** The build context on disk, for rules that read .dockerignore; undefined for unsaved documents. */
  readonly buildContext?: ContextFiles | undefined;
}

/**
 * Runs every enabled rule over one model and returns all problems at once, sorted by position. A rule that
 * throws is reported as a problem of its own rather than taking the others down with it.
 */
export function runRules(model: DockerfileModel, options: RuleOptions = {}, rules: readonly Rule[] = ALL_RULES, context: RunContext = {}): Problem[] {
  const problems: Problem[] = [];
  const suppressions = readSuppressions(model);
  for (const rule of rules) {
    const ids = [rule.id, ...(rule.aliases ?? [])];
    const configured = ids.map((id) => options.severities?.[id]).find((s) => s !== undefined);
    if (configured === undefined && rule.enabledByDefault === false) continue;
    let severity = configured ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    if (rule.buildkit) {
      const skipped = suppressions.skippedBuildkit;
      if (skipped === 'all' || skipped.has(rule.id)) continue;
      if (suppressions.buildkitAsErrors) severity = 'error';
    }
    try {
      for (const finding of rule.check(model, { buildContext: context.buildContext })) {
        const instruction = model.instructionAt(finding.range.start.line);
        const ignored = instruction === undefined ? undefined : suppressions.ignoredAt.get(instruction.range.start.line);
        if (ignored !== undefined && ids.some((id) => ignored.has(id))) continue;
        problems.push({ ...finding, ruleId: rule.id, severity });
      }
    } catch (error) {
      problems.push({
        ruleId: 'InternalError',
        severity: 'warning',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `Stagecraft's ${rule.id} check failed on this file (${error instanceof Error ? error.message : String(error)}). Please report it.`,
      });
    }
  }
  return problems.sort((a, b) => comparePositions(a.range.start, b.range.start));
}
