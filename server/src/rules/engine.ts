import type { RuleSeveritySetting } from '../../../common/src/protocol';
import type { DockerfileModel, InstructionModel } from '../model';
import { movedFrom } from '../model/segments';
import { comparePositions, moveRange } from '../model';
import type { ContextFiles } from '../buildContext/contextFiles';
import type { Finding, Problem, Rule, RuleSeverity } from './rule';
import { ALL_RULES } from './registry';
import { readSuppressions } from './suppressions';
import type { Suppressions } from './suppressions';

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
    if (severity !== undefined) enabled.push({ rule, severity, ids: idsOf(rule), ordinal: ordinalOf(rule), local: rule.local === true && !escapedLocality.has(rule.id) });
  }
  const local = localRun(model, enabled.filter((e) => e.local));
  let next = 0;
  let collected = false;
  return {
    step() {
      const entry = enabled[next++];
      if (entry !== undefined) {
        if (entry.local) local.check(entry, context, (finding) => report(entry, finding, model.instructionAt(finding.range.start.line), suppressions, problems));
        else runGlobal(entry, model, suppressions, context, problems);
      }
      return next >= enabled.length;
    },
    problems() {
      if (!collected) {
        collected = true;
        local.collect((entry, finding, instruction) => report(entry, finding, instruction, suppressions, problems));
      }
      return problems.sort((a, b) => comparePositions(a.range.start, b.range.start));
    },
  };
}

/** A rule that runs in this check, with what reporting its findings needs. */
interface EnabledRule {
  readonly rule: Rule;
  readonly severity: RuleSeverity;
  readonly ids: readonly string[];
  readonly ordinal: number;
  readonly local: boolean;
}

function idsOf(rule: Rule): readonly string[] {
  return rule.aliases === undefined ? [rule.id] : [rule.id, ...rule.aliases];
}

