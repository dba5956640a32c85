import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyTextEdits } from '../helpers/edits';
import { LspTestClient } from '../helpers/lspClient';
import { lines } from '../helpers/model';
import { DIST, REPO_ROOT } from '../helpers/paths';
import { shellCheckForSuite } from '../helpers/shellcheck';
import { tempDir } from '../helpers/tempDir';

/**
 * ShellCheck through the real server and the CLI: Stagecraft's diagnostics of a version are published first and
 * ShellCheck's follow for the same version; an edit that leaves a RUN's script alone keeps its findings in the
 * first publish (not checked again); fixes are quick fixes; the client can turn it off; a missing executable is
 * one quiet hint. The CLI prints the findings in every format, and leaves them out with --no-shellcheck.
 */
const shellCheckCodes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.filter((d) => d.source === 'shellcheck').map((d) => String(d.code));

describe('ShellCheck in the language server', () => {
  if (!shellCheckForSuite()) return;
  const clients: LspTestClient[] = [];
  after(async () => {
    for (const client of clients) await client.stop();
  });

  it('publishes Stagecraft\'s diagnostics first, ShellCheck\'s for the same version next; an edit outside the script keeps them at once', async () => {
    const client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 } }, { shellCheck: { executable: 'shellcheck' } });
    clients.push(client);
    const uri = 'file:///shellcheck/first/Dockerfile';
    await client.open(uri, lines('FROM debian:bookworm', 'ARG dir=/srv', 'RUN ls $dir && echo $not_defined'));
    const first = await client.diagnostics(uri, 1);
    assert.deepEqual(shellCheckCodes(first), [], 'the first publish does not wait for ShellCheck');
    const withShellCheck = await client.diagnosticsWhere(uri, 1, (d) => shellCheckCodes(d).length > 0);
    assert.deepEqual(shellCheckCodes(withShellCheck).sort(), ['SC2086', 'SC2086', 'SC2154']);
    const sc2154 = withShellCheck.find((d) => d.code === 'SC2154');
    assert.equal(sc2154?.codeDescription?.href, 'https://www.shellcheck.net/wiki/SC2154');
    assert.deepEqual(sc2154?.range, { start: { line: 2, character: 20 }, end: { line: 2, character: 32 } });

    const version = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'LABEL a=b\n' }]);
    const moved = await client.diagnostics(uri, version);
    assert.deepEqual(shellCheckCodes(moved).sort(), ['SC2086', 'SC2086', 'SC2154'], 'the unchanged script\'s findings come in the first publish');
    assert.equal(moved.find((d) => d.code === 'SC2154')?.range.start.line, 3, 'moved with their line');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(client.publishedFor(uri).filter((p) => p.version === version).length, 1, 'nothing left to check: one publish');

    const [quote] = moved.filter((d) => d.code === 'SC2086');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: quote?.range, context: { diagnostics: [quote] } });
    const fix = actions.find((a) => a.title === 'Apply ShellCheck\'s fix for SC2086');
    assert.ok(fix?.edit?.changes?.[uri], JSON.stringify(actions.map((a) => a.title)));
    assert.match(applyTextEdits(lines('FROM debian:bookworm', 'LABEL a=b', 'ARG dir=/srv', 'RUN ls $dir && echo $not_defined'), fix.edit.changes[uri]), /RUN ls "\$dir" && echo \$not_defined/);
    const ignore = actions.find((a) => /SC2086/.test(a.title) && a !== fix);
    assert.ok(ignore, 'and the ignore comment, as for every rule');
  });

  it('turned off by the client (untrusted workspace, setting off): ShellCheck\'s findings go', async () => {
    const client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 } }, { shellCheck: { executable: 'shellcheck' } });
    clients.push(client);
    const uri = 'file:///shellcheck/off/Dockerfile';
    await client.open(uri, lines('FROM debian:bookworm', 'RUN echo $not_defined'));
    await client.diagnosticsWhere(uri, 1, (d) => shellCheckCodes(d).length > 0);
    const before = client.publishedFor(uri).length;
    await client.connection.sendNotification('stagecraft/shellCheck', {});
    for (let waited = 0; client.publishedFor(uri).length === before && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(shellCheckCodes(client.publishedFor(uri).at(-1)?.diagnostics ?? []), []);
  });

  it('a missing executable: one quiet hint on the first RUN with how to install it, everything else as before', async () => {
    const client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 } }, { shellCheck: { executable: '/nonexistent/shellcheck' } });
    clients.push(client);
    const uri = 'file:///shellcheck/missing/Dockerfile';
    await client.open(uri, lines('FROM debian:bookworm', 'RUN echo one', 'RUN echo $two'));
    const hinted = await client.diagnosticsWhere(uri, 1, (d) => d.some((x) => x.code === 'ShellCheckMissing'));
    const hint = hinted.filter((d) => d.code === 'ShellCheckMissing');
    assert.equal(hint.length, 1);
    assert.equal(hint[0]?.severity, 4);
    assert.equal(hint[0]?.range.start.line, 1);
    assert.match(String(hint[0]?.message), /apt-get install shellcheck/);
  });
});

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ShellCheck in stagecraft lint', () => {
  if (!shellCheckForSuite()) return;
  const file = path.join(tempDir('stagecraft-shellcheck-cli-'), 'Dockerfile');
  fs.writeFileSync(file, lines('FROM debian:bookworm', 'RUN echo $not_defined'));

  it('every format carries the SC findings; --no-shellcheck leaves them out', () => {
    const text = cli('lint', file);
    assert.match(text.stdout, /:2:10 warning SC2154 not_defined is referenced but not assigned\./);
    const json = JSON.parse(cli('lint', '--format', 'json', file).stdout) as { files: { problems: { code: string; source: string; documentation: string }[] }[] };
    const sc2154 = json.files[0]?.problems.find((p) => p.code === 'SC2154');
    assert.deepEqual([sc2154?.source, sc2154?.documentation], ['shellcheck', 'https://www.shellcheck.net/wiki/SC2154']);
    assert.match(cli('lint', '--format', 'sarif', file).stdout, /"ruleId": "SC2154"/);
    assert.match(cli('lint', '--format', 'checkstyle', file).stdout, /source="shellcheck.SC2154"/);
    const without = cli('lint', '--no-shellcheck', file);
    assert.doesNotMatch(without.stdout, /SC\d{4}/);
  });

  it('a .stagecraft.json turns a code off, like a rule', () => {
    fs.writeFileSync(path.join(path.dirname(file), '.stagecraft.json'), JSON.stringify({ rules: { SC2154: 'off' } }));
    try {
      assert.doesNotMatch(cli('lint', file).stdout, /SC2154/);
    } finally {
      fs.rmSync(path.join(path.dirname(file), '.stagecraft.json'));
    }
  });

  it('without ShellCheck: one line on stderr says so and how to install it; the exit code is Stagecraft\'s', () => {
    const result = cli('lint', '--shellcheck=/nonexistent/shellcheck', file);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /ShellCheck was not found .*apt-get install shellcheck/);
    assert.doesNotMatch(result.stdout, /SC\d{4}/);
  });
});
