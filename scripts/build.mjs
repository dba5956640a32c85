// Bundles the three shipped programs: the VS Code client, the language server, and the CLI.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

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

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // dist/server.js is the launcher editors start; it runs dist/server-main.js from V8's code cache.
  build({ ...common, entryPoints: ['server/src/launcher/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server-main.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
// The package bin: `npx stagecraft` runs it directly, and a fresh build writes it without the execute bit.
chmodSync('dist/cli.js', 0o755);
