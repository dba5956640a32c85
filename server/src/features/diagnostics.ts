import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity, DiagnosticTag } from '../lsp';
import { DIAGNOSTIC_SOURCE, ruleDocumentationUrl } from '../../../common/src/protocol';
import type { DocumentSnapshot, ModelCache } from '../documents/modelCache';
import { mergeProblems } from '../rules/rule';
import type { Problem, RuleSeverity } from '../rules/rule';

const SEVERITY: Readonly<Record<RuleSeverity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(problem: Problem): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (problem.unnecessary) tags.push(DiagnosticTag.Unnecessary);
  if (problem.deprecated) tags.push(DiagnosticTag.Deprecated);
  return {
    range: problem.range,
    severity: SEVERITY[problem.severity],
    code: problem.ruleId,
    codeDescription: { href: ruleDocumentationUrl(problem.ruleId) },
    source: problem.source ?? DIAGNOSTIC_SOURCE,
    message: problem.message,
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/** Changes closer together than this are one burst (a paste, a replace-all, messages queued in the pipe). */
const SETTLE_MS = 3;
/** A check yields to incoming messages after this much work, and is dropped if its version was superseded. */
const SLICE_MS = 8;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A check waiting to start; `cancel` stops it if it has not. */
interface Pending {
  cancel(): void;
}

/**
 * Runs `start` once the messages already received have been handled: vscode-jsonrpc handles one message per
 * event-loop turn, so two turns let the next queued change cancel this check and make the two a burst.
 */
function afterQueuedMessages(start: () => void): Pending {
  let cancelled = false;
  setImmediate(() => setImmediate(() => {
    if (!cancelled) start();
  }));
  return { cancel: () => { cancelled = true; } };
}

function after(delayMs: number, start: () => void): Pending {
  const timer = setTimeout(start, delayMs);
  return { cancel: () => clearTimeout(timer) };
}

/**
 * Publishes diagnostics without getting in the way of typing. The first change after a pause is checked at
 * once (after the messages already queued, so a paste that arrives as many changes is one check); changes
 * closer together than `delayMs` (or SETTLE_MS, a burst) wait for that much quiet and are checked as one, at
 * their last version. A check runs rule by rule, yielding to incoming messages, and is dropped as soon as its
 * version is superseded, so a long check never delays the next keystroke's.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Map<string, Pending>();
  private readonly lastChangeAt = new Map<string, number>();
  private delayMs = 150;
  /** Settings being fetched: checks wait for them so no diagnostic is published with stale severities. */
  private settingsReady: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly cache: ModelCache,
    private readonly currentDocument: (uri: string) => DocumentSnapshot | undefined,
  ) {}

  setDelay(delayMs: number): void {
    this.delayMs = Math.max(0, delayMs);
  }

  waitFor(settingsReady: Promise<void>): void {
    this.settingsReady = settingsReady;
  }

  schedule(uri: string, immediately = false): void {
    this.cancel(uri);
    const now = performance.now();
    const previousChange = this.lastChangeAt.get(uri) ?? -Infinity;
    this.lastChangeAt.set(uri, now);
    const quiet = Math.max(SETTLE_MS, this.delayMs);
    const start = (): void => {
      this.pending.delete(uri);
      void this.publish(uri);
    };
    this.pending.set(uri, immediately || now - previousChange >= quiet ? afterQueuedMessages(start) : after(quiet, start));
  }

  cancel(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    this.lastChangeAt.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const pending of this.pending.values()) pending.cancel();
    this.pending.clear();
  }

  private async publish(uri: string): Promise<void> {
    await this.settingsReady;
    const document = this.currentDocument(uri);
    if (document === undefined) return;
    const { version } = document;
    const stillCurrent = (): boolean => this.currentDocument(uri)?.version === version;
    try {
      const run = this.cache.problemsStepwise(document);
      let sliceStart = performance.now();
      while (!run.step()) {
        if (performance.now() - sliceStart < SLICE_MS) continue;
        await nextTurn();
        if (!stillCurrent()) return;
        sliceStart = performance.now();
      }
      if (!stillCurrent()) return;
      const ours = run.problems();
      // ShellCheck's verdicts on unchanged scripts come at once; the rest follow for the same version when ready.
      const shellCheck = this.cache.shellCheckKnown(document);
      void this.connection.sendDiagnostics({ uri, version, diagnostics: mergeProblems(ours, shellCheck.problems).map(toDiagnostic) });
      if (!shellCheck.pending) return;
      await this.cache.completeShellCheck(document);
      if (!stillCurrent()) return;
      void this.connection.sendDiagnostics({ uri, version, diagnostics: mergeProblems(ours, this.cache.shellCheckKnown(document).problems).map(toDiagnostic) });
    } catch (error) {
      this.connection.console.error(`Stagecraft could not check ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
}
