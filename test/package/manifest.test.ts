import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/rules/registry';
import { REPO_ROOT } from '../helpers/paths';
import { lintJson, writeRuleExamples } from '../helpers/rulePages';

interface Manifest {
  version: string;
  engines: Record<string, string>;
  main: string;
  bin: Record<string, string>;
  contributes: {
    languages: { id: string; filenames?: string[]; filenamePatterns?: string[] }[];
    grammars: { language: string; path: string }[];
    commands: { command: string; title: string }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

describe('extension manifest and VSIX', () => {
  it('packages only the allow-listed files (vsce ls)', () => {
    const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
    const result = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n').sort(), [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/client.js', 'dist/server-main.js', 'dist/server.js',
      'docs/walkthrough/1-open.md', 'docs/walkthrough/2-hover.md', 'docs/walkthrough/3-convert.md', 'docs/walkthrough/4-build-run.md', 'images/icon.png',
      'l10n/bundle.l10n.json', 'package.json', 'package.nls.json', 'syntaxes/dockerfile.tmLanguage.json',
      'syntaxes/language-configuration.json',
    ]);
  });

  it('claims every Dockerfile file-name pattern for the dockerfile language', () => {
    const language = manifest.contributes.languages.find((l) => l.id === 'dockerfile');
    assert.deepEqual(language?.filenames, ['Dockerfile', 'Containerfile']);
    assert.deepEqual(language?.filenamePatterns, ['Dockerfile.*', '*.Dockerfile', '*.dockerfile', 'Containerfile.*']);
    assert.equal(manifest.contributes.grammars[0]?.language, 'dockerfile');
  });

  it('accepts VS Code 1.100 and pins @types/vscode no newer than the engine', () => {
    assert.equal(manifest.engines['vscode'], '^1.100.0');
    const typesVersion = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')) as { version: string }).version;
    assert.match(typesVersion, /^1\.100\./);
  });

  it('has a localized title for every command, and l10n/bundle.l10n.json lists exactly the l10n.t strings of client and server', () => {
    const nls = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    for (const command of manifest.contributes.commands) {
      const key = /^%(.+)%$/.exec(command.title)?.[1];
      assert.ok(key !== undefined && nls[key] !== undefined, `${command.command} title is not localized`);
    }
    // Client (vscode.l10n.t) and server (@vscode/l10n) strings share the bundle; the exporter also fails on a
    // message that is not a literal, which no bundle could list.
    const check = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'l10n-export.mjs'), '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  it('ships the CLI as the package bin with a node shebang, executable, so the README\'s `npx stagecraft` runs', () => {
    assert.equal(manifest.bin['stagecraft'], './dist/cli.js');
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    assert.match(fs.readFileSync(cli, 'utf8').split('\n')[0] ?? '', /^#!\/usr\/bin\/env node/);
    assert.ok((fs.statSync(cli).mode & 0o111) !== 0, 'dist/cli.js is not executable');
    const result = spawnSync('npx', ['--no-install', 'stagecraft', '--version'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), manifest.version);
  });

  it('bundles only Latin-1 characters (V8 keeps such a source one byte per character) and still prints — and –', () => {
    // Every bundle the build writes, so that one added to scripts/build.mjs is checked too.
    const bundles = fs.readdirSync(path.join(REPO_ROOT, 'dist')).filter((name) => name.endsWith('.js'));
    assert.deepEqual(['cli.js', 'client.js', 'server-main.js', 'server.js'].filter((name) => !bundles.includes(name)), []);
    for (const bundle of bundles) {
      const beyond = [...fs.readFileSync(path.join(REPO_ROOT, 'dist', bundle), 'utf8')].find((character) => character.charCodeAt(0) > 0xff);
      assert.equal(beyond, undefined, `dist/${bundle} holds ${JSON.stringify(beyond)}`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-latin1-'));
    try {
      const file = path.join(dir, 'Dockerfile');
      fs.writeFileSync(file, 'FROM alpine:3.20\nEXPOSE 70000\nENTRYPOINT echo hi\n');
      const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'lint', file], { encoding: 'utf8' });
      assert.match(result.stdout, /out of range \(0–65535\)/);
      assert.match(result.stdout, /runs as `\/bin\/sh -c "…"`/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rule documentation', () => {
  it('has a page docs/rules/<id>.md with bad and good examples for every rule', () => {
    const missing = ALL_RULES.filter((rule) => {
      const file = path.join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`);
      if (!fs.existsSync(file)) return true;
      const text = fs.readFileSync(file, 'utf8');
      return !text.includes('## Bad') || !text.includes('## Good') || !text.includes(`Default severity: **${rule.defaultSeverity}**`);
    }).map((rule) => rule.id);
    assert.deepEqual(missing, []);
  });

  it('each page\'s bad example makes its rule fire and its good example does not (all rules on)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-rule-pages-'));
    try {
      const report = lintJson(dir, writeRuleExamples(dir, ['Bad', 'Good']));
      const wrong = report.files.flatMap((file) => {
        const [id, section] = path.basename(file.path).split('.');
        const fires = file.problems.some((p) => p.code === id);
        return (section === 'Bad') === fires ? [] : [`${id}: the ${section} example ${fires ? 'fires' : 'does not fire'}`];
      });
      assert.deepEqual(wrong, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
