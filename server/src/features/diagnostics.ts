import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE, ruleDocumentationUrl } from '../../../common/src/protocol';
import type { DocumentSnapshot, ModelCache } from '../documents/modelCache';
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
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/**
 * Publishes diagnostics without getting in the way of typing: the first version of a document is checked at
 * once, later versions after a quiet period, and a check whose version has been superseded is dropped.
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
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
    if (immediately || this.delayMs === 0) {
      this.publish(uri);
      return;
    }
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.publish(uri);
    }, this.delayMs));
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private publish(uri: string): void {
    void this.settingsReady.then(() => this.publishNow(uri));
  }

  private publishNow(uri: string): void {
    const document = this.currentDocument(uri);
    if (document === undefined) return;
    try {
      const diagnostics = this.cache.problems(document).map(toDiagnostic);
      void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    } catch (error) {
      this.connection.console.error(`Stagecraft could not check ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
}
