import * as l10nLibrary from '@vscode/l10n';

/**
 * `l10n.t` for server and CLI code, as a plain object: the bundler reaches a CommonJS package's exports
 * through two getters per access, and `l10n.t` runs for every finding of every check. Same call syntax as
 * `@vscode/l10n`, so scripts/l10n-export.mjs finds the messages.
 */
export const l10n: { readonly t: typeof l10nLibrary.t } = { t: l10nLibrary.t };
