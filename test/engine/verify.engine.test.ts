import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { dockerEnv, engineForSuite } from '../helpers/engine';
import { DIST, FIXTURES } from '../helpers/paths';
import { ensureStandInImages } from '../helpers/standInImages';
import { tempDir } from '../helpers/tempDir';

/**
 * `stagecraft convert --verify` on a real engine: a C program that reads a data file copied after its build
 * converts and verifies as the same; a converted Dockerfile without that file is reported as different (the
 * verification can fail); one that does not build, or no engine, cannot be verified.
 */
const APP = path.join(FIXTURES, 'apps', 'c-datafile');

function verify(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'convert', '--verify', ...args], { encoding: 'utf8', env: dockerEnv(), timeout: 900_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('convert --verify on a real engine', async () => {
  if (!(await engineForSuite())) return;
  before(() => ensureStandInImages(['gcc', 'debian', 'golang']));

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
});
