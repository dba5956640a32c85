// npm run fuzz -- --runs 100000 [--seed N]: the long mode of the server fuzz test, with a new seed each run.
import { fuzzServer } from './serverFuzz';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) ? value : fallback;
}

const runs = option('runs', 1000);
const seed = option('seed', Date.now() % 2 ** 31);
process.stdout.write(`fuzz: ${runs} cases, seed ${seed}\n`);
const started = Date.now();
fuzzServer({ runs, seed }).then(
  () => process.stdout.write(`fuzz: ${runs} cases passed in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})\n`),
  (error: unknown) => {
    process.stderr.write(`fuzz: failed (seed ${seed}): ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
