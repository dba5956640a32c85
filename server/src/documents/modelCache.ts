import type { DockerfileModel } from '../model';
import { buildModel } from '../model';
import { SegmentCache } from '../model/segments';
import type { Problem } from '../rules/rule';
import type { RuleOptions } from '../rules/engine';
import { ruleRun } from '../rules/engine';
import type { RuleRun } from '../rules/engine';
import { ALL_RULES } from '../rules/registry';
import { contextForCheck } from '../buildContext/contextOnDisk';
import { externalBaseImages } from '../model/externalImages';
import { mergeProblems } from '../rules/rule';
import type { ShellCheckService } from '../shellcheck/service';

export interface DocumentSnapshot {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

interface Entry {
  readonly version: number;
  /** Parsed segments of this version, which the next version reuses where its text is unchanged. */
  readonly segments: SegmentCache;
  readonly model: DockerfileModel;
  problems: Problem[] | undefined;
  /** The rule options the problems were computed with (a changed .stagecraft.json gives new ones). */
  problemsOptions: RuleOptions | undefined;
  /** The base images' configs version the problems were computed with. */
  problemsBaseVersion: number;
}

/** What the checks may know of external base images (see workspace/baseImages.ts). */
export interface BaseImageSource {
  readonly enabled: boolean;
  readonly version: number;
  env(image: string): ReadonlyMap<string, string> | undefined;
  /** Asks for these images' configs, off the typing path. */
  request(images: readonly string[]): void;
}

/** How many documents keep their model, and how much text (UTF-16 units) those may add up to. */
export interface ModelLimits {
  readonly documents: number;
  readonly textLength: number;
}

/**
 * A model holds 40–80 times its text in memory (every token and range, the rules' memos). With hundreds of
 * Dockerfiles open that was most of the server's heap, and every full GC walked it on every keystroke; an
 * idle document's model is rebuilt in a few milliseconds when it is asked for again (a 20,000-line file: about
 * a second, which is why the most recently used one is always kept, whatever its size). 600,000 characters of
 * text is about 30 MB of models: sixteen Dockerfiles of any usual size fit, while a second file of thousands of
 * lines does not stay beside a 20,000-line one (whose model and memos are 32 MB); the heap grows to half again
 * what it keeps, so keeping the 5,000-line file of the bench too raised its peak RSS by 8 MB.
 */
export const DEFAULT_MODEL_LIMITS: ModelLimits = { documents: 16, textLength: 600_000 };

/**
 * One model per document version, shared by every feature: hovers, code actions and diagnostics for the
 * same version never parse twice. Problems are cached with the model and dropped when settings change.
 * Only the most recently used documents keep theirs (see ModelLimits): the others are built again on demand.
 */
export class ModelCache {
  /** In order of use, the least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private ruleOptions: RuleOptions = {};
  private baseImages: BaseImageSource | undefined;
  private shellCheck: ShellCheckService | undefined;

  /** `optionsFor(uri, settings)`: the options for one document, e.g. a repository file merged with the settings. */
  constructor(
    private readonly optionsFor: (uri: string, settings: RuleOptions) => RuleOptions = (_uri, settings) => settings,
    private readonly limits: ModelLimits = DEFAULT_MODEL_LIMITS,
  ) {}

  model(document: DocumentSnapshot): DockerfileModel {
    return this.entry(document).model;
  }

  problems(document: DocumentSnapshot): Problem[] {
    const run = this.problemsStepwise(document);
    while (!run.step()) { /* all at once */ }
    return run.problems();
  }

