import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bindFolder, buildCommand, docker, engineFlavor, inspectJson, engineForSuite } from '../helpers/engine';
import { DIST, FIXTURES, REPO_ROOT } from '../helpers/paths';
import { ensureStandInImages } from '../helpers/standInImages';
import { tempDir } from '../helpers/tempDir';

/**
 * The refactoring on a real engine: build the original, convert it with the CLI, build the result, run both
 * the same way (same arguments, same bind-mounted host folder) and compare exit code, output and the files
 * written to the host; then compare image sizes.
 */

interface App {
  readonly name: string;
  readonly dir: string;
  readonly recipes: readonly string[];
  /** `host` when the Dockerfile installs packages from Debian's mirrors during the build. */
  readonly buildNetwork: 'none' | 'host';
  readonly mountTarget: string;
  /** Runs compared: the default CMD and with arguments (which replace CMD). */
  readonly runs: readonly (readonly string[])[];
  /** Whether the runs with arguments write a file into the mounted host folder. */
  readonly writesFiles: boolean;
  /** A server: run detached, compare its first log line, then stop it. */
  readonly server?: boolean;
  /** The converted image must be at most this share of the original. */
  readonly maxRatio: number;
}

const APPS: readonly App[] = [
  { name: 'go-avatar', dir: path.join(REPO_ROOT, 'examples', 'avatar'), recipes: ['golang'], buildNetwork: 'none', mountTarget: '/app/shared', runs: [[], ['./test.jpg', './shared/small.jpg', '32']], writesFiles: true, maxRatio: 0.05 },
  { name: 'go-ubuntu-apt', dir: path.join(REPO_ROOT, 'examples', 'ubuntu-go'), recipes: ['debian'], buildNetwork: 'host', mountTarget: '/data', runs: [[], ['./app', 'stagecraft']], writesFiles: false, maxRatio: 0.05 },
  { name: 'go-webserver', dir: path.join(REPO_ROOT, 'examples', 'webserver'), recipes: ['golang'], buildNetwork: 'none', mountTarget: '/data', runs: [[]], writesFiles: false, server: true, maxRatio: 0.05 },
  { name: 'go-runtime-files', dir: path.join(FIXTURES, 'apps', 'go-runtime-files'), recipes: ['golang'], buildNetwork: 'none', mountTarget: '/out', runs: [[], ['stagecraft', '/out/greeting.txt']], writesFiles: true, maxRatio: 0.05 },
  { name: 'node', dir: path.join(FIXTURES, 'apps', 'node-app'), recipes: ['node', 'nodeSlim'], buildNetwork: 'none', mountTarget: '/out', runs: [[], ['stagecraft', '/out/greeting.txt']], writesFiles: true, maxRatio: 0.7 },
  { name: 'rust-cargo', dir: path.join(FIXTURES, 'apps', 'rust-app'), recipes: ['rust', 'debian'], buildNetwork: 'none', mountTarget: '/out', runs: [[], ['stagecraft', '/out/greeting.txt']], writesFiles: true, maxRatio: 0.35 },
  { name: 'c-make', dir: path.join(FIXTURES, 'apps', 'c-app'), recipes: ['gcc', 'debian'], buildNetwork: 'none', mountTarget: '/out', runs: [[], ['stagecraft', '/out/greeting.txt']], writesFiles: true, maxRatio: 0.35 },
];

interface Outcome { readonly status: number | null; readonly stdout: string; readonly files: Readonly<Record<string, string>> }

function build(app: App, dockerfile: string, tag: string): void {
  const result = docker(buildCommand(['--network', app.buildNetwork, '-q', '-t', tag, '-f', dockerfile, app.dir]), { timeoutMs: 900_000 });
  assert.equal(result.status, 0, `docker build ${tag} failed:\n${result.stderr}`);
}

