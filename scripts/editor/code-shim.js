#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests({ vscodeExecutablePath }) can
// launch: it accepts VS Code's flags (--extensionDevelopmentPath, --extensionTestsPath, a folder, others
// ignored), runs the tests in code-server's real extension host, and exits with the tests' exit code.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { launchChromium, remoteUri, startCodeServer, workbenchUrl } = require('./codeServer');

function parseArgs(argv) {
  const options = { positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) { options.positional.push(argv[i]); continue; }
    const [, key, inline] = match;
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'extensions-dir', 'user-data-dir', 'locale'].includes(key);
    const value = inline !== undefined ? inline : takesValue ? argv[++i] : true;
    if (key === 'extensionDevelopmentPath') options.extension = path.resolve(value);
    else if (key === 'extensionTestsPath') options.tests = path.resolve(value);
    else if (key === 'extensions-dir') options.extensionsDir = path.resolve(value);
    else if (key === 'locale') options.locale = value;
  }
  options.folder = options.positional.length > 0 ? path.resolve(options.positional[0]) : fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-ws-'));
  return options;
}

async function main() {
  const { extension, tests, folder, extensionsDir, locale } = parseArgs(process.argv.slice(2));
  if (!extension || !tests) throw new Error('code-shim needs --extensionDevelopmentPath and --extensionTestsPath');
  const timeoutMs = Number(process.env.STAGECRAFT_EDITOR_TIMEOUT_MS || 300_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-editor-run-'));
  const resultFile = path.join(work, 'result.json');
  const logFile = path.join(work, 'code-server.log');
  if (extensionsDir) fs.mkdirSync(extensionsDir, { recursive: true });
  const server = await startCodeServer({ folder, extensionsDir, logFile, locale, env: { STAGECRAFT_EDITOR_RESULT: resultFile } });
  let browser;
  let code = 1;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exited = new Promise((resolve) => { void page.exposeFunction('codeAutomationExit', (exitCode) => resolve(exitCode)); });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(args || []));
      if (type === 'error' && /open-vsx\.org|ENOTFOUND|Service Worker/.test(line)) return; // the offline gallery
      process.stdout.write(`${type === 'log' || type === 'info' ? line : `[${type}] ${line}`}\n`);
    });
    await page.goto(workbenchUrl(server, folder, [
      ['extensionDevelopmentPath', remoteUri(server, extension)],
      ['extensionTestsPath', remoteUri(server, tests)],
    ]));
    let timer;
    const outcome = await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); })]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      await page.screenshot({ path: path.join(work, 'timeout.png') }).catch(() => undefined);
      process.stdout.write(`code-shim: no result after ${timeoutMs} ms (screenshot and log in ${work})\n`);
      code = 124;
    } else {
      code = outcome;
    }
    if (code === 0) {
      const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
      if (!result || result.tests === 0 || result.failures > 0) {
        process.stdout.write(`code-shim: the suite reported ${JSON.stringify(result)}; counting it as a failure\n`);
        code = 1;
      }
    }
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    await server.stop();
  }
  // Kept only when something failed: it holds code-server's log (and the screenshot of a timeout).
  if (code === 0) fs.rmSync(work, { recursive: true, force: true });
  else process.stdout.write(`code-shim: code-server's log is in ${logFile}\n`);
  return code;
}

main().then((code) => process.exit(code), (error) => {
  process.stderr.write(`code-shim: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
