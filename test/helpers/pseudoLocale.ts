import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

/**
 * A pseudo-locale bundle: every message of the shipped `l10n/bundle.l10n.json`, bracketed ⟦…⟧, so text that did
 * not come through the bundle shows up unbracketed.
 */
export function pseudoBundle(): Record<string, string> {
  const english = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.keys(english).map((key) => [key, `⟦${key}⟧`]));
}
