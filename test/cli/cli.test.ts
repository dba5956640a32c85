import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DIST, FIXTURES, REPO_ROOT } from '../helpers/paths';
import { tempDir } from '../helpers/tempDir';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('stagecraft CLI', () => {
  it('lint prints path:line:col severity code message and exits 1 on errors', () => {
    const broken = path.join('test', 'fixtures', 'broken.Dockerfile');
    const result = cli('lint', broken);
    assert.equal(result.status, 1);
    assert.deepEqual(result.stdout.trim().split('\n').map((line) => line.split(' ').slice(0, 3).join(' ')), [
      `${broken}:2:1 error UnknownInstruction`,
      `${broken}:3:13 error UnknownStageReference`,
      `${broken}:4:8 error InvalidExposePort`,
      `${broken}:5:5 warning InvalidJsonForm`,
    ]);
  });

  it('lint exits 0 on clean files, including all the examples', () => {
    const result = cli('lint', 'examples/avatar/Dockerfile', 'examples/webserver/Dockerfile', 'examples/ubuntu-go/Dockerfile');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0, result.stdout);
  });

  it('lint --format json gives machine-readable problems', () => {
    const result = cli('lint', '--format', 'json', path.join(FIXTURES, 'broken.Dockerfile'));
    assert.equal(result.status, 1);
    const parsed = JSON.parse(result.stdout) as { files: { problems: { code: string; line: number; column: number; severity: string; documentation: string }[] }[] };
    const first = parsed.files[0]?.problems[0];
    assert.deepEqual([first?.code, first?.line, first?.column, first?.severity], ['UnknownInstruction', 2, 1, 'error']);
    assert.match(first?.documentation ?? '', /docs\/rules\/UnknownInstruction\.md$/);
  });

  it('explains bad usage with exit 2', () => {
    assert.equal(cli('lint').status, 2);
    assert.equal(cli('lint', '--format', 'xml', 'x').status, 2);
    const missing = cli('lint', 'no/such/Dockerfile');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read no\/such\/Dockerfile/);
    assert.equal(cli('frobnicate').status, 2);
  });

  it('prints --help and --version', () => {
    const help = cli('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /stagecraft lint/);
    assert.match(help.stdout, /stagecraft lsp --stdio/);
    const version = cli('--version');
    assert.equal(version.status, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  });
});

describe('stagecraft explain', () => {
  it('prints the effective command as a shell line and JSON, and what run arguments change', () => {
    const result = cli('explain', 'examples/avatar/Dockerfile', '--', './shared/src.jpg', './shared/out.jpg');
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout.split('\n');
    assert.ok(out.includes('  ./bin/avatar ./test.jpg ./shared/test_out.jpg'));
    assert.ok(out.includes('  ["./bin/avatar","./test.jpg","./shared/test_out.jpg"]'));
    assert.ok(out.includes('docker run IMAGE ./shared/src.jpg ./shared/out.jpg runs:'));
    assert.ok(out.includes('  ["./bin/avatar","./shared/src.jpg","./shared/out.jpg"]'));
    assert.ok(out.some((line) => line.startsWith('  docker run --entrypoint X IMAGE ') && line.includes('(CMD is dropped too)')));
  });

  it('--format json and --target pick a stage and give machine-readable output with warnings', () => {
    const dir = tempDir('stagecraft-');
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, 'FROM scratch AS base\nENTRYPOINT /app --serve\nCMD ["--port", "80"]\nFROM base AS child\nCMD ["x"]\n');
    const result = cli('explain', '--format', 'json', '--target', 'base', file);
    assert.equal(result.status, 0, result.stderr);
    const parsed = JSON.parse(result.stdout) as { stage: { name: string }; run: { argv: string[] }; cell: unknown; warnings: { code: string; line: number }[] };
    assert.equal(parsed.stage.name, 'base');
    assert.deepEqual(parsed.run.argv, ['/bin/sh', '-c', '/app --serve', '--port', '80']);
    assert.deepEqual(parsed.cell, { entrypoint: 'shell', cmd: 'exec' });
    assert.deepEqual(parsed.warnings.map((w) => [w.code, w.line]), [['ShellFormEntrypoint', 2]]);
    const missing = cli('explain', '--target', 'nope', file);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no stage 'nope'.*stages: 0 \(base\), 1 \(child\)/);
  });
});

