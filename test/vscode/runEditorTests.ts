import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';
import { pseudoBundle } from '../helpers/pseudoLocale';

/**
 * Runs the extension-host suite (test/editor-suite) with @vscode/test-electron: against code-server through
 * scripts/editor/code-shim.js by default, or against a downloaded desktop VS Code with `--desktop`
 * (`npm run test:vscode-desktop`, where VS Code can be downloaded).
 */
export function prepareWorkspace(): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-editor-ws-'));
  fs.cpSync(path.join(REPO_ROOT, 'examples', 'avatar'), workspace, { recursive: true });
  const avatar = fs.readFileSync(path.join(workspace, 'Dockerfile'), 'utf8');
  for (const name of ['Dockerfile.dev', 'app.Dockerfile', 'web.dockerfile', 'Containerfile']) fs.writeFileSync(path.join(workspace, name), avatar);
  fs.copyFileSync(path.join(FIXTURES, 'broken.Dockerfile'), path.join(workspace, 'broken.Dockerfile'));
  fs.copyFileSync(path.join(FIXTURES, 'examples-converted', 'avatar.Dockerfile'), path.join(workspace, 'expected-converted.Dockerfile'));
  fs.cpSync(path.join(FIXTURES, 'apps', 'volume-app'), path.join(workspace, 'volume-app'), { recursive: true });
  fs.mkdirSync(path.join(workspace, 'failing'));
  fs.writeFileSync(path.join(workspace, 'failing', 'Dockerfile'), 'FROM alpine:3.20\nRUN echo fine\nRUN exit 3\n');
  fs.mkdirSync(path.join(workspace, 'stages'));
  fs.writeFileSync(path.join(workspace, 'stages', 'Dockerfile'), 'FROM alpine:3.20 AS tools\nRUN echo "built in the tools stage" > /tool.txt\nCMD ["cat", "/tool.txt"]\n\nFROM alpine:3.20\nCMD ["echo", "final stage"]\n');
  fs.mkdirSync(path.join(workspace, '.vscode'));
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), '{}\n');
  return workspace;
}

/** The pseudo-language VS Code has built in; no language pack needed, on desktop or in code-server. */
export const PSEUDO_LOCALE = 'qps-ploc';

/**
 * A copy of the extension with `l10n/bundle.l10n.qps-ploc.json`: every message of the shipped bundle,
 * bracketed. Kept out of the repository so no pseudo bundle is ever packaged.
 */
export function prepareLocalizedExtension(): string {
  const extension = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-editor-ext-'));
  for (const entry of ['package.json', 'package.nls.json', 'dist', 'syntaxes', 'images', 'docs/walkthrough', 'l10n']) {
    fs.cpSync(path.join(REPO_ROOT, entry), path.join(extension, entry), { recursive: true });
  }
  fs.writeFileSync(path.join(extension, 'l10n', `bundle.l10n.${PSEUDO_LOCALE}.json`), JSON.stringify(pseudoBundle()));
  return extension;
}

const { seedLanguagePack } = require(path.join(REPO_ROOT, 'scripts', 'editor', 'languagePack.js')) as { seedLanguagePack: (userDataDir: string, locale: string, scratch: string) => void };

function localizedUserData(scratch: string): string {
  const userData = path.join(scratch, 'user-data');
  seedLanguagePack(userData, PSEUDO_LOCALE, scratch);
  return userData;
}

/** Two editor launches: the main suite in English, then the `.locale` files with VS Code in the pseudo-language. */
export async function runEditorTests(desktop: boolean): Promise<number> {
  const workspace = prepareWorkspace();
  const localized = prepareLocalizedExtension();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-editor-scratch-'));
  const executable = desktop ? { version: process.env['VSCODE_VERSION'] ?? 'stable' } : { vscodeExecutablePath: path.join(REPO_ROOT, 'scripts', 'editor', 'code-shim.js') };
  const extensionTestsPath = path.join(REPO_ROOT, 'out', 'test-editor-suite', 'index.js');
  try {
    const main = await runTests({ ...executable, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath, launchArgs: [workspace, '--disable-extensions'] });
    if (main !== 0) return main;
    // code-server's shim registers the language pack itself; a desktop VS Code gets a user-data dir with one.
    const userData = desktop ? ['--user-data-dir', localizedUserData(scratch)] : [];
    return await runTests({
      ...executable,
      extensionDevelopmentPath: localized,
      extensionTestsPath,
      extensionTestsEnv: { STAGECRAFT_EDITOR_SUITE: 'locale' },
      launchArgs: [workspace, '--disable-extensions', '--locale', PSEUDO_LOCALE, ...userData],
    });
  } catch (error) {
    process.stderr.write(`editor tests failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(localized, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runEditorTests(process.argv.includes('--desktop')).then((code) => process.exit(code));
}
