import { l10n } from '../locale/l10n';
import type { RuleSeveritySetting } from '../../../common/src/protocol';
import type { DockerfileModel, InstructionModel } from '../model';
import { comparePositions } from '../model';
import type { ContextFiles } from '../buildContext/contextFiles';
import type { Finding, Problem, Rule, RuleSeverity } from './rule';
import { ALL_RULES } from './registry';
import { readSuppressions } from './suppressions';
import type { Suppressions } from './suppressions';
import { escapedMemoization, memoRun, ordinalOf } from './memo/memoRun';
import { instructionUnits } from './memo/instructionUnits';
import { stageUnits } from './memo/stageUnits';

export interface RuleOptions {
  /** Per-rule severity overrides; `off` disables a rule. */
  readonly severities?: Readonly<Record<string, RuleSeveritySetting>>;
}

export interface RunContext {
  /** The build context on disk, for rules that read .dockerignore; undefined for unsaved documents. */
  readonly buildContext?: ContextFiles | undefined;
  /** See RuleContext.baseImageEnv. */
  readonly baseImageEnv?: ((image: string) => ReadonlyMap<string, string> | undefined) | undefined;
  /**
   * Changes whenever what baseImageEnv knows changes: the memos of rules that read it (Rule.readsBaseImages)
   * are kept per version, so a check with new configs asks those rules again instead of reusing old answers.
   */
  readonly baseImagesVersion?: number | undefined;
}

/**
 * Runs every enabled rule over one model and returns all problems at once, sorted by position. A rule that
 * throws is reported as a problem of its own rather than taking the others down with it.
 */
export function runRules(model: DockerfileModel, options: RuleOptions = {}, rules: readonly Rule[] = ALL_RULES, context: RunContext = {}): Problem[] {
  const run = ruleRun(model, options, rules, context);
  while (!run.step()) { /* all at once */ }
  return run.problems();
}

/**
 * The same work one rule at a time, so a caller can yield between rules and drop the run when the document
 * changes under it (a long check must not hold up the next keystroke's).
 */
export interface RuleRun {
  /** Runs the next rule; true once every rule has run. */
  step(): boolean;
  problems(): Problem[];
}

export function ruleRun(model: DockerfileModel, options: RuleOptions = {}, rules: readonly Rule[] = ALL_RULES, context: RunContext = {}): RuleRun {
  const problems: Problem[] = [];
  const suppressions = readSuppressions(model);
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, options, suppressions);
    if (severity === undefined) continue;
    const memoized = escapedMemoization.has(rule.id) ? undefined : rule.local === true ? 'instruction' : rule.perStage === true ? 'stage' : undefined;
    const ordinal = rule.readsBaseImages === true && context.baseImagesVersion !== undefined
      ? ordinalOf({ ...rule, id: `${rule.id}@base-images-${context.baseImagesVersion}` })
      : ordinalOf(rule);
    enabled.push({ rule, severity, ids: idsOf(rule), ordinal, memoized });
  }
  const rank = new Map(enabled.map((entry, index) => [entry.rule.id, index]));
  const byInstruction = memoRun(instructionUnits(model), enabled.filter((e) => e.memoized === 'instruction'));
  const byStage = memoRun(stageUnits(model), enabled.filter((e) => e.memoized === 'stage'));
  // Both kinds of units have found their memos through the moved instructions' links: no one follows them now.
  const reportHere = (entry: EnabledRule, finding: Finding): void => report(entry, finding, model.instructionAt(finding.range.start.line), suppressions, problems);
  const ruleContext = { buildContext: context.buildContext, baseImageEnv: context.baseImageEnv };
  let next = 0;
  let collected = false;
  return {
    step() {
      const entry = enabled[next++];
      if (entry !== undefined) {
        try {
          if (entry.memoized === 'instruction') byInstruction.check(entry, ruleContext, (finding) => reportHere(entry, finding));
          else if (entry.memoized === 'stage') byStage.check(entry, ruleContext, (finding) => reportHere(entry, finding));
          else for (const finding of entry.rule.check(model, ruleContext)) reportHere(entry, finding);
        } catch (error) {
          problems.push(internalError(entry.rule, error));
        }
      }
      return next >= enabled.length;
    },
    problems() {
      if (!collected) {
        collected = true;
        byInstruction.collect(reportHere);
        byStage.collect(reportHere);
      }
      // Problems of two rules at one position come in the rules' order, whichever memo (or none) kept them.
      return problems.sort((a, b) => comparePositions(a.range.start, b.range.start) || (rank.get(a.ruleId) ?? -1) - (rank.get(b.ruleId) ?? -1));
    },
  };
}

/** A rule that runs in this check, with what reporting its findings needs. */
interface EnabledRule {
  readonly rule: Rule;
  readonly severity: RuleSeverity;
  readonly ids: readonly string[];
  readonly ordinal: number;
  /** Checked unit by unit with answers kept for unchanged units (see Rule.local and Rule.perStage). */
  readonly memoized: 'instruction' | 'stage' | undefined;
}

/** Made once per rule: every check of every document asks for each rule's ids. */
const idsByRule = new WeakMap<Rule, readonly string[]>();

function idsOf(rule: Rule): readonly string[] {
  let ids = idsByRule.get(rule);
  if (ids === undefined) idsByRule.set(rule, (ids = rule.aliases === undefined ? [rule.id] : [rule.id, ...rule.aliases]));
  return ids;
}

/** The severity a rule runs with here, or undefined when settings or the file's `# check=` directive turn it off. */
function severityOf(rule: Rule, options: RuleOptions, suppressions: Suppressions): RuleSeverity | undefined {
  let configured: RuleSeveritySetting | undefined;
  if (options.severities !== undefined) {
    for (const id of idsOf(rule)) {
      configured = options.severities[id];
      if (configured !== undefined) break;
    }
  }
  // BuildKit's experimental checks run when the file's `# check=experimental=` names them, even under skip=all.
  const experimental = suppressions.experimentalBuildkit;
  const turnedOnByFile = rule.buildkit === true && rule.enabledByDefault === false && (experimental === 'all' || experimental.has(rule.id));
  if (configured === undefined && rule.enabledByDefault === false && !turnedOnByFile) return undefined;
  const severity = configured ?? rule.defaultSeverity;
  if (severity === 'off') return undefined;
  if (turnedOnByFile) return suppressions.buildkitAsErrors ? 'error' : severity;
  if (rule.buildkit) {
    const skipped = suppressions.skippedBuildkit;
    if (skipped === 'all' || skipped.has(rule.id)) return undefined;
    if (suppressions.buildkitAsErrors) return 'error';
  }
  return severity;
}

function report(entry: EnabledRule, finding: Finding, instruction: InstructionModel | undefined, suppressions: Suppressions, problems: Problem[]): void {
  const ignored = instruction === undefined ? undefined : suppressions.ignoredAt.get(instruction.range.start.line);
  if (ignored !== undefined && entry.ids.some((id) => ignored.has(id))) return;
  problems.push({ ...finding, ruleId: entry.rule.id, severity: entry.severity });
}

function internalError(rule: Rule, error: unknown): Problem {
  return {
    ruleId: 'InternalError',
    severity: 'warning',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: l10n.t`Stagecraft's ${rule.id} check failed on this file (${error instanceof Error ? error.message : String(error)}). Please report it.`,
  };
}