  /**
   * The problems of a version one rule at a time (see `RuleRun`); cached when the last rule has run, and
   * answered from the cache when they are already known.
   */
  problemsStepwise(document: DocumentSnapshot): RuleRun {
    const entry = this.entry(document);
    const options = this.optionsFor(document.uri, this.ruleOptions);
    const base = this.baseImages?.enabled === true ? this.baseImages : undefined;
    const baseVersion = base?.version ?? -1;
    if (entry.problems !== undefined && entry.problemsOptions === options && entry.problemsBaseVersion === baseVersion) {
      const known = entry.problems;
      return { step: () => true, problems: () => known };
    }
    if (base !== undefined) base.request(externalBaseImages(entry.model));
    const run = ruleRun(entry.model, options, ALL_RULES, {
      buildContext: contextForCheck(document.uri),
      ...(base === undefined ? {} : { baseImageEnv: (image: string) => base.env(image), baseImagesVersion: baseVersion }),
    });
    let done = false;
    return {
      step: () => {
        done = done || run.step();
        return done;
      },
      problems: () => {
        const problems = run.problems();
        if (done && this.entries.get(document.uri) === entry) {
          entry.problems = problems;
          entry.problemsOptions = options;
          entry.problemsBaseVersion = baseVersion;
        }
        return problems;
      },
    };
  }

  /** ShellCheck on RUN scripts, when the client allows it (see `shellCheckKnown`). */
  setShellCheck(service: ShellCheckService): void {
    this.shellCheck = service;
  }

  /**
   * ShellCheck's problems for this version from the scripts already checked (at once), plus the hint that it
   * is missing; `pending` when some scripts wait for `completeShellCheck`.
   */
  shellCheckKnown(document: DocumentSnapshot): { problems: Problem[]; pending: boolean } {
    const service = this.shellCheck;
    if (service?.enabled !== true) return { problems: [], pending: false };
    const model = this.entry(document).model;
    const options = this.optionsFor(document.uri, this.ruleOptions);
    const base = this.baseImages?.enabled === true ? this.baseImages : undefined;
    const known = service.known(model, { options, baseImageEnv: base === undefined ? undefined : (image) => base.env(image) });
    return { problems: [...known.problems, ...service.missingHint(model, options)], pending: known.pending };
  }

  /** Runs ShellCheck on this version's scripts not checked yet. */
  async completeShellCheck(document: DocumentSnapshot): Promise<void> {
    await this.shellCheck?.complete(this.entry(document).model);
  }

  /** Stagecraft's problems and ShellCheck's known ones, in document order (what the editor shows). */
  allProblems(document: DocumentSnapshot): Problem[] {
    return mergeProblems(this.problems(document), this.shellCheckKnown(document).problems);
  }

  /** Where checks learn base images' configs; their problems are redone when its version changes. */
  setBaseImages(source: BaseImageSource): void {
    this.baseImages = source;
  }

  setRuleOptions(options: RuleOptions): void {
    this.ruleOptions = options;
    for (const entry of this.entries.values()) entry.problems = undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }

  private entry(document: DocumentSnapshot): Entry {
    const cached = this.entries.get(document.uri);
    if (cached !== undefined) this.entries.delete(document.uri);
    // The text is compared too: a client that sends a change with a stale version number must not get the old model.
    if (cached !== undefined && cached.version === document.version && cached.model.text === document.getText()) {
      this.entries.set(document.uri, cached);
      return cached;
    }
    const segments = cached?.segments ?? new SegmentCache();
    const entry: Entry = {
      version: document.version,
      segments,
      model: buildModel({ uri: document.uri, version: document.version, text: document.getText() }, segments),
      problems: undefined,
      problemsOptions: undefined,
      problemsBaseVersion: -1,
    };
    this.entries.set(document.uri, entry);
    this.evictBeyondLimits();
    return entry;
  }

  private evictBeyondLimits(): void {
    let textLength = 0;
    for (const entry of this.entries.values()) textLength += entry.model.text.length;
    for (const [uri, entry] of this.entries) {
      if (this.entries.size <= 1 || (this.entries.size <= this.limits.documents && textLength <= this.limits.textLength)) return;
      this.entries.delete(uri);
      textLength -= entry.model.text.length;
    }
  }
}