describe('stagecraft convert', () => {
  it('prints the converted Dockerfile (the golden result for the avatar example)', () => {
    const result = cli('convert', 'examples/avatar/Dockerfile');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, fs.readFileSync(path.join(FIXTURES, 'examples-converted', 'avatar.Dockerfile'), 'utf8'));
  });

  it('--runtime-image and -o write the result to a file', () => {
    const out = path.join(tempDir('stagecraft-'), 'Dockerfile.prod');
    const result = cli('convert', '--runtime-image', 'gcr.io/distroless/static-debian12', '-o', out, 'examples/webserver/Dockerfile');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(fs.readFileSync(out, 'utf8'), /^FROM gcr\.io\/distroless\/static-debian12$/m);
  });

  it('exits 2 with the reason when there is nothing to gain', () => {
    const result = cli('convert', 'test/fixtures/multistage/not-multi-stage/Dockerfile');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /nothing to gain from a multi-stage build: it is already a multi-stage build \(2 stages\)/);
    assert.equal(cli('convert', '--runtime-family', 'tiny', 'examples/avatar/Dockerfile').status, 2);
  });
});

describe('stagecraft lint for CI', () => {
  const broken = path.join(FIXTURES, 'broken.Dockerfile');

  it('--format sarif gives SARIF 2.1.0 with rules and located results', () => {
    const result = cli('lint', '--format', 'sarif', broken);
    assert.equal(result.status, 1);
    const sarif = JSON.parse(result.stdout) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run?.tool.driver.name, 'stagecraft');
    assert.deepEqual(run?.results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.region.startLine]), [
      ['UnknownInstruction', 'error', 2], ['UnknownStageReference', 'error', 3], ['InvalidExposePort', 'error', 4], ['InvalidJsonForm', 'warning', 5],
    ]);
    assert.ok(run?.tool.driver.rules.every((r) => r.helpUri.endsWith(/^SC\d+$/.test(r.id) ? `/wiki/${r.id}` : `/docs/rules/${r.id}.md`)));
  });

  it('--format checkstyle gives escaped Checkstyle XML', () => {
    const result = cli('lint', '--format', 'checkstyle', broken);
    assert.match(result.stdout, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<checkstyle version="4\.3">\n  <file name="[^"]+broken\.Dockerfile">/);
    assert.match(result.stdout, /<error line="2" column="1" severity="error" message="Unknown instruction `RUNN`\. Did you mean `RUN`\?" source="stagecraft\.UnknownInstruction"\/>/);
    assert.match(result.stdout, /message="CMD arguments look like JSON[^"]*&apos;[^"]*"/);
  });

  it('--fail-level decides the exit code', () => {
    const dir = tempDir('stagecraft-');
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, 'FROM alpine:3.20\nENV A 1\n');
    assert.equal(cli('lint', file).status, 0, 'a warning does not fail by default');
    assert.equal(cli('lint', '--fail-level', 'warning', file).status, 1);
    assert.equal(cli('lint', '--fail-level', 'none', broken).status, 0);
    assert.equal(cli('lint', '--fail-level', 'fatal', file).status, 2);
  });

  it('reads severities from the nearest .stagecraft.json and reports a broken one', () => {
    const root = tempDir('stagecraft-');
    fs.mkdirSync(path.join(root, 'svc'));
    const file = path.join(root, 'svc', 'Dockerfile');
    fs.writeFileSync(file, 'FROM alpine:3.20\nENV A 1\nEXPOSE 80/TCP\n');
    fs.writeFileSync(path.join(root, '.stagecraft.json'), JSON.stringify({ rules: { LegacyKeyValueFormat: 'error', ExposeProtoCasing: 'off' } }));
    const result = cli('lint', file);
    assert.equal(result.status, 1);
    assert.deepEqual(result.stdout.trim().split('\n').map((l) => l.split(' ').slice(1, 3).join(' ')), ['error LegacyKeyValueFormat']);
    fs.writeFileSync(path.join(root, '.stagecraft.json'), '{ "rules": { "LegacyKeyValueFormat": "loud" } }');
    assert.match(cli('lint', file).stderr, /rule LegacyKeyValueFormat must be "off", "hint", "info", "warning" or "error"/);
  });

  it('passes over a folder named .stagecraft.json on the way up', () => {
    const root = tempDir('stagecraft-');
    fs.mkdirSync(path.join(root, 'svc', '.stagecraft.json'), { recursive: true });
    const file = path.join(root, 'svc', 'Dockerfile');
    fs.writeFileSync(file, 'FROM alpine:3.20\nENV A 1\n');
    fs.writeFileSync(path.join(root, '.stagecraft.json'), JSON.stringify({ rules: { LegacyKeyValueFormat: 'error' } }));
    const result = cli('lint', file);
    assert.equal(result.stderr, '');
    assert.deepEqual(result.stdout.trim().split('\n').map((l) => l.split(' ').slice(1, 3).join(' ')), ['error LegacyKeyValueFormat']);
  });
});
