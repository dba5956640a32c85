// Counts each rule's findings over ../shared/corpus (542 real Dockerfiles) as a Markdown table, for
// docs/rules/README.md. Run after `tsc -b`: node scripts/rule-counts.mjs
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { buildModel } = require('../out/server/src/model/index.js');
const { runRules } = require('../out/server/src/rules/engine.js');
const { ALL_RULES } = require('../out/server/src/rules/registry.js');

const dir = new URL('../../shared/corpus/files/', import.meta.url).pathname;
if (!existsSync(dir)) {
  console.error(`no corpus at ${dir}`);
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => f.endsWith('Dockerfile'));
const findings = new Map(ALL_RULES.map((r) => [r.id, 0]));
const filesWith = new Map(ALL_RULES.map((r) => [r.id, 0]));
for (const file of files) {
  const problems = runRules(buildModel({ uri: file, version: 1, text: readFileSync(join(dir, file), 'utf8') }));
  for (const id of new Set(problems.map((p) => p.ruleId))) filesWith.set(id, (filesWith.get(id) ?? 0) + 1);
  for (const p of problems) findings.set(p.ruleId, (findings.get(p.ruleId) ?? 0) + 1);
}
console.log(`| rule | findings | files (of ${files.length}) |\n|---|---|---|`);
for (const rule of ALL_RULES) console.log(`| ${rule.id} | ${findings.get(rule.id)} | ${filesWith.get(rule.id)} |`);
