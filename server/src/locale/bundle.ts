import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';

/**
 * A translation bundle as VS Code ships it (`l10n/bundle.l10n.<language>.json`): English text → translated text.
 * Client and server strings share one bundle, so a translator works on one file.
 */
export type L10nBundle = Readonly<Record<string, string>>;

export function isL10nBundle(value: unknown): value is L10nBundle {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.values(value).every((text) => typeof text === 'string');
}

/**
 * Every `l10n.t` call from now on translates through this bundle. Called once, before the first message is made:
 * rules' findings are memoized, so changing the language later would leave old findings in the old language.
 */
export function useL10nBundle(bundle: L10nBundle | undefined): void {
  l10n.config({ contents: bundle === undefined ? {} : { ...bundle } });
}

/** `de_DE.UTF-8` → `de`, `pt_BR` → `pt-br` (VS Code's bundle names); `C`/`POSIX`/empty → undefined (English). */
export function languageOfLocale(locale: string | undefined): string | undefined {
  const name = locale?.split(/[.@]/)[0]?.trim().toLowerCase().replace('_', '-');
  if (name === undefined || name === '' || name === 'c' || name === 'posix' || name === 'en' || name.startsWith('en-')) return undefined;
  return name;
}

/**
 * The CLI's bundle: `STAGECRAFT_L10N_BUNDLE` (a file, for translators trying theirs), else the bundle for the
 * language of `LC_ALL`/`LC_MESSAGES`/`LANG` in the package's `l10n/` folder (exact, then the language alone).
 * A bundle that is missing is English; one that is unreadable is an error the caller reports.
 */
export function cliBundle(env: NodeJS.ProcessEnv, l10nFolder: string): { bundle?: L10nBundle; error?: string } {
  const explicit = env['STAGECRAFT_L10N_BUNDLE'];
  const language = languageOfLocale(env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG']);
  const candidates = explicit ? [explicit] : language === undefined ? [] : [...new Set([language, language.split('-')[0] ?? language])]
    .map((name) => path.join(l10nFolder, `bundle.l10n.${name}.json`))
    .filter((file) => fs.existsSync(file));
  const file = candidates[0];
  if (file === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!isL10nBundle(parsed)) return { error: `${file}: not a translation bundle (an object of strings)` };
    return { bundle: parsed };
  } catch (error) {
    return { error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
