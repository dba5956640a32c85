import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * The standard @vscode/test-electron entry point: runs inside the extension host (desktop VS Code or
 * code-server) and resolves when every test passed. The counts also go to STAGECRAFT_EDITOR_RESULT so a
 * launcher can tell "no tests ran" from "all passed".
 */
export function run(): Promise<void> {
  const grep = process.env['STAGECRAFT_EDITOR_GREP'];
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  // The pseudo-locale run (see runEditorTests) has its own files: they assert a display language the main run does not have.
  const suffix = process.env['STAGECRAFT_EDITOR_SUITE'] === 'locale' ? '.locale.js' : '.test.js';
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith(suffix)).sort()) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultFile = process.env['STAGECRAFT_EDITOR_RESULT'];
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ tests: runner.stats?.tests ?? 0, passes: runner.stats?.passes ?? 0, failures }));
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else resolve();
    });
  });
}
