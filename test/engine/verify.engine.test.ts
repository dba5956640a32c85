import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { BUSYBOX_IMAGE, dockerEnv, engineFlavor, engineForSuite, engineVisibleFolder, ensureBusyboxImage } from '../helpers/engine';
import { DIST, FIXTURES } from '../helpers/paths';
import { ensureStandInImages } from '../helpers/standInImages';
import { tempDir } from '../helpers/tempDir';

/**
 * `stagecraft convert --verify` on a real engine: a C program that reads a data file copied after its build
 * converts and verifies as the same; a converted Dockerfile without that file is reported as different (the
 * verification can fail); one that does not build, no engine, or an engine that does not see the folders it
 * mounts, cannot be verified. `verify.buildkit.test.ts` runs the same on the current engine.
 */
const APP = path.join(FIXTURES, 'apps', 'c-datafile');

let sharedTemp: string | undefined;

/**
 * The CLI makes its bind folders under TMPDIR. The current engine's daemon runs in a chroot: there TMPDIR is a
 * folder shared with it at the same path (as a local engine sees ours). Builds run with `--network none`: that
 * engine has no bridge network, and nothing here needs one.
 */
function verify(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  sharedTemp ??= engineFlavor() === 'buildkit' ? engineVisibleFolder('stagecraft-verify-tmp-') : undefined;
  const env = { ...dockerEnv(), ...(sharedTemp !== undefined ? { TMPDIR: sharedTemp } : {}) };
  return verifyWith(env, '--network', 'none', ...args);
}

