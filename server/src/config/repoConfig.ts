import { l10n } from '../locale/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleSeveritySetting } from '../../../common/src/protocol';

export const REPO_CONFIG_FILE = '.stagecraft.json';
const SEVERITIES: ReadonlySet<string> = new Set(['off', 'hint', 'info', 'warning', 'error']);

export interface RepoConfig {
  readonly file: string;
  readonly severities: Readonly<Record<string, RuleSeveritySetting>>;
  /** What was wrong with the file, if anything (the valid parts still apply). */
  readonly problems: readonly string[];
}

/** `{ "rules": { "<RuleId>": "off" | "hint" | "info" | "warning" | "error" } }`, validated entry by entry. */
export function parseRepoConfig(file: string, text: string): RepoConfig {
  const severities: Record<string, RuleSeveritySetting> = {};
  const problems: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { file, severities, problems: [l10n.t`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const rules = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['rules'] : undefined;
  if (rules !== undefined && (typeof rules !== 'object' || rules === null)) problems.push(l10n.t`${file}: "rules" must be an object`);
  for (const [id, value] of Object.entries(typeof rules === 'object' && rules !== null ? rules : {})) {
    if (typeof value === 'string' && SEVERITIES.has(value)) severities[id] = value as RuleSeveritySetting;
    else problems.push(l10n.t`${file}: rule ${id} must be "off", "hint", "info", "warning" or "error"`);
  }
  return { file, severities, problems };
}

const cache = new Map<string, { mtimeMs: number; config: RepoConfig }>();

/** The nearest .stagecraft.json at or above `directory`, re-read when it changes on disk. */
export function repoConfigFor(directory: string): RepoConfig | undefined {
  for (let dir = path.resolve(directory); ; dir = path.dirname(dir)) {
    const file = path.join(dir, REPO_CONFIG_FILE);
    // Asked on every check for every folder up to the root: a missing file must not cost an exception.
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      stat = undefined; // a folder above that cannot be read holds no configuration we could use
    }
    if (stat?.isFile() === true) {
      const cached = cache.get(file);
      if (cached !== undefined && cached.mtimeMs === stat.mtimeMs) return cached.config;
      const config = readRepoConfig(file);
      cache.set(file, { mtimeMs: stat.mtimeMs, config });
      return config;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readRepoConfig(file: string): RepoConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { file, severities: {}, problems: [l10n.t`${file} could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return parseRepoConfig(file, text);
}
