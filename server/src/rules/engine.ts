import type { RuleSeveritySetting } from '../../../common/src/protocol';
import type { DockerfileModel } from '../model';
import { comparePositions } from '../model';
import type { Problem, Rule } from './rule';
import { ALL_RULES } from './registry';

export interface RuleOptions {
  /** Per-rule severity overrides; `off` disables a rule. */
  readonly severities?: Readonly<Record<string, RuleSeveritySetting>>;
}

/**
 * Runs every enabled rule over one model and returns all problems at once, sorted by position. A rule that
 * throws is reported as a problem of its own rather than taking the others down with it.
 */
export function runRules(model: DockerfileModel, options: RuleOptions = {}, rules: readonly Rule[] = ALL_RULES): Problem[] {
  const problems: Problem[] = [];
  for (const rule of rules) {
    const severity = options.severities?.[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    try {
      for (const finding of rule.check(model)) problems.push({ ...finding, ruleId: rule.id, severity });
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
