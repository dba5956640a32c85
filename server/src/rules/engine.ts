import type { RuleSeveritySetting } from '../../../common/src/protocol';
import type { DockerfileModel, InstructionModel } from '../model';
import { movedFrom } from '../model/segments';
import { comparePositions, moveRange } from '../model';
import type { ContextFiles } from '../buildContext/contextFiles';
import type { Finding, Problem, Rule } from './rule';
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
  let next = 0;
  return {
    step() {
      const rule = rules[next++];
      if (rule !== undefined) runRule(rule, model, options, suppressions, context, problems);
      return next >= rules.length;
    },
    problems() {
      return problems.sort((a, b) => comparePositions(a.range.start, b.range.start));
    },
  };
}

function runRule(rule: Rule, model: DockerfileModel, options: RuleOptions, suppressions: Suppressions, context: RunContext, problems: Problem[]): void {
  const ids = [rule.id, ...(rule.aliases ?? [])];
  const configured = ids.map((id) => options.severities?.[id]).find((s) => s !== undefined);
  if (configured === undefined && rule.enabledByDefault === false) return;
  let severity = configured ?? rule.defaultSeverity;
  if (severity === 'off') return;
  if (rule.buildkit) {
    const skipped = suppressions.skippedBuildkit;
    if (skipped === 'all' || skipped.has(rule.id)) return;
    if (suppressions.buildkitAsErrors) severity = 'error';
  }
  try {
    const findings = rule.local === true ? localFindings(rule, model, context) : rule.check(model, { buildContext: context.buildContext });
    for (const finding of findings) {
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

/** What the local rules found in one instruction, by rule ordinal, under one escape character and syntax channel. */
interface LocalMemo {
  readonly context: string;
  readonly byRule: (readonly Finding[] | undefined)[];
}

/** Kept with the instruction object, which the next version reuses when its segment did not change. */
const memos = new WeakMap<InstructionModel, LocalMemo>();
/** Each model's memos in instruction order, looked up once per model rather than once per rule. */
const memosByModel = new WeakMap<DockerfileModel, LocalMemo[]>();
const ruleOrdinals = new Map<string, number>();
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
  const memo: LocalMemo = {
    context,
    byRule: origin !== undefined && earlier !== undefined && earlier.context === context
      ? earlier.byRule.map((findings) => (findings === undefined || findings.length === 0 ? findings : findings.map((f) => shiftFinding(f, origin.lines))))
      : new Array<readonly Finding[] | undefined>(ALL_RULES.length).fill(undefined),
  };
  memos.set(instruction, memo);
  return memo;
}

/**
 * A local rule asked only about the instructions it has not seen (a view of the model whose `instructions`
 * are just those), its earlier answers reused for the rest: a keystroke re-checks one segment.
 */
function localFindings(rule: Rule, model: DockerfileModel, context: RunContext): readonly Finding[] {
  const ordinal = ordinalOf(rule);
  const list = memosOf(model);
  const fresh: InstructionModel[] = [];
  for (const instruction of model.instructions) if (list[instruction.index]?.byRule[ordinal] === undefined) fresh.push(instruction);
  if (fresh.length > 0) {
    const everything = fresh.length === model.instructions.length;
    const view: DockerfileModel = everything ? model : Object.create(model, { instructions: { value: fresh } }) as DockerfileModel;
    const freshIndexes = everything ? undefined : new Set(fresh.map((instruction) => instruction.index));
    const found = new Map<number, Finding[]>();
    for (const finding of rule.check(view, { buildContext: context.buildContext })) {
      const owner = model.instructionAt(finding.range.start.line);
      // A finding outside the instructions asked about: the rule is not local after all; answer in full.
      if (owner === undefined || (freshIndexes !== undefined && !freshIndexes.has(owner.index))) return [...rule.check(model, { buildContext: context.buildContext })];
      const bucket = found.get(owner.index);
      if (bucket === undefined) found.set(owner.index, [finding]);
      else bucket.push(finding);
    }
    for (const instruction of fresh) {
      const memo = list[instruction.index];
      if (memo !== undefined) memo.byRule[ordinal] = found.get(instruction.index) ?? NONE;
    }
  }
  const all: Finding[] = [];
  for (const memo of list) {
    const findings = memo.byRule[ordinal];
    if (findings !== undefined && findings.length > 0) all.push(...findings);
  }
  return all;
}


function shiftFinding(finding: Finding, lines: number): Finding {
  return {
    ...finding,
    range: moveRange(finding.range, lines),
    ...(finding.fixes === undefined ? {} : { fixes: finding.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((edit) => ({ range: moveRange(edit.range, lines), newText: edit.newText })) })) }),
  };
}
