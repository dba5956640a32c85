import { DIAGNOSTIC_SOURCE, ruleDocumentationUrl } from '../../../common/src/protocol';
import type { RuleSeverity } from '../../../common/src/protocol';
import { buildModel, toCliPosition } from '../model';
import type { DockerfileModel } from '../model';
import type { Problem } from '../rules/rule';
import type { RuleOptions, RunContext } from '../rules/engine';
import { runRules } from '../rules/engine';
import { ALL_RULES, ruleById } from '../rules/registry';
import type { ContextFiles } from '../buildContext/contextFiles';
import { STAGECRAFT_VERSION } from '../version';

export interface FileReport {
  readonly path: string;
  readonly problems: readonly Problem[];
}

export function lintText(path: string, text: string, options: RuleOptions = {}, buildContext?: ContextFiles): FileReport {
  return lintModel(buildModel({ uri: path, version: 0, text }), options, { buildContext });
}

export function lintModel(model: DockerfileModel, options: RuleOptions, context: RunContext): FileReport {
  return { path: model.uri, problems: runRules(model, options, ALL_RULES, context) };
}

export { externalBaseImages } from '../model/externalImages';

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
        source: problem.source ?? DIAGNOSTIC_SOURCE,
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

export type FailLevel = RuleSeverity | 'none';
const RANK: Readonly<Record<RuleSeverity, number>> = { hint: 0, info: 1, warning: 2, error: 3 };

/** Whether any problem is at or above the level that fails the run (`none`: never). */
export function failsAt(reports: readonly FileReport[], level: FailLevel): boolean {
  if (level === 'none') return false;
  return reports.some((report) => report.problems.some((problem) => RANK[problem.severity] >= RANK[level]));
}

const SARIF_LEVEL: Readonly<Record<RuleSeverity, string>> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, as GitHub code scanning and most CI dashboards read it. */
export function formatSarif(reports: readonly FileReport[]): string {
  const ids = [...new Set(reports.flatMap((r) => r.problems.map((p) => p.ruleId)))].sort();
  const sarif = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: {
        driver: {
          name: 'stagecraft',
          version: STAGECRAFT_VERSION,
          informationUri: ruleDocumentationUrl('README').replace(/\/README\.md$/, ''),
          rules: ids.map((id) => ({ id, shortDescription: { text: ruleById(id)?.summary ?? (/^SC\d+$/.test(id) ? `ShellCheck ${id}` : id) }, helpUri: ruleDocumentationUrl(id) })),
        },
      },
      results: reports.flatMap((report) => report.problems.map((problem) => {
        const start = toCliPosition(problem.range.start);
        const end = toCliPosition(problem.range.end);
        return {
          ruleId: problem.ruleId,
          level: SARIF_LEVEL[problem.severity],
          message: { text: problem.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: report.path }, region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column } } }],
        };
      })),
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Checkstyle XML, which Jenkins, GitLab and reviewdog read. */
export function formatCheckstyle(reports: readonly FileReport[]): string {
  const files = reports.map((report) => [
    `  <file name="${xml(report.path)}">`,
    ...report.problems.map((problem) => {
      const at = toCliPosition(problem.range.start);
      const severity = problem.severity === 'hint' ? 'info' : problem.severity;
      return `    <error line="${at.line}" column="${at.column}" severity="${severity}" message="${xml(problem.message)}" source="${problem.source === 'shellcheck' ? 'shellcheck' : 'stagecraft'}.${problem.ruleId}"/>`;
    }),
    '  </file>',
  ].join('\n'));
  return `<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n${files.join('\n')}${files.length > 0 ? '\n' : ''}</checkstyle>\n`;
}
