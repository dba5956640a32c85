import { DIAGNOSTIC_SOURCE, ruleDocumentationUrl } from '../../../common/src/protocol';
import { buildModel, toCliPosition } from '../model';
import type { Problem } from '../rules/rule';
import { runRules } from '../rules/engine';

export interface FileReport {
  readonly path: string;
  readonly problems: readonly Problem[];
}

export function lintText(path: string, text: string): FileReport {
  const model = buildModel({ uri: path, version: 0, text });
  return { path, problems: runRules(model) };
}

/** `path:line:col severity code message`, one problem per line, 1-based like compilers print. */
export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const problem of report.problems) {
      const { line, column } = toCliPosition(problem.range.start);
      lines.push(`${report.path}:${line}:${column} ${problem.severity} ${problem.ruleId} ${problem.message}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((report) => ({
    path: report.path,
    problems: report.problems.map((problem) => {
      const start = toCliPosition(problem.range.start);
      const end = toCliPosition(problem.range.end);
      return {
        source: DIAGNOSTIC_SOURCE,
        code: problem.ruleId,
        severity: problem.severity,
        message: problem.message,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        documentation: ruleDocumentationUrl(problem.ruleId),
        fixes: (problem.fixes ?? []).map((fix) => fix.title),
      };
    }),
  }));
  return `${JSON.stringify({ files }, null, 2)}\n`;
}

export function hasErrors(reports: readonly FileReport[]): boolean {
  return reports.some((report) => report.problems.some((problem) => problem.severity === 'error'));
}
