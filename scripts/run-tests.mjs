// Runs the compiled test files (out/test/**/*.test.js) with node's test runner; pass folders or files to narrow.
// First makes the machine ready for all of them (scripts/test-machine.sh: engines, Podman, the two VS Codes), so
// that on a fresh machine `npm test` runs what CI runs and skips nothing; STAGECRAFT_PROVISION=0 leaves the
// machine as it is (tests that need an engine or an editor then skip, with the reason).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir) {
  if (statSync(dir).isFile()) return dir.endsWith('.test.js') ? [dir] : [];
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
const env = { ...process.env };
if (process.env['STAGECRAFT_PROVISION'] !== '0') {
  const provisioned = spawnSync('bash', ['scripts/test-machine.sh'], { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(provisioned.stdout ?? '');
  if (provisioned.status !== 0) process.exit(provisioned.status ?? 1);
  // Provisioned: a test that finds no engine or no editor now fails instead of skipping.
  env['STAGECRAFT_REQUIRE_ENGINE'] = '1';
  env['STAGECRAFT_REQUIRE_EDITOR'] = '1';
  // The current engine it started, for the test helpers to use instead of each starting it (test/helpers/engine.ts).
  const exports = /^export .*$/m.exec(provisioned.stdout ?? '')?.[0];
  if (exports !== undefined) env['STAGECRAFT_MODERN_ENGINE'] = exports;
}
const result = spawnSync(process.execPath, [
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/summary-reporter.mjs', '--test-reporter-destination=stdout',
  ...files,
], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
