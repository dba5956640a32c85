import { buildModel } from '../../server/src/model';
import type { DockerfileModel } from '../../server/src/model';
import { runRules } from '../../server/src/rules/engine';
import type { Problem } from '../../server/src/rules/rule';

export function model(text: string): DockerfileModel {
  return buildModel({ uri: 'file:///test/Dockerfile', version: 1, text });
}

/** Problems as `RuleId@line` (1-based), the compact form rule tables compare against. */
export function problemKeys(text: string): string[] {
  return runRules(model(text)).map((p) => `${p.ruleId}@${p.range.start.line + 1}`);
}

export function problems(text: string): Problem[] {
  return runRules(model(text));
}

/** Joins lines with LF; tests that need CRLF say so. */
export function lines(...content: string[]): string {
  return `${content.join('\n')}\n`;
}
