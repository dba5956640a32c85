import { buildModel } from '../../server/src/model';
import type { DockerfileModel } from '../../server/src/model';
import type { RuleOptions } from '../../server/src/rules/engine';
import { runRules } from '../../server/src/rules/engine';
import type { Problem } from '../../server/src/rules/rule';

export function model(text: string): DockerfileModel {
  return buildModel({ uri: 'file:///test/Dockerfile', version: 1, text });
}

/**
 * The rule tables write short fixtures (`FROM a`, `COPY x y`, one RUN after another), which hadolint's
 * untagged-base, relative-destination and consecutive-RUN rules would flag in every case; they are off here unless a test turns them on.
 */
export const FIXTURE_OPTIONS: RuleOptions = { severities: { DL3006: 'off', DL3007: 'off', DL3045: 'off', DL3059: 'off' } };

/** Problems as `RuleId@line` (1-based), the compact form rule tables compare against. */
export function problemKeys(text: string, options: RuleOptions = FIXTURE_OPTIONS): string[] {
  return runRules(model(text), options).map((p) => `${p.ruleId}@${p.range.start.line + 1}`);
}

export function problems(text: string, options: RuleOptions = FIXTURE_OPTIONS): Problem[] {
  return runRules(model(text), options);
}

/** Joins lines with LF; tests that need CRLF say so. */
export function lines(...content: string[]): string {
  return `${content.join('\n')}\n`;
}

/**
 * What a client would receive: the value as JSON. Ranges compare by their numbers — the model keeps Spans,
 * a rule may build a `{ start, end }` literal, and the memo engine's moved findings are Spans again.
 */
export function asSent<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