function runOnce(app: App, image: string, args: readonly string[]): Outcome {
  const { host, source } = bindFolder(`stagecraft-${app.name}-`);
  fs.chmodSync(host, 0o777);
  const mount = `type=bind,source=${source},target=${app.mountTarget}`;
  let status: number | null;
  let stdout: string;
  if (app.server === true) {
    const started = docker(['run', '-d', '--network', 'none', '--mount', mount, image, ...args]);
    assert.equal(started.status, 0, started.stderr);
    const id = started.stdout.trim();
    let logs = '';
    for (let i = 0; i < 100 && !logs.includes('listening'); i++) {
      logs = docker(['logs', id]).stderr;
      spawnSync('sleep', ['0.1']);
    }
    docker(['stop', '-t', '1', id]);
    status = (inspectJson<{ State: { ExitCode: number } }[]>(['container', 'inspect', id])[0]?.State.ExitCode) ?? null;
    docker(['rm', '-f', id]);
    stdout = logs.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /gm, '');
  } else {
    const result = docker(['run', '--rm', '--network', 'none', '--mount', mount, image, ...args]);
    status = result.status;
    stdout = result.stdout;
  }
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(host).sort()) files[name] = fs.readFileSync(path.join(host, name)).toString('base64');
  fs.rmSync(host, { recursive: true, force: true });
  return { status, stdout, files };
}

function sizeOf(image: string): number {
  return inspectJson<{ Size: number }[]>(['image', 'inspect', image])[0]?.Size ?? 0;
}

const sizes: { app: string; before: number; after: number }[] = [];

describe(`convert to multi-stage on a real Docker engine (${engineFlavor()})`, async () => {
  if (!(await engineForSuite())) return;
  before(async () => {
    await ensureStandInImages([...new Set(APPS.flatMap((a) => a.recipes))]);
  });
  after(() => {
    if (sizes.length === 0) return;
    const rows = sizes.map((s) => `| ${s.app} | ${(s.before / 1e6).toFixed(1)} | ${(s.after / 1e6).toFixed(1)} | ${((100 * s.after) / s.before).toFixed(1)}% |`);
    const table = ['| app | before MB | after MB | after/before |', '|---|---|---|---|', ...rows].join('\n');
    process.stdout.write(`\nImage sizes, original vs converted (local stand-in base images, ${engineFlavor()}):\n${table}\n`);
    fs.mkdirSync(path.join(REPO_ROOT, 'out'), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, 'out', `multistage-sizes.${engineFlavor()}.md`), `${table}\n`);
  });

  for (const app of APPS) {
    it(`${app.name}: same behaviour, smaller image`, () => {
      const converted = path.join(tempDir('stagecraft-converted-'), 'Dockerfile');
      const cli = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'convert', '-o', converted, path.join(app.dir, 'Dockerfile')], { encoding: 'utf8' });
      assert.equal(cli.status, 0, cli.stderr);
      const before = `stagecraft-test/ms-${app.name}:original`;
      const afterTag = `stagecraft-test/ms-${app.name}:converted`;
      build(app, path.join(app.dir, 'Dockerfile'), before);
      build(app, converted, afterTag);
      for (const args of app.runs) {
        const original = runOnce(app, before, args);
        const result = runOnce(app, afterTag, args);
        assert.deepEqual(result, original, `docker run IMAGE ${args.join(' ')}`);
        assert.equal(original.status, app.server === true ? original.status : 0, original.stdout);
        if (args.length > 0 && app.writesFiles) assert.ok(Object.keys(original.files).length > 0, 'the run wrote into the host folder');
      }
      const sizeBefore = sizeOf(before);
      const sizeAfter = sizeOf(afterTag);
      sizes.push({ app: app.name, before: sizeBefore, after: sizeAfter });
      assert.ok(sizeAfter <= sizeBefore * app.maxRatio, `${app.name}: ${sizeAfter} bytes is more than ${app.maxRatio * 100}% of ${sizeBefore}`);
    });
  }
});
