import { l10n } from '../locale/l10n';
import type { DockerfileModel, InstructionModel } from '../model';
import type { Problem } from '../rules/rule';
import type { RuleOptions } from '../rules/engine';
import { readSuppressions, shellCheckDisabled } from '../rules/suppressions';
import { SHELLCHECK_SOURCE, shellCheckProblems } from './findings';
import { ShellCheckMissing, ShellCheckRunner } from './runner';
import type { ScriptVerdict } from './runner';
import { runScripts } from './scripts';
import type { RunScript } from './scripts';

/** Verdicts kept (by script text and dialect): every RUN of many open files, and their recent versions. */
const CACHE_ENTRIES = 20_000;

export interface ShellCheckContext {
  readonly options: RuleOptions;
  readonly baseImageEnv?: ((image: string) => ReadonlyMap<string, string> | undefined) | undefined;
}

/**
 * ShellCheck on the RUN scripts of Dockerfiles, off the typing path: `known` answers at once from the verdicts
 * already in (a script whose text did not change is never checked again), `complete` runs ShellCheck on the
 * scripts not yet known. One instance per server or CLI run; `configure(undefined)` turns it off.
 */
export class ShellCheckService {
  #runner: ShellCheckRunner | undefined;
  #missing: string | undefined;
  readonly #verdicts = new Map<string, ScriptVerdict>();
  readonly #checking = new Map<string, Promise<void>>();
  readonly #scripts = new WeakMap<DockerfileModel, RunScript[]>();

  constructor(private readonly log: (line: string) => void = () => undefined) {}

  /** The executable to run (`shellcheck` on PATH, or the setting's path); undefined: ShellCheck off. */
  configure(executable: string | undefined): void {
    if (executable === this.#runner?.executable) return;
    this.#runner = executable === undefined ? undefined : new ShellCheckRunner(executable);
    this.#missing = undefined;
    this.#verdicts.clear();
  }

  get enabled(): boolean {
    return this.#runner !== undefined;
  }

  /** Why ShellCheck cannot run (the executable is missing), once a run found out; undefined otherwise. */
  get missing(): string | undefined {
    return this.#missing;
  }

  /**
   * The one quiet hint an editor shows when ShellCheck is missing: on the first RUN it would have checked, with
   * how to install it. Turned off like a rule (`ShellCheckMissing: off`).
   */
  missingHint(model: DockerfileModel, options: RuleOptions): Problem[] {
    const severity = options.severities?.['ShellCheckMissing'];
    const first = this.#missing === undefined ? undefined : this.scriptsOf(model)[0];
    if (severity === 'off' || first === undefined) return [];
    return [{
      ruleId: 'ShellCheckMissing', severity: severity ?? 'hint', source: SHELLCHECK_SOURCE, range: first.instruction.keywordRange,
      message: l10n.t`ShellCheck was not found (${this.#missing ?? ''}), so the shell scripts in RUN are not checked. Install it (apt-get install shellcheck, brew install shellcheck, winget install koalaman.shellcheck) or set stagecraft.shellcheck.path.`,
    }];
  }

  scriptsOf(model: DockerfileModel): readonly RunScript[] {
    let scripts = this.#scripts.get(model);
    if (scripts === undefined) this.#scripts.set(model, (scripts = runScripts(model)));
    return scripts;
  }

  /** ShellCheck's problems for the scripts already checked; `pending` when some are not yet. */
  known(model: DockerfileModel, context: ShellCheckContext): { problems: Problem[]; pending: boolean } {
    if (this.#runner === undefined) return { problems: [], pending: false };
    const scripts = this.scriptsOf(model);
    if (scripts.length === 0) return { problems: [], pending: false };
    if (this.#missing !== undefined) return { problems: [], pending: false };
    // Most scripts have no comments: the file's ignore comments are read only when one has.
    let ignoredAt: ReadonlyMap<number, ReadonlySet<string>> | undefined;
    const problems: Problem[] = [];
    let pending = false;
    for (const script of scripts) {
      const verdict = this.#verdicts.get(script.key);
      if (verdict === undefined) pending = true;
      else if (verdict.length > 0) {
        ignoredAt ??= readSuppressions(model).ignoredAt;
        const ignored = [...ignoredAt.get(script.instruction.range.start.line) ?? [], ...disabledWithin(model, script.instruction)];
        problems.push(...shellCheckProblems(model, script, verdict, { severities: context.options.severities, ignored: new Set(ignored), baseImageEnv: context.baseImageEnv }));
      }
    }
    return { problems, pending };
  }

  /** Checks the model's scripts that are not known yet (each once, however many callers ask). */
  async complete(model: DockerfileModel, signal?: AbortSignal): Promise<void> {
    const runner = this.#runner;
    if (runner === undefined || this.#missing !== undefined) return;
    const waits: Promise<void>[] = [];
    const fresh = new Map<string, RunScript>();
    for (const script of this.scriptsOf(model)) {
      const { key } = script;
      if (this.#verdicts.has(key) || fresh.has(key)) continue;
      const running = this.#checking.get(key);
      if (running !== undefined) waits.push(running);
      else fresh.set(key, script);
    }
    if (fresh.size > 0) {
      const scripts = [...fresh.values()];
      const run = runner.check(scripts, signal).then((verdicts) => {
        if (this.#runner !== runner) return;
        scripts.forEach((script, index) => this.#remember(script.key, verdicts[index] ?? []));
      }, (error: unknown) => {
        if (error instanceof ShellCheckMissing) this.#missing = error.message;
        else if (!(error instanceof Error && error.name === 'AbortError')) this.log(`ShellCheck failed: ${error instanceof Error ? error.message : String(error)}`);
      }).finally(() => {
        for (const key of fresh.keys()) this.#checking.delete(key);
      });
      for (const key of fresh.keys()) this.#checking.set(key, run);
      waits.push(run);
    }
    await Promise.all(waits);
  }

  #remember(key: string, verdict: ScriptVerdict): void {
    this.#verdicts.delete(key);
    this.#verdicts.set(key, verdict);
    if (this.#verdicts.size > CACHE_ENTRIES) {
      const oldest = this.#verdicts.keys().next().value;
      if (oldest !== undefined) this.#verdicts.delete(oldest);
    }
  }
}

/**
 * The codes `# shellcheck disable=` comment lines inside a RUN's continuation name: the builder drops those
 * lines, so ShellCheck never sees them, but they are meant for this RUN.
 */
function disabledWithin(model: DockerfileModel, instruction: InstructionModel): string[] {
  const codes: string[] = [];
  // Directives inside a heredoc body are the script's own: ShellCheck reads those itself.
  const last = instruction.heredocs[0]?.range.start.line ?? instruction.range.end.line;
  for (let line = instruction.range.start.line + 1; line <= last; line++) {
    const comment = /^\s*#(.*)$/.exec(model.lines.lineText(line))?.[1];
    if (comment !== undefined) codes.push(...shellCheckDisabled(comment) ?? []);
  }
  return codes;
}
