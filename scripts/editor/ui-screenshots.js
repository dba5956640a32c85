#!/usr/bin/env node
// UI smoke test in a real VS Code (code-server web workbench, headless chromium via playwright-core): drives
// Stagecraft like a user and takes a screenshot at each step — diagnostics with the Problems panel, the
// ENTRYPOINT/CMD hover, the multi-stage code action, the build task output, the Container Mounts view.
// usage: node scripts/editor/ui-screenshots.js <workspaceFolder> <outputDir>   (exit 0 only if every step passed)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { launchChromium, remoteUri, startCodeServer, workbenchUrl } = require('./codeServer');

async function until(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const REPO = path.resolve(__dirname, '..', '..');

async function main() {
  const [folder, out] = process.argv.slice(2).map((p) => path.resolve(p));
  fs.mkdirSync(out, { recursive: true });
  const server = await startCodeServer({ folder, logFile: path.join(out, 'code-server.log'), settings: { 'workbench.colorTheme': 'Default Dark Modern', 'window.commandCenter': false } });
  spawnSync('docker', ['image', 'rm', '--force', 'volume-app:latest']);
  const browser = await launchChromium();
  const steps = [];
  const step = async (name, run) => {
    const started = Date.now();
    await run();
    steps.push(`${name} (${Date.now() - started} ms)`);
    process.stdout.write(`ui: ✔ ${name}\n`);
  };
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(workbenchUrl(server, folder, [['extensionDevelopmentPath', remoteUri(server, REPO)]]));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    const palette = async (text) => {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 15_000 });
      await input.fill(`>${text}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
    };
    const quickOpen = async (name) => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 15_000 });
      await input.fill(name);
      const base = name.split('/').pop();
      const folder = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : undefined;
      let row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${base.replace(/[.]/g, '\\.')}$`) }) });
      // Several files share a name (Dockerfile): the folder shown beside the name tells them apart.
      row = folder === undefined ? row : row.filter({ has: page.locator('.label-description', { hasText: folder }) });
      await row.first().waitFor({ timeout: 15_000 });
      await row.first().click();
      await page.locator('.tab.active', { hasText: base }).first().waitFor({ timeout: 15_000 });
    };
    // Accepts the default of the prompt titled `title`, once that prompt (not the one before it) is showing, and
    // waits for it to go: newer workbenches swap one quick input for the next without hiding the widget.
    const acceptDefault = async (title) => {
      await page.locator('.quick-input-widget:visible', title === undefined ? {} : { hasText: title }).waitFor({ timeout: 20_000 });
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      if (title !== undefined) await page.locator('.quick-input-widget:visible', { hasText: title }).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
      await page.waitForTimeout(300);
    };

    await step('diagnostics in the editor and the Problems panel', async () => {
      await quickOpen('broken.Dockerfile');
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').getByText('Unknown instruction', { exact: false }).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(out, 'diagnostics.png') });
      await page.keyboard.press('Control+Shift+M');
    });

    await step('the ENTRYPOINT/CMD hover', async () => {
      await quickOpen('Dockerfile');
      const cmd = page.locator('.editor-instance .view-lines .view-line span span', { hasText: /^CMD$/ }).first();
      await cmd.hover();
      await page.locator('.monaco-hover').getByText('./bin/avatar ./test.jpg ./shared/test_out.jpg', { exact: false }).first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(800); // the hover fades in
      await page.screenshot({ path: path.join(out, 'hover.png') });
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
    });

    await step('the Convert to multi-stage build code action', async () => {
      await page.locator('.editor-instance .view-lines .view-line span span', { hasText: /^FROM$/ }).first().click();
      await page.keyboard.press('Control+Shift+R');
      await page.locator('.action-widget').getByText('Convert to multi-stage build', { exact: false }).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(out, 'convert-action.png') });
      await page.keyboard.press('Enter');
      await page.locator('.editor-instance .view-lines').getByText('FROM alpine:3.20', { exact: false }).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(out, 'converted.png') });
      await page.keyboard.press('Control+Z');
    });

    await step('Build Image as a task, output in the terminal', async () => {
      await quickOpen('volume-app/Dockerfile');
      await palette('Stagecraft: Build Image');
      await acceptDefault('Build Image'); // tag
      await acceptDefault('Build context'); // context
      await page.locator('.terminal-wrapper').first().waitFor({ timeout: 30_000 });
      // The terminal draws on a canvas: ask the engine whether the image arrived instead of reading pixels.
      await until('the image volume-app:latest', () => spawnSync('docker', ['image', 'inspect', 'volume-app:latest']).status === 0, 120_000);
      await page.waitForTimeout(1000);
      await page.screenshot({ path: path.join(out, 'build-task.png') });
    });

    await step('Run with a volume, then the Container Mounts view', async () => {
      await palette('Stagecraft: Run Container with Volume Mount');
      await acceptDefault('Run Container with Volume Mount'); // image (the one just built)
      await acceptDefault(); // host folder (the workspace folder)
      await acceptDefault('Mount the folder at'); // container path: the VOLUME
      await acceptDefault('Access to'); // read-write
      await acceptDefault('Arguments'); // arguments: keep CMD
      await page.waitForTimeout(3000);
      await palette('Stagecraft: Inspect Mounts');
      await acceptDefault('Inspect the mounts'); // the container just run
      // The mount's row in the tree (the Output panel shows the same path in the docker command line).
      const mountRow = page.locator('.pane-body .monaco-list-row', { hasText: '/app/shared' }).first();
      await mountRow.waitFor({ timeout: 30_000 });
      await mountRow.click();
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(out, 'mounts-view.png') });
    });
  } catch (error) {
    if (page) await page.screenshot({ path: path.join(out, 'failure.png') }).catch(() => undefined);
    process.stdout.write(`ui: ✖ ${error.message}\n`);
    process.exitCode = 1;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
  process.stdout.write(`ui: ${steps.length} steps passed\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