/** The severity a rule runs with here, or undefined when settings or the file's `# check=` directive turn it off. */
function severityOf(rule: Rule, options: RuleOptions, suppressions: Suppressions): RuleSeverity | undefined {
  const configured = idsOf(rule).map((id) => options.severities?.[id]).find((s) => s !== undefined);
  if (configured === undefined && rule.enabledByDefault === false) return undefined;
  const severity = configured ?? rule.defaultSeverity;
  if (severity === 'off') return undefined;
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

function runGlobal(entry: EnabledRule, model: DockerfileModel, suppressions: Suppressions, context: RunContext, problems: Problem[]): void {
  try {
    for (const finding of entry.rule.check(model, { buildContext: context.buildContext })) report(entry, finding, model.instructionAt(finding.range.start.line), suppressions, problems);
  } catch (error) {
    problems.push(internalError(entry.rule, error));
  }
}

function internalError(rule: Rule, error: unknown): Problem {
  return {
    ruleId: 'InternalError',
    severity: 'warning',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `Stagecraft's ${rule.id} check failed on this file (${error instanceof Error ? error.message : String(error)}). Please report it.`,
  };
}

/** What the local rules found in one instruction, under one escape character and syntax channel. */
interface LocalMemo {
  readonly context: string;
  /** Findings by rule ordinal; undefined: the rule has not looked at this instruction yet. */
  readonly byRule: (readonly Finding[] | undefined)[];
  /** The ordinals with findings, so collecting skips the (usual) empty rest. */
  readonly found: number[];
  /** The set of local rules (their ordinals, joined) this memo has every answer of. */
  completeFor: string;
}

/** Kept with the instruction object, which the next version reuses when its segment did not change. */
const memos = new WeakMap<InstructionModel, LocalMemo>();
/** Each model's memos in instruction order, looked up once per model. */
const memosByModel = new WeakMap<DockerfileModel, LocalMemo[]>();
const ruleOrdinals = new Map<string, number>();
/** Rules marked local that reported outside the instructions they were asked about: checked in full from then on. */
const escapedLocality = new Set<string>();
const NONE: readonly Finding[] = [];

function ordinalOf(rule: Rule): number {
  let ordinal = ruleOrdinals.get(rule.id);
  if (ordinal === undefined) ruleOrdinals.set(rule.id, (ordinal = ruleOrdinals.size));
  return ordinal;
}

function memosOf(model: DockerfileModel): LocalMemo[] {
  let list = memosByModel.get(model);
  if (list === undefined) {
    const context = `${model.escapeChar}\u0000${String(model.labsSyntax)}`;
    list = model.instructions.map((instruction) => memoOf(instruction, context));
    memosByModel.set(model, list);
  }
  return list;
}

/**
 * The memo of an instruction: its own, or that of the instruction it was moved from (a line added above its
 * segment moves it without changing it) with every range moved along, or a new empty one.
 */
function memoOf(instruction: InstructionModel, context: string): LocalMemo {
  const own = memos.get(instruction);
  if (own !== undefined && own.context === context) return own;
  const origin = movedFrom(instruction);
  const earlier = origin === undefined ? undefined : memos.get(origin.instruction);
  const memo: LocalMemo = origin !== undefined && earlier !== undefined && earlier.context === context
    ? {
      context,
      byRule: origin.lines === 0 ? [...earlier.byRule] : earlier.byRule.map((findings) => (findings === undefined || findings.length === 0 ? findings : findings.map((f) => shiftFinding(f, origin.lines)))),
      found: [...earlier.found],
      completeFor: earlier.completeFor,
    }
    : { context, byRule: [], found: [], completeFor: '' };
  memos.set(instruction, memo);
  return memo;
}

/**
 * The local rules of one check: each is asked only about the instructions whose memo lacks its answer (a
 * view of the model whose `instructions` are just those) — after a keystroke, one segment's — and the
 * memos' answers for the rest are collected once at the end.
 */
function localRun(model: DockerfileModel, rules: readonly EnabledRule[]): {
  check(entry: EnabledRule, context: RunContext, reportNow: (finding: Finding) => void): void;
  collect(reportFound: (entry: EnabledRule, finding: Finding, instruction: InstructionModel) => void): void;
} {
  const signature = rules.map((entry) => entry.ordinal).join(',');
  const list = rules.length === 0 ? [] : memosOf(model);
  const pending: InstructionModel[] = [];
  if (rules.length > 0) for (const instruction of model.instructions) if (list[instruction.index]?.completeFor !== signature) pending.push(instruction);
  const escaped = new Set<number>();
  return {
    check(entry, context, reportNow) {
      const { rule, ordinal } = entry;
      const fresh = pending.filter((instruction) => list[instruction.index]?.byRule[ordinal] === undefined);
      if (fresh.length === 0) return;
      const everything = fresh.length === model.instructions.length;
      const view: DockerfileModel = everything ? model : Object.create(model, { instructions: { value: fresh } }) as DockerfileModel;
      const freshIndexes = everything ? undefined : new Set(fresh.map((instruction) => instruction.index));
      const found = new Map<number, Finding[]>();
      try {
        for (const finding of rule.check(view, { buildContext: context.buildContext })) {
          const owner = model.instructionAt(finding.range.start.line);
          if (owner === undefined || (freshIndexes !== undefined && !freshIndexes.has(owner.index))) {
            // A finding outside the instructions asked about: the rule is not local after all; answer in full, now and from now on.
            escapedLocality.add(rule.id);
            escaped.add(ordinal);
            for (const memo of list) memo.completeFor = '';
            for (const all of rule.check(model, { buildContext: context.buildContext })) reportNow(all);
            return;
          }
          const bucket = found.get(owner.index);
          if (bucket === undefined) found.set(owner.index, [finding]);
          else bucket.push(finding);
        }
      } catch (error) {
        escaped.add(ordinal);
        reportNow(internalError(rule, error));
        return;
      }
      for (const instruction of fresh) {
        const memo = list[instruction.index];
        if (memo === undefined) continue;
        const findings = found.get(instruction.index) ?? NONE;
        memo.byRule[ordinal] = findings;
        if (findings.length > 0) memo.found.push(ordinal);
      }
    },
    collect(reportFound) {
      const byOrdinal = new Map<number, EnabledRule>();
      for (const entry of rules) if (!escaped.has(entry.ordinal)) byOrdinal.set(entry.ordinal, entry);
      for (const instruction of pending) {
        const memo = list[instruction.index];
        if (memo !== undefined && escaped.size === 0) memo.completeFor = signature;
      }
      for (const instruction of model.instructions) {
        const memo = list[instruction.index];
        if (memo === undefined || memo.found.length === 0) continue;
        for (const ordinal of memo.found) {
          const entry = byOrdinal.get(ordinal);
          const findings = memo.byRule[ordinal];
          if (entry === undefined || findings === undefined) continue;
          for (const finding of findings) reportFound(entry, finding, instruction);
        }
      }
    },
  };
}


function shiftFinding(finding: Finding, lines: number): Finding {
  return {
    ...finding,
    range: moveRange(finding.range, lines),
    ...(finding.fixes === undefined ? {} : { fixes: finding.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((edit) => ({ range: moveRange(edit.range, lines), newText: edit.newText })) })) }),
  };
}
