// Runs the compiled test files (out/test/**/*.test.js) with node's test runner; pass folders to narrow.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...collect(path));
    else if (entry.endsWith('.test.js')) found.push(path);
  }
  return found;
}

const roots = process.argv.slice(2).map((arg) => join('out/test', arg));
const files = (roots.length > 0 ? roots : ['out/test']).flatMap(collect).sort();
if (files.length === 0) {
  console.error('run-tests: no compiled tests found under out/test (run `tsc -b` first)');
  process.exit(1);
}
const result = spawnSync(process.execPath, [
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/summary-reporter.mjs', '--test-reporter-destination=stdout',
  ...files,
], { stdio: 'inherit' });
process.exit(result.status ?? 1);
