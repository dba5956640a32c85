import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUSYBOX_IMAGE, EMPTY_STAND_IN_LABEL, buildCommand, docker, dockerEnv, engineFlavor, ensureBusyboxImage, ensureEngine } from './engine';
import { withProcessLock } from './processLock';

/**
 * Local stand-ins for the public images the sample Dockerfiles name (nothing can be pulled here): a Debian
 * bookworm rootfs from debootstrap, plus Debian's toolchain packages, tagged `golang:1.22`, `node:20`, ...
 * They are built once and stay in the engine's image store; the rootfs tarball is kept in CACHE_DIR so a
 * wiped store does not need debootstrap again.
 */

const CACHE_DIR = process.env['STAGECRAFT_IMAGE_CACHE'] ?? '/var/cache/stagecraft';
const MIRROR = 'http://deb.debian.org/debian';
const MINBASE = 'stagecraft-standin/bookworm-minbase:1';
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface Recipe {
  readonly tags: readonly string[];
  /** Debian packages on top of the minbase rootfs; empty: the rootfs itself. */
  readonly packages: readonly string[];
  readonly extra?: readonly string[];
}

export const RECIPES: Readonly<Record<string, Recipe>> = {
  debian: { tags: ['debian:bookworm', 'debian:bookworm-slim', 'ubuntu:22.04'], packages: [] },
  golang: {
    tags: ['golang:1.22', 'golang:1.22-bookworm'],
    packages: ['golang-go', 'ca-certificates', 'git'],
    extra: ['ENV GOPATH=/go PATH=/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'WORKDIR /go'],
  },
  node: { tags: ['node:20'], packages: ['nodejs', 'npm', 'build-essential', 'git', 'python3'], extra: ['CMD ["node"]'] },
  nodeSlim: { tags: ['node:20-slim'], packages: ['nodejs', 'npm'], extra: ['CMD ["node"]'] },
  rust: { tags: ['rust:1', 'rust:1-bookworm'], packages: ['cargo', 'rustc'] },
  gcc: { tags: ['gcc:13', 'gcc:13-bookworm'], packages: ['gcc', 'g++', 'make', 'libc6-dev'] },
};

/** The tag exists and is a real stand-in, not one of the parity test's empty images of the same name. */
function imageExists(tag: string): boolean {
  const inspected = docker(['image', 'inspect', '--format', `{{index .Config.Labels "${EMPTY_STAND_IN_LABEL}"}}`, tag]);
  return inspected.status === 0 && inspected.stdout.trim() !== '1';
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 600_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr ?? String(result.error)}`);
}

interface Piped { command: string; args: string[]; env?: NodeJS.ProcessEnv }

async function pipeInto(source: Piped, sink: Piped): Promise<void> {
  const producer = spawn(source.command, source.args, { stdio: ['ignore', 'pipe', 'inherit'], env: source.env ?? process.env });
  const consumer = spawn(sink.command, sink.args, { stdio: ['pipe', 'ignore', 'inherit'], env: sink.env ?? process.env });
  producer.stdout.pipe(consumer.stdin);
  const codes = await Promise.all([producer, consumer].map((child) => new Promise<number | null>((resolve) => child.on('close', resolve))));
  if (codes.some((code) => code !== 0)) throw new Error(`${source.command} | ${sink.command} failed (${codes.join(', ')})`);
}

async function ensureMinbase(): Promise<void> {
  if (imageExists(MINBASE)) return;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const tarball = path.join(CACHE_DIR, 'bookworm-minbase.tar');
  // The tarball is shared by both engines' processes (their image locks are per engine): made under a lock of its own.
  await withProcessLock('standin-minbase-tarball', 20 * 60_000, async () => makeMinbaseTarball(tarball));
  await pipeInto({ command: 'cat', args: [tarball] }, { command: 'docker', args: ['import', '--change', `ENV ${PATH_ENV}`, '--change', 'CMD ["bash"]', '-', MINBASE], env: dockerEnv() });
}

/** Debian bookworm minbase by debootstrap, as a tarball for `docker import`; kept on disk. */
function makeMinbaseTarball(tarball: string): void {
  if (!fs.existsSync(tarball)) {
    const rootfs = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-rootfs-'));
    // debootstrap lives in /usr/sbin, which a non-login PATH may lack.
    const debootstrap = ['/usr/sbin/debootstrap', '/usr/bin/debootstrap'].find((p) => fs.existsSync(p)) ?? 'debootstrap';
    run(debootstrap, ['--variant=minbase', 'bookworm', rootfs, MIRROR]);
    // The downloaded .debs and package lists are not part of a base image.
    for (const dir of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      for (const entry of fs.readdirSync(path.join(rootfs, dir))) {
        const file = path.join(rootfs, dir, entry);
        if (fs.statSync(file).isFile()) fs.rmSync(file);
      }
    }
    run('tar', ['-C', rootfs, '-cf', `${tarball}.partial`, '.']);
    fs.renameSync(`${tarball}.partial`, tarball);
    fs.rmSync(rootfs, { recursive: true, force: true });
  }
}

/** The machine's own engine (the classic one), whatever this process's engine is. */
const HOST_ENGINE_ENV: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: undefined, DOCKER_CONFIG: undefined, DOCKER_CONTEXT: undefined };

/**
 * For the current engine: the stand-ins the machine's own engine already has are copied over (`docker save |
 * docker load`, seconds) rather than built again from Debian's packages (minutes).
 */
async function copiedFromHostEngine(tags: readonly string[]): Promise<boolean> {
  if (engineFlavor() !== 'buildkit') return false;
  const onHost = tags.every((tag) => spawnSync('docker', ['image', 'inspect', tag], { env: HOST_ENGINE_ENV, stdio: 'ignore' }).status === 0);
  if (!onHost) return false;
  await pipeInto({ command: 'docker', args: ['save', ...tags], env: HOST_ENGINE_ENV }, { command: 'docker', args: ['load'], env: dockerEnv() });
  return tags.every(imageExists);
}

async function buildRecipe(recipe: Recipe): Promise<void> {
  if (recipe.tags.every(imageExists)) return;
  if (await copiedFromHostEngine(recipe.tags)) return;
  const lines = [`FROM ${MINBASE}`];
  if (recipe.packages.length > 0) {
    lines.push(`RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${recipe.packages.join(' ')} && rm -rf /var/lib/apt/lists/*`);
  }
  lines.push(...(recipe.extra ?? []));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-standin-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `${lines.join('\n')}\n`);
    const result = docker(buildCommand(['--network', 'host', '-q', ...recipe.tags.flatMap((tag) => ['-t', tag]), dir]), { timeoutMs: 900_000 });
    if (result.status !== 0) throw new Error(`building ${recipe.tags.join(', ')} failed: ${result.stderr}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Makes the stand-ins for the given recipes (all by default) plus `alpine:3.20` (busybox). */
export async function ensureStandInImages(names: readonly string[] = Object.keys(RECIPES)): Promise<void> {
  // One lock per image, so that a test needing only busybox does not wait for the toolchains another builds;
  // a process that waits finds the image made and goes on at once.
  await withProcessLock(`standin-${engineFlavor()}-busybox`, 10 * 60_000, async () => {
    ensureBusyboxImage();
    if (!imageExists('alpine:3.20')) {
      const tagged = docker(['tag', BUSYBOX_IMAGE, 'alpine:3.20']);
      if (tagged.status !== 0) throw new Error(tagged.stderr);
    }
  });
  if (names.length === 0) return;
  await withProcessLock(`standin-${engineFlavor()}-minbase`, 20 * 60_000, async () => {
    if (!imageExists(MINBASE) && !(await copiedFromHostEngine([MINBASE]))) await ensureMinbase();
  });
  for (const name of names) {
    const recipe = RECIPES[name];
    if (recipe === undefined) throw new Error(`no stand-in recipe ${name}`);
    await withProcessLock(`standin-${engineFlavor()}-${name}`, 20 * 60_000, async () => buildRecipe(recipe));
  }
}

if (require.main === module) {
  void (async () => {
    const engine = await ensureEngine();
    if (!engine.ok) throw new Error(engine.reason);
    const started = Date.now();
    await ensureStandInImages(process.argv.slice(2).length > 0 ? process.argv.slice(2) : undefined);
    process.stdout.write(`stand-in images ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
  })().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
