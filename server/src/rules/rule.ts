import type { RuleSeverity } from '../../../common/src/protocol';
import type { DockerfileModel, Range, StageModel } from '../model';
import { comparePositions } from '../model';
import type { ContextFiles } from '../buildContext/contextFiles';

export type { RuleSeverity };

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A mechanical repair, offered as a quick fix in the editor. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly range: Range;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  /** Rendered faded/struck through by editors that support the tags. */
  readonly unnecessary?: boolean;
  readonly deprecated?: boolean;
}

export interface Rule {
  /** Stable id: the diagnostic code, the settings key and the docs page name. */
  readonly id: string;
  readonly defaultSeverity: RuleSeverity;
  /** One line, shown in listings and docs. */
  readonly summary: string;
  /** One of BuildKit's build checks: `# check=skip=...` and `# check=error=true` apply to it. */
  readonly buildkit?: boolean;
  /** Other tools' ids for the same check (hadolint's DL3025 is BuildKit's JSONArgsRecommended): settings and ignore comments under those ids apply too. */
  readonly aliases?: readonly string[];
  /** false: runs only when a setting or .stagecraft.json gives it a severity (as upstream, for opinionated checks). */
  readonly enabledByDefault?: boolean;
  /**
   * The rule looks at each instruction on its own (its text, flags and arguments, with the file's escape
   * character and syntax channel) and reaches instructions only through `model.instructions`. The engine then
   * checks only instructions that changed since the last version and reuses its findings for the others —
   * moved along when lines were added above, so a local rule's messages must not quote line numbers.
   */
  readonly local?: boolean;
  /**
   * The rule judges each stage on its own: its findings lie in the stage they are about, and it reads, besides
   * that stage's instructions, only its ancestor stages (FROM <stage>), the global ARGs, the directives and
   * the table of stages (index, name, base) — never another stage's instructions — and it takes the stages
   * to judge from `stagesToCheck`. The engine then re-checks only stages whose instructions changed, and moves
   * the findings of a stage that lines added or removed above it moved.
   */
  readonly perStage?: boolean;
  /** The rule reads RuleContext.baseImageEnv: its memos are kept per base-image configs version. */
  readonly readsBaseImages?: boolean;
  /**
   * A per-stage rule whose messages quote line numbers ("overridden by line 12"): its findings are not moved
   * along with a stage that moved, the stage is judged again.
   */
  readonly quotesLines?: boolean;
  /**
   * An array, not a generator: a `for...of` inside a generator allocates a result object per step that V8 does
   * not optimize away, and rules loop over every instruction of the file (82 rules × 20k instructions on opening
   * a large file made ~40 MB of such garbage per check, and the rules took twice as long).
   */
  check(model: DockerfileModel, context: RuleContext): readonly Finding[];
}

/** What rules may know beyond the Dockerfile: the build context (for .dockerignore), when there is one. */
export interface RuleContext {
  readonly buildContext: ContextFiles | undefined;
  /**
   * The environment an external base image's config defines (`Config.Env`), when the image is present in the
   * local engine and was read; undefined for images not read. Rules that read it are not memoized across checks
   * that differ in it (the CLI's `--engine` makes one check per file).
   */
  readonly baseImageEnv?: ((image: string) => ReadonlyMap<string, string> | undefined) | undefined;
  /** For a per-stage rule: the stages to judge this time (the engine keeps its findings for the others). */
  readonly stages?: readonly StageModel[] | undefined;
}

/** The stages a per-stage rule judges in this check. */
export function stagesToCheck(model: DockerfileModel, context: RuleContext): readonly StageModel[] {
  return context.stages ?? model.stages;
}

/** A finding with the rule that produced it and the severity in force. */
export interface Problem extends Finding {
  readonly ruleId: string;
  readonly severity: RuleSeverity;
  /** Who found it, when not Stagecraft: `docker build --check` (lint --buildkit). */
  readonly source?: string;
}

/**
 * Problems from two sources (Stagecraft's, then ShellCheck's or `docker build --check`'s) as one list in document
 * order; at the same place the first list's come first.
 */
export function mergeProblems(first: readonly Problem[], second: readonly Problem[]): Problem[] {
  if (second.length === 0) return [...first];
  return [...first, ...second].sort((a, b) => comparePositions(a.range.start, b.range.start));
}
