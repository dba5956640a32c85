// Bundles the three shipped programs: the VS Code client, the language server, and the CLI.
import { build } from 'esbuild';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { STAGECRAFT_BUILD_VERSION: JSON.stringify(version) },
};

const bundles = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // dist/server.js is the launcher editors start; it runs dist/server-main.js from V8's code cache.
  { ...common, entryPoints: ['server/src/launcher/main.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server-main.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
await Promise.all(bundles.map((options) => build(options)));
// esbuild escapes what is not ASCII in strings, but not in tagged templates (whose raw text would change; our
// l10n.t tag reads the cooked text) or in regular expressions. A single `—` left there made V8 keep the whole
// bundle's source two bytes per character, the server's largest object (0.9 MB instead of 0.5) for as long as
// it runs. A `\uXXXX` escape means the same character in all of those places.
for (const { outfile: bundle } of bundles) {
  const source = readFileSync(bundle, 'utf8');
  // After a backslash the escape would itself be escaped (`\—` is `—`, `\\u2014` is not).
  if (/\\[^\u0000-\u00ff]/.test(source)) throw new Error(`${bundle}: a backslash before a character beyond Latin-1; write the character as \\uXXXX in the source`);
  const latin1 = source.replace(/[^\u0000-\u00ff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (latin1 !== source) writeFileSync(bundle, latin1);
}
// The package bin: `npx stagecraft` runs it directly, and a fresh build writes it without the execute bit.
chmodSync('dist/cli.js', 0o755);
