import type { RuleSeveritySetting } from '../../common/src/protocol';
import type { MultiStageSettings } from './features/multiStageActions';
import type { RuntimeFamily } from './multistage';
import { RUNTIME_FAMILIES } from './multistage';
import type { RuleOptions } from './rules/engine';
import { STAGE_NAME } from './reference/instructions';
import type { FormatSettings } from './features/formatting/format';
import { DEFAULT_FORMAT_SETTINGS } from './features/formatting/format';

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'info', 'hint']);

export interface ServerSettings {
  readonly diagnosticsDelayMs: number;
  readonly rules: RuleOptions;
  readonly multiStage: MultiStageSettings;
  readonly format: FormatSettings;
}

const DEFAULT_MULTI_STAGE: MultiStageSettings = { runtimeFamily: 'alpine', stageName: 'build', newFileName: 'Dockerfile.prod' };

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { diagnosticsDelayMs: 150, rules: {}, multiStage: DEFAULT_MULTI_STAGE, format: DEFAULT_FORMAT_SETTINGS };


function parseMultiStage(raw: unknown): MultiStageSettings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_MULTI_STAGE;
  const record = raw as Record<string, unknown>;
  const family = record['runtimeFamily'];
  const stageName = record['stageName'];
  const newFileName = record['newFileName'];
  return {
    runtimeFamily: typeof family === 'string' && (RUNTIME_FAMILIES as readonly string[]).includes(family) ? family as RuntimeFamily : DEFAULT_MULTI_STAGE.runtimeFamily,
    stageName: typeof stageName === 'string' && STAGE_NAME.test(stageName) ? stageName : DEFAULT_MULTI_STAGE.stageName,
    newFileName: typeof newFileName === 'string' && /^[^/\\]+$/.test(newFileName) ? newFileName : DEFAULT_MULTI_STAGE.newFileName,
  };
}

function parseFormat(raw: unknown): FormatSettings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_FORMAT_SETTINGS;
  const record = raw as Record<string, unknown>;
  return {
    alignedScripts: record['alignedScripts'] === 'reindent' ? 'reindent' : 'keep',
    heredocBodies: record['heredocBodies'] === 'trimTrailingWhitespace' ? 'trimTrailingWhitespace' : 'keep',
  };
}

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
    multiStage: parseMultiStage(record['multiStage']),
    format: parseFormat(record['format']),
  };
}
