import type { Finding, Rule, RuleContext } from '../rule';

/** What the rules that opted in found in one unit (an instruction, or a stage). */
export interface UnitMemo {
  /** Findings by rule ordinal; undefined: the rule has not looked at this unit yet. */
  readonly byRule: (readonly Finding[] | undefined)[];
  /** The ordinals with findings, so collecting skips the (usual) empty rest. */
  readonly found: number[];
  /** The set of rules (their ordinals, joined) this memo has every answer of. */
  completeFor: string;
}

export function emptyMemo(): UnitMemo {
  return { byRule: [], found: [], completeFor: '' };
}

/** The units of one model: what can be checked alone, each with the memo the next version reuses if the unit is unchanged. */
export interface Units<U> {
  readonly all: readonly U[];
  /** Parallel to `all`. */
  readonly memos: readonly UnitMemo[];
  /** Position in `all` of the unit a finding lies in. */
  ownerOf(finding: Finding): number | undefined;
  /** The rule's findings on just these units. */
  check(rule: Rule, units: readonly U[], context: RuleContext): Iterable<Finding>;
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
  const pending: number[] = [];
  if (rules.length > 0) for (let i = 0; i < all.length; i++) if (memos[i]?.completeFor !== signature) pending.push(i);
  const escaped = new Set<number>();
  return {
    check(entry, context, reportNow) {
      const { rule, ordinal } = entry;
      const fresh = pending.filter((i) => memos[i]?.byRule[ordinal] === undefined);
      if (fresh.length === 0) return;
      const freshSet = new Set(fresh);
      const found = new Map<number, Finding[]>();
      try {
        const asked = fresh.length === all.length ? all : fresh.map((i) => all[i] as U);
        for (const finding of units.check(rule, asked, context)) {
          const owner = units.ownerOf(finding);
          if (owner === undefined || !freshSet.has(owner)) {
            // A finding outside the units asked about: the rule is not what it declared; answer in full, now and from now on.
            escapedMemoization.add(rule.id);
            escaped.add(ordinal);
            for (const all of units.check(rule, units.all, context)) reportNow(all);
            return;
          }
          const bucket = found.get(owner);
          if (bucket === undefined) found.set(owner, [finding]);
          else bucket.push(finding);
        }
      } catch (error) {
        escaped.add(ordinal);
        throw error;
      }
      for (const i of fresh) {
        const memo = memos[i];
        if (memo === undefined) continue;
        const findings = found.get(i) ?? NONE;
        memo.byRule[ordinal] = findings;
        if (findings.length > 0) memo.found.push(ordinal);
      }
    },
    collect(reportFound) {
      const byOrdinal = new Map<number, R>();
      for (const entry of rules) if (!escaped.has(entry.ordinal)) byOrdinal.set(entry.ordinal, entry);
      if (escaped.size === 0) for (const i of pending) { const memo = memos[i]; if (memo !== undefined) memo.completeFor = signature; }
      for (const memo of memos) {
        if (memo.found.length === 0) continue;
        for (const ordinal of memo.found) {
          const entry = byOrdinal.get(ordinal);
          const findings = memo.byRule[ordinal];
          if (entry === undefined || findings === undefined) continue;
          for (const finding of findings) reportFound(entry, finding);
        }
      }
    },
  };
}

const NONE: readonly Finding[] = [];
