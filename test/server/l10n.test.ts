import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ALL_RULES } from '../../server/src/rules/registry';
import { cliBundle, languageOfLocale } from '../../server/src/locale/bundle';
import { LspTestClient } from '../helpers/lspClient';
import { CORPUS, CORPUS_DOCKERFILES, DIST } from '../helpers/paths';
import { pseudoBundle } from '../helpers/pseudoLocale';
import type { LintReport } from '../helpers/rulePages';
import { lintJson, writeRuleExamples } from '../helpers/rulePages';

const PSEUDO = pseudoBundle();
const isTranslated = (text: string): boolean => text.startsWith('⟦') && text.endsWith('⟧');

function lintTranslated(dir: string, files: readonly string[]): LintReport {
  const bundleFile = path.join(dir, 'pseudo.json');
  fs.writeFileSync(bundleFile, JSON.stringify(PSEUDO));
  return lintJson(dir, files, { ...process.env, STAGECRAFT_L10N_BUNDLE: bundleFile });
}

function untranslated(report: LintReport): string[] {
  return report.files.flatMap((file) => file.problems.filter((p) => !isTranslated(p.message)).map((p) => `${path.basename(file.path)} ${p.code}: ${p.message}`));
}

describe('translation through l10n/bundle.l10n.json (pseudo-locale)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-l10n-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the CLI translates every finding of every rule (each rule page\'s bad example, all rules on)', () => {
    const files = writeRuleExamples(dir, ['Bad']);
    const report = lintTranslated(dir, files);
    assert.deepEqual(untranslated(report), []);
    // Every rule fired, so every rule's message went through the bundle.
    const fired = new Set(report.files.flatMap((file) => file.problems.map((p) => p.code)));
    assert.deepEqual(ALL_RULES.map((rule) => rule.id).filter((id) => !fired.has(id)), []);
  });

  const corpusFiles = CORPUS_DOCKERFILES.map((f) => path.join(CORPUS, 'files', f));
  it('the CLI translates every finding on the corpus', corpusFiles.length === 0 ? { skip: `no corpus at ${CORPUS}` } : {}, () => {
    const report = lintTranslated(dir, corpusFiles);
    assert.ok(report.files.reduce((n, f) => n + f.problems.length, 0) > 1000);
    assert.deepEqual(untranslated(report), []);
  });

  it('the CLI picks the bundle of LC_ALL / LC_MESSAGES / LANG from the package\'s l10n folder, STAGECRAFT_L10N_BUNDLE first', () => {
    const folder = path.join(dir, 'l10n');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'bundle.l10n.de.json'), JSON.stringify({ a: 'de' }));
    fs.writeFileSync(path.join(folder, 'bundle.l10n.pt-br.json'), JSON.stringify({ a: 'pt-br' }));
    fs.writeFileSync(path.join(folder, 'bundle.l10n.fr.json'), '{ broken');
    assert.deepEqual(cliBundle({ LANG: 'de_DE.UTF-8' }, folder), { bundle: { a: 'de' } });
    assert.deepEqual(cliBundle({ LANG: 'en_US.UTF-8', LC_ALL: 'pt_BR.UTF-8' }, folder), { bundle: { a: 'pt-br' } });
    assert.deepEqual(cliBundle({ LANG: 'de_AT.UTF-8', LC_MESSAGES: '' }, folder), { bundle: { a: 'de' } });
    assert.deepEqual(cliBundle({ LANG: 'C.UTF-8' }, folder), {});
    assert.deepEqual(cliBundle({ LANG: 'it_IT.UTF-8' }, folder), {});
    assert.match(cliBundle({ LANG: 'fr_FR' }, folder).error ?? '', /bundle\.l10n\.fr\.json/);
    assert.deepEqual(cliBundle({ LANG: 'de_DE', STAGECRAFT_L10N_BUNDLE: path.join(folder, 'bundle.l10n.pt-br.json') }, folder), { bundle: { a: 'pt-br' } });
    assert.equal(languageOfLocale('POSIX'), undefined);
    assert.equal(languageOfLocale('en_GB.UTF-8'), undefined);
  });

  it('stagecraft --help is translated', () => {
    const bundleFile = path.join(dir, 'pseudo.json');
    fs.writeFileSync(bundleFile, JSON.stringify(PSEUDO));
    const result = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), '--help'], { encoding: 'utf8', env: { ...process.env, STAGECRAFT_L10N_BUNDLE: bundleFile } });
    assert.equal(result.status, 0);
    assert.ok(isTranslated(result.stdout), result.stdout.slice(0, 200));
  });
});

describe('the language server translates with the bundle the client sends', () => {
  const URI = 'file:///workspace/l10n/Dockerfile';
  const TEXT = [
    'FROM golang:1.22',
    'WORKDIR /src',
    'COPY . .',
    'RUN go build -o /out/app .',
    'FROMM alpine',
    'ENTRYPOINT ./app --serve',
    'CMD ["--port", "80"]',
    '',
  ].join('\n');
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 } }, { l10nBundle: PSEUDO });
    await client.open(URI, TEXT);
  });
  after(async () => {
    await client.stop();
  });

  it('diagnostics', async () => {
    const diagnostics = await client.diagnostics(URI, 1);
    assert.ok(diagnostics.length >= 3, JSON.stringify(diagnostics));
    const messages = diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
    assert.deepEqual(messages.filter((message) => !isTranslated(message)), []);
  });

  it('the ENTRYPOINT/CMD hover', async () => {
    const hover: Hover | null = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 2 } });
    const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(text, /⟦\*\*ENTRYPOINT\*\* — what the container of stage/);
    assert.match(text, /⟦The container runs: /);
    assert.match(text, /⟦\| You run \| The container runs \|⟧/);
  });

  it('quick fix and refactoring titles, code lenses and completion details', async () => {
    const diagnostics = await client.diagnostics(URI, 1);
    const actions: CodeAction[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } }, context: { diagnostics },
    });
    assert.ok(actions.length >= 3);
    assert.deepEqual(actions.filter((a) => !isTranslated(a.title)).map((a) => a.title), []);
    assert.ok(actions.some((a) => a.title === '⟦Convert to multi-stage build⟧'));
    const lenses: CodeLens[] = await client.request('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.ok(lenses.length > 0);
    assert.deepEqual(lenses.filter((l) => !isTranslated(l.command?.title ?? '')).map((l) => l.command?.title), []);
    const completion: CompletionList | null = await client.request('textDocument/completion', { textDocument: { uri: URI }, position: { line: 7, character: 0 } });
    const keywords = (completion?.items ?? []).filter((item) => item.detail !== undefined);
    assert.ok(keywords.length > 10);
    assert.deepEqual(keywords.filter((item) => !isTranslated(item.detail ?? '')).map((item) => `${item.label}: ${item.detail}`), []);
  });
});