function verifyWith(env: NodeJS.ProcessEnv, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'convert', '--verify', ...args], { encoding: 'utf8', env, timeout: 900_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A small image that writes into its VOLUME: the mount checks need a run, not a conversion. */
function volumeWriter(): string {
  const file = path.join(tempDir('stagecraft-volume-writer-'), 'Dockerfile');
  fs.writeFileSync(file, `FROM ${BUSYBOX_IMAGE}\nVOLUME /out\nCMD ["sh", "-c", "echo written > /out/result.txt"]\n`);
  return file;
}

describe('convert --verify on a real engine', async () => {
  if (!(await engineForSuite())) return;
  before(async () => {
    await ensureStandInImages(['gcc', 'debian', 'golang']);
    ensureBusyboxImage();
  });

  it('the converted C program with its late data file behaves the same, and the image is smaller', () => {
    const result = verify('--format', 'json', path.join(APP, 'Dockerfile'));
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    const report = JSON.parse(result.stdout) as { verdict: string; differences: string[]; original: { size: number; run: { stdout: string; files: Record<string, string> } }; converted: { size: number } };
    assert.equal(report.verdict, 'same');
    assert.equal(report.original.run.stdout, 'hello from a data file\n');
    assert.deepEqual(Object.keys(report.original.run.files), ['/out/result.txt'], 'the VOLUME got a fresh host folder, and the run wrote into it');
    assert.ok(report.converted.size < report.original.size * 0.35, `${report.converted.size} vs ${report.original.size}`);
  });

  it('an app that runs as a user its Dockerfile creates, writing into a folder only that user owns: the user is carried, same behaviour', () => {
    const result = verify('--format', 'json', path.join(FIXTURES, 'apps', 'c-nonroot', 'Dockerfile'));
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    const report = JSON.parse(result.stdout) as { verdict: string; original: { run: { stdout: string; exitCode: number } } };
    assert.equal(report.verdict, 'same');
    assert.deepEqual([report.original.run.exitCode, report.original.run.stdout], [0, 'uid=990\nok\n']);
  });

  it('a Go program that reads a config file, templates and static assets at run time: all carried, same behaviour, 0.6% of the size', () => {
    const result = verify('--format', 'json', '--run-arg', 'stagecraft', '--run-arg', '/out/greeting.txt', path.join(FIXTURES, 'apps', 'go-runtime-files', 'Dockerfile'));
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    const report = JSON.parse(result.stdout) as { verdict: string; original: { size: number; run: { exitCode: number; files: Record<string, string> } }; converted: { size: number } };
    assert.equal(report.verdict, 'same');
    assert.equal(report.original.run.exitCode, 0);
    assert.deepEqual(Object.keys(report.original.run.files), ['/out/greeting.txt']);
    assert.ok(report.converted.size < report.original.size * 0.05, `${report.converted.size} vs ${report.original.size}`);
  });

  it('a converted Dockerfile that lacks the data file is reported as different, and why', () => {
    const planted = path.join(tempDir('stagecraft-planted-'), 'Dockerfile');
    const converted = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'convert', path.join(APP, 'Dockerfile')], { encoding: 'utf8' }).stdout;
    const finalStage = converted.lastIndexOf('\nFROM ');
    fs.writeFileSync(planted, converted.slice(0, finalStage) + converted.slice(finalStage).replace(/^COPY greeting\.txt .*\n/m, ''));
    const result = verify('--against', planted, '--run-arg', '/out/args.txt', path.join(APP, 'Dockerfile'));
    assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /^DIFFERENT: /);
    assert.match(result.stdout, /exit code: 0 before, 2 after/);
    assert.match(result.stdout, /\/etc\/hello\/greeting\.txt \(file\) is in the original image, not in the converted one/);
    assert.match(result.stdout, /only the original image's run wrote \/out\/args\.txt/);
  });

  it('cannot verify what does not build (said where), nor without an engine', () => {
    const broken = path.join(tempDir('stagecraft-broken-'), 'Dockerfile');
    fs.writeFileSync(broken, 'FROM debian:bookworm-slim\nRUN exit 7\n');
    const failed = verify('--against', broken, path.join(APP, 'Dockerfile'));
    assert.equal(failed.status, 2, failed.stdout);
    assert.match(failed.stdout, /^NOT VERIFIED: the converted Dockerfile does not build/);
    assert.match(failed.stdout, new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:1: error: .*exit(ed)? ?(code)?:? ?7|returned a non-zero code: 7`));
    const noEngine = verify('--engine', 'stagecraft-no-such-docker', path.join(APP, 'Dockerfile'));
    assert.equal(noEngine.status, 2);
    assert.match(noEngine.stdout, /^NOT VERIFIED: The container CLI `stagecraft-no-such-docker` was not found/);
  });

  it('an engine that cannot show a marker file through the container it mounted the folder into: not verified, never a false "same"', () => {
    // A wrapper CLI that is the real engine except that `cp` finds nothing, as a remote daemon with a folder
    // of the same name on its side would answer: both runs' files would look alike (empty) from here.
    const bin = tempDir('stagecraft-blind-engine-');
    const wrapper = path.join(bin, 'docker-blind');
    fs.writeFileSync(wrapper, '#!/bin/sh\nif [ "$1" = cp ]; then echo "Error: Could not find the file $2 in container" >&2; exit 1; fi\nexec docker "$@"\n', { mode: 0o755 });
    const dockerfile = volumeWriter();
    const sees = verify('--against', dockerfile, dockerfile);
    assert.equal(sees.status, 0, `the real engine sees its folders: ${sees.stdout}\n${sees.stderr}`);
    assert.match(sees.stdout, /^SAME BEHAVIOUR/);
    const blind = verify('--engine', wrapper, '--against', dockerfile, dockerfile);
    assert.equal(blind.status, 2, blind.stdout);
    assert.match(blind.stdout, /^NOT VERIFIED: the engine does not see this machine's folder \S+ that it mounts at \/out /);
  });

  // The classic engine shares this machine's file system: there is no folder it lacks.
  if (engineFlavor() === 'buildkit') it('the current engine (its daemon in a chroot) given a folder it does not have: not verified, said why', () => {
    const dockerfile = volumeWriter();
    const result = verifyWith({ ...dockerEnv(), TMPDIR: tempDir('stagecraft-unshared-') }, '--network', 'none', '--against', dockerfile, dockerfile);
    assert.equal(result.status, 2, result.stdout);
    assert.match(result.stdout, /^NOT VERIFIED: the engine does not see this machine's folder \S+ that it mounts at \/out /);
  });
});
