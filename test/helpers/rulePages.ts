import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/rules/registry';
import { DIST, REPO_ROOT } from './paths';

export type ExampleSection = 'Bad' | 'Good';

/**
 * Writes each rule page's examples into `dir` as `<RuleId>.<Section>.Dockerfile`, with every rule switched on
 * (`.stagecraft.json`) and the build context CopyIgnoredFile's bad example describes in its first line.
 */
export function writeRuleExamples(dir: string, sections: readonly ExampleSection[]): string[] {
  fs.writeFileSync(path.join(dir, '.stagecraft.json'), JSON.stringify({ rules: Object.fromEntries(ALL_RULES.map((rule) => [rule.id, 'warning'])) }));
  fs.writeFileSync(path.join(dir, '.dockerignore'), '*.log\n');
  fs.writeFileSync(path.join(dir, 'app.log'), '');
  const files: string[] = [];
  for (const rule of ALL_RULES) {
    const page = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
    for (const section of sections) {
      const example = new RegExp(`## ${section}\\s*\\n\`\`\`dockerfile\\n([\\s\\S]*?)\`\`\``).exec(page)?.[1];
      assert.ok(example !== undefined, `docs/rules/${rule.id}.md: no dockerfile block under ## ${section}`);
      const file = path.join(dir, `${rule.id}.${section}.Dockerfile`);
      fs.writeFileSync(file, example);
      files.push(file);
    }
  }
  return files;
}

export interface LintReport { readonly files: readonly { readonly path: string; readonly problems: readonly { readonly code: string; readonly message: string }[] }[] }

/** `stagecraft lint --format json --fail-level none` run in `dir` (so its .stagecraft.json applies). */
export function lintJson(dir: string, files: readonly string[], env: NodeJS.ProcessEnv = process.env): LintReport {
  // Stagecraft's own findings: ShellCheck's (its own messages, in English) are tested in test/shellcheck.
  const result = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'lint', '--format', 'json', '--fail-level', 'none', '--no-shellcheck', ...files], {
    cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env,
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as LintReport;
}
