// Counts ShellCheck's findings per code over ../shared/corpus (542 real Dockerfiles) as Stagecraft reports them
// (default exclusions, SC2154 on Dockerfile variables dropped), as a Markdown table for docs/rules/README.md.
// Run after `tsc -b`, with shellcheck installed: node scripts/shellcheck-counts.mjs
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { buildModel } = require('../out/server/src/model/index.js');
const { ShellCheckService } = require('../out/server/src/shellcheck/service.js');

const dir = new URL('../../shared/corpus/files/', import.meta.url).pathname;
if (!existsSync(dir)) {
  console.error(`no corpus at ${dir}`);
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => f.endsWith('Dockerfile')).sort();
const service = new ShellCheckService((line) => console.error(line));
service.configure('shellcheck');
const models = files.map((file) => buildModel({ uri: file, version: 1, text: readFileSync(join(dir, file), 'utf8') }));
await Promise.all(models.map((model) => service.complete(model)));
if (service.missing !== undefined) {
  console.error(`shellcheck: ${service.missing}`);
  process.exit(2);
}
const counts = new Map();
let scripts = 0;
for (const model of models) {
  scripts += service.scriptsOf(model).length;
  const problems = service.known(model, { options: {} }).problems;
  for (const problem of problems) {
    const entry = counts.get(problem.ruleId) ?? { findings: 0, files: new Set(), severity: problem.severity, message: problem.message };
    entry.findings++;
    entry.files.add(model.uri);
    counts.set(problem.ruleId, entry);
  }
}
const total = [...counts.values()].reduce((sum, entry) => sum + entry.findings, 0);
console.log(`${total} findings on ${scripts} RUN scripts in ${files.length} files.\n`);
console.log(`| code | findings | files (of ${files.length}) | severity | for example |\n|---|---|---|---|---|`);
for (const [code, entry] of [...counts].sort((a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0]))) {
  console.log(`| [${code}](https://www.shellcheck.net/wiki/${code}) | ${entry.findings} | ${entry.files.size} | ${entry.severity} | ${entry.message.replace(/\|/g, '\\|')} |`);
}
