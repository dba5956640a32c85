import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

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

export async function runEditorTests(desktop: boolean): Promise<number> {
  const workspace = prepareWorkspace();
  try {
    return await runTests({
      ...(desktop ? { version: process.env['VSCODE_VERSION'] ?? 'stable' } : { vscodeExecutablePath: path.join(REPO_ROOT, 'scripts', 'editor', 'code-shim.js') }),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test-editor-suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions'],
    });
  } catch (error) {
    process.stderr.write(`editor tests failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runEditorTests(process.argv.includes('--desktop')).then((code) => process.exit(code));
}
