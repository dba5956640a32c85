import type { Finding, Rule, RuleContext } from '../rule';
import { Span } from '../../model/positions';
import type { Range } from '../../model/positions';

/** What the rules that opted in found in one unit (an instruction, or a stage). Kept small: there is one per instruction. */
export interface UnitMemo {
  /**
   * Findings by rule ordinal, only the non-empty ones (most units have none). Their ranges are their own, not
   * the model's (which move with their instructions, see placeInPlace), and are where they were when the unit
   * started on `line`.
   */
  found: Map<number, readonly Finding[]> | undefined;
  /** The line the unit started on when `found` was last brought up to date (see atLine). */
  line: number;
  /**
   * The rule set (ordinals, joined) of the last check that ran to the end over this unit: those rules' answers
   * are in `found`. A check dropped half-way does not update it, so the next one asks its rules again.
   */
  completeFor: string;
}

const ruleOrdinals = new Map<string, number>();
/** The ordinals of the rules whose messages quote line numbers (Rule.quotesLines). */
const lineQuoting = new Set<number>();

/** A rule's number in the memos' rule sets. */
export function ordinalOf(rule: Rule): number {
  let ordinal = ruleOrdinals.get(rule.id);
  if (ordinal === undefined) {
    ruleOrdinals.set(rule.id, (ordinal = ruleOrdinals.size));
    if (rule.quotesLines === true) lineQuoting.add(ordinal);
  }
  return ordinal;
}

const withoutLineQuotingOf = new Map<string, string>();

/** A rule set (ordinals, joined) without the rules that quote line numbers. */
function withoutLineQuoting(signature: string): string {
  let reduced = withoutLineQuotingOf.get(signature);
  if (reduced === undefined) {
    reduced = signature === '' ? '' : signature.split(',').filter((ordinal) => !lineQuoting.has(Number(ordinal))).join(',');
    withoutLineQuotingOf.set(signature, reduced);
  }
  return reduced;
}

/**
 * The memo with its findings where they are now that its unit starts on `line` (moved copies: earlier
 * versions' problems keep theirs). The findings of rules that quote line numbers are dropped instead, and
 * those rules ask about the unit again.
 */
export function atLine<M extends UnitMemo>(memo: M, line: number): M {
  if (memo.line === line) return memo;
  const lines = line - memo.line;
  memo.line = line;
  memo.completeFor = withoutLineQuoting(memo.completeFor);
  if (memo.found === undefined) return memo;
  const moved = new Map<number, readonly Finding[]>();
  for (const [ordinal, findings] of memo.found) {
    if (!lineQuoting.has(ordinal)) moved.set(ordinal, findings.map((finding) => movedFinding(finding, lines)));
  }
  memo.found = moved.size === 0 ? undefined : moved;
  return memo;
}

/** The finding with ranges of its own, `lines` lower: a rule may report the model's own spans, which move in place. */
function movedFinding(finding: Finding, lines: number): Finding {
  const own = (range: Range): Range => new Span(range.start.line + lines, range.start.character, range.end.line + lines, range.end.character);
  return {
    ...finding,
    range: own(finding.range),
    ...(finding.fixes === undefined ? {} : { fixes: finding.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((edit) => ({ range: own(edit.range), newText: edit.newText })) })) }),
  };
}

const ordinalSets = new Map<string, ReadonlySet<number>>();

function ordinalsOf(signature: string): ReadonlySet<number> {
  let set = ordinalSets.get(signature);
  if (set === undefined) ordinalSets.set(signature, (set = new Set(signature === '' ? [] : signature.split(',').map(Number))));
  return set;
}

/** The units of one model: what can be checked alone, each with the memo the next version reuses if the unit is unchanged. */
export interface Units<U> {
  readonly all: readonly U[];
  /** Parallel to `all`. */
  readonly memos: readonly UnitMemo[];
  /** Position in `all` of the unit a finding lies in. */
  ownerOf(finding: Finding): number | undefined;
  /** The rule's findings on just these units. */
  check(rule: Rule, units: readonly U[], context: RuleContext): readonly Finding[];
}

/** A rule as a memoized run sees it. */
export interface MemoRule {
  readonly rule: Rule;
  readonly ordinal: number;
}

