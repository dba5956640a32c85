import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleOptions } from '../rules/engine';
import { repoConfigFor } from './repoConfig';
import type { RepoConfig } from './repoConfig';

const merged = new WeakMap<RepoConfig, WeakMap<RuleOptions, RuleOptions>>();

/**
 * Severities for one Dockerfile: the repository's .stagecraft.json (so `stagecraft lint` in CI and the editor
 * agree), overridden by the editor's stagecraft.rules setting. The same objects come back while nothing
 * changed, so cached problems stay valid.
 */
export function ruleOptionsForUri(uri: string, settings: RuleOptions): RuleOptions {
  if (!uri.startsWith('file:')) return settings;
  const config = repoConfigFor(path.dirname(fileURLToPath(uri)));
  if (config === undefined) return settings;
  let bySettings = merged.get(config);
  if (bySettings === undefined) {
    bySettings = new WeakMap();
    merged.set(config, bySettings);
  }
  let options = bySettings.get(settings);
  if (options === undefined) {
    options = { severities: { ...config.severities, ...settings.severities } };
    bySettings.set(settings, options);
  }
  return options;
}

export function ruleOptionsForFile(file: string): RuleOptions {
  return { severities: { ...repoConfigFor(path.dirname(path.resolve(file)))?.severities } };
}
