import type { RuleSeveritySetting } from '../../common/src/protocol';
import type { RuleOptions } from './rules/engine';

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'info', 'hint']);

export interface ServerSettings {
  readonly diagnosticsDelayMs: number;
  readonly rules: RuleOptions;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { diagnosticsDelayMs: 150, rules: {} };

/** Validates the untyped `stagecraft` settings object a client sends; unknown or bad values fall back. */
export function parseSettings(raw: unknown): ServerSettings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SERVER_SETTINGS;
  const record = raw as Record<string, unknown>;
  const diagnostics = record['diagnostics'];
  const delay = typeof diagnostics === 'object' && diagnostics !== null ? (diagnostics as Record<string, unknown>)['delayMs'] : undefined;
  const severities: Record<string, RuleSeveritySetting> = {};
  const rules = record['rules'];
  if (typeof rules === 'object' && rules !== null) {
    for (const [id, value] of Object.entries(rules)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) severities[id] = value as RuleSeveritySetting;
    }
  }
  return {
    diagnosticsDelayMs: typeof delay === 'number' && Number.isFinite(delay) ? Math.min(Math.max(delay, 0), 5000) : DEFAULT_SERVER_SETTINGS.diagnosticsDelayMs,
    rules: { severities },
  };
}
