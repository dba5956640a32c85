import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DIST, FIXTURES, REPO_ROOT } from '../helpers/paths';

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
