'use strict';
// VS Code runs in a display language only when a language pack for it is registered in the user-data dir's
// languagepacks.json (desktop and code-server alike). A pack with no translations is enough: every core string
// stays English, but VS Code (and so vscode.env.language and each extension's l10n bundle) is in that language.
const fs = require('node:fs');
const path = require('node:path');

/** Registers an empty language pack for `locale` in `userDataDir`; `scratch` holds its (empty) translations. */
function seedLanguagePack(userDataDir, locale, scratch) {
  const translations = path.join(scratch, `core-translations.${locale}.json`);
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({
    [locale]: { hash: 'stagecraft-test', extensions: [{ extensionIdentifier: { id: 'stagecraft.test-language-pack' }, version: '0.0.0' }], translations: { vscode: translations }, label: locale },
  }));
}

module.exports = { seedLanguagePack };