/** Rules that reported outside the units they were asked about: checked in full from then on (a bug in the rule's declaration). */
export const escapedMemoization = new Set<string>();

/**
 * The memoized rules of one check: each is asked only about the units whose memo lacks its answer — after a
 * keystroke, one segment's instructions or one stage — and the memos' answers for the rest are collected once
 * at the end.
 */
export function memoRun<U, R extends MemoRule>(units: Units<U>, rules: readonly R[]): {
  check(entry: R, context: RuleContext, reportNow: (finding: Finding) => void): void;
  collect(reportFound: (entry: R, finding: Finding) => void): void;
} {
  const signature = rules.map((entry) => entry.ordinal).join(',');
  const { all, memos } = units;
  // Units still to check, grouped by the rule set they were last complete for (after a keystroke: one group
  // of a few new units; on opening: one group of all), so a rule finds its units per group, not per unit.
  const pendingBy = new Map<string, number[]>();
  if (rules.length > 0) {
    for (let i = 0; i < all.length; i++) {
      const completeFor = memos[i]?.completeFor ?? '';
      if (completeFor === signature) continue;
      const group = pendingBy.get(completeFor);
      if (group === undefined) pendingBy.set(completeFor, [i]);
      else group.push(i);
    }
  }
  const escaped = new Set<number>();
  return {
    check(entry, context, reportNow) {
      const { rule, ordinal } = entry;
      const groups: number[][] = [];
      let count = 0;
      for (const [completeFor, group] of pendingBy) {
        if (ordinalsOf(completeFor).has(ordinal)) continue;
        groups.push(group);
        count += group.length;
      }
      if (count === 0) return;
      // On opening every unit is fresh for every rule: no list of all of them per rule (20k instructions × 45 rules).
      const fresh = count === all.length ? undefined : groups.flat();
      const freshSet = fresh === undefined ? undefined : new Set(fresh);
      // Made at the first finding: most rules find nothing in most files, and a Map per rule per check was a
      // tenth of what opening the corpus allocated.
      let found: Map<number, Finding[]> | undefined;
      try {
        for (const finding of units.check(rule, fresh === undefined ? all : fresh.map((i) => all[i] as U), context)) {
          const owner = units.ownerOf(finding);
          if (owner === undefined || (freshSet !== undefined && !freshSet.has(owner))) {
            // A finding outside the units asked about: the rule is not what it declared; answer in full, now and from now on.
            escapedMemoization.add(rule.id);
            escaped.add(ordinal);
            for (const any of units.check(rule, all, context)) reportNow(any);
            return;
          }
          const bucket = (found ??= new Map()).get(owner);
          if (bucket === undefined) found.set(owner, [finding]);
          else bucket.push(finding);
        }
      } catch (error) {
        escaped.add(ordinal);
        throw error;
      }
      // Earlier answers of this rule for these units are replaced; new memos have none to clear.
      // Indexed: this runs per rule over every unit on opening, and an iterator here allocated ~15 MB per 20k-line open.
      if (fresh === undefined) for (let i = 0; i < memos.length; i++) memos[i]?.found?.delete(ordinal);
      else for (const i of fresh) memos[i]?.found?.delete(ordinal);
      if (found === undefined) return;
      for (const [i, findings] of found) {
        const memo = memos[i];
        if (memo !== undefined) (memo.found ??= new Map()).set(ordinal, findings.map((finding) => movedFinding(finding, 0)));
      }
    },
    collect(reportFound) {
      const byOrdinal = new Map<number, R>();
      for (const entry of rules) if (!escaped.has(entry.ordinal)) byOrdinal.set(entry.ordinal, entry);
      if (escaped.size === 0) {
        for (const group of pendingBy.values()) {
          for (const i of group) {
            const memo = memos[i];
            if (memo !== undefined) memo.completeFor = signature;
          }
        }
      }
      for (const memo of memos) {
        if (memo.found === undefined) continue;
        for (const [ordinal, findings] of memo.found) {
          const entry = byOrdinal.get(ordinal);
          if (entry !== undefined) for (const finding of findings) reportFound(entry, finding);
        }
      }
    },
  };
}
