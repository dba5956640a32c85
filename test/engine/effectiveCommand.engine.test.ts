import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Prediction } from '../../server/src/explain/effectiveCommand';
import { explainCommand } from '../../server/src/explain/effectiveCommand';
import { model } from '../helpers/model';
import { BUSYBOX_IMAGE, buildImage, docker, dockerEnv, engineFlavor, inspectJson, engineForSuite } from '../helpers/engine';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIST } from '../helpers/paths';
import { tempDir } from '../helpers/tempDir';
import { ensureStandInImages } from '../helpers/standInImages';

/**
 * The model's prediction against a real engine: what `docker image inspect` stores as Entrypoint/Cmd, what
 * `docker inspect` says the container's process is (Path + Args) for `docker run IMAGE`, `docker run IMAGE a b`
 * and `docker run --entrypoint X IMAGE`, and what the container prints when it runs.
 */

interface Case {
  readonly name: string;
  readonly lines: readonly string[];
  /** What the container prints with no run arguments (busybox echo), or null when docker refuses to run it. */
  readonly output: string | null;
}

const BASE = [`FROM scratch AS base`, `COPY --from=${BUSYBOX_IMAGE} / /`];
const CASES: readonly Case[] = [
  { name: 'no ENTRYPOINT, no CMD', lines: [], output: null },
  { name: 'no ENTRYPOINT, exec CMD', lines: ['CMD ["/bin/echo", "c1"]'], output: 'c1' },
  { name: 'no ENTRYPOINT, shell CMD', lines: ['CMD /bin/echo c1'], output: 'c1' },
  { name: 'exec ENTRYPOINT, no CMD', lines: ['ENTRYPOINT ["/bin/echo", "p1"]'], output: 'p1' },
  { name: 'exec ENTRYPOINT, exec CMD', lines: ['ENTRYPOINT ["/bin/echo", "p1"]', 'CMD ["c1"]'], output: 'p1 c1' },
  { name: 'exec ENTRYPOINT, shell CMD', lines: ['ENTRYPOINT ["/bin/echo", "p1"]', 'CMD /bin/echo c1'], output: 'p1 /bin/sh -c /bin/echo c1' },
  { name: 'shell ENTRYPOINT, no CMD', lines: ['ENTRYPOINT /bin/echo p1'], output: 'p1' },
  { name: 'shell ENTRYPOINT, exec CMD (CMD ignored)', lines: ['ENTRYPOINT /bin/echo p1', 'CMD ["c1"]'], output: 'p1' },
  { name: 'shell ENTRYPOINT, shell CMD (CMD ignored)', lines: ['ENTRYPOINT /bin/echo p1', 'CMD /bin/echo c1'], output: 'p1' },
  { name: 'SHELL override', lines: ['SHELL ["/bin/sh", "-e", "-c"]', 'CMD echo "$0" shell'], output: '/bin/sh shell' },
  { name: 'exec form across continuation lines with $VAR kept literal', lines: ['ENV X=1', 'ENTRYPOINT ["/bin/echo", \\', '  "$X"]'], output: '$X' },
  { name: 'only the last CMD counts', lines: ['CMD ["/bin/echo", "first"]', 'CMD ["/bin/echo", "second"]'], output: 'second' },
  { name: 'multi-stage: child inherits ENTRYPOINT and overrides CMD', lines: ['ENTRYPOINT ["/bin/echo", "base"]', 'CMD ["base-cmd"]', 'FROM base', 'CMD ["child-cmd"]'], output: 'base child-cmd' },
  { name: 'multi-stage: child ENTRYPOINT clears the inherited CMD', lines: ['CMD ["/bin/echo", "base-cmd"]', 'FROM base', 'ENTRYPOINT ["/bin/echo", "child"]'], output: 'child' },
  { name: 'escape directive: backtick continuation in shell form', lines: ['CMD /bin/echo one `', '    two'], output: 'one two' },
];

/** Every case starts FROM scratch plus busybox, so nothing is inherited from an unknown image. */
function dockerfileOf(testCase: Case): string {
  const escape = testCase.name.startsWith('escape directive') ? ['# escape=`'] : [];
  return `${[...escape, ...BASE, ...testCase.lines].join('\n')}\n`;
}

function argvOf(prediction: Prediction): readonly string[] | null {
  if (prediction.kind === 'known') return prediction.argv;
  if (prediction.kind === 'no-command') return null;
  throw new Error('these cases are all fully known: they start FROM scratch');
}

interface ImageInspect { Config: { Entrypoint: string[] | null; Cmd: string[] | null } }
interface ContainerInspect { Path: string; Args: string[] }

const created: string[] = [];

/** `docker create` (never started unless asked) and the process it would run, or null if docker refuses. */
function processOf(args: readonly string[]): readonly string[] | null {
  const result = docker(['create', '--network', 'none', ...args]);
  if (result.status !== 0) {
    assert.match(result.stderr, /no command specified/i, result.stderr);
    return null;
  }
  const id = result.stdout.trim();
  created.push(id);
  const [container] = inspectJson<ContainerInspect[]>(['container', 'inspect', id]);
  assert.ok(container);
  return [container.Path, ...container.Args];
}

describe(`effective command on a real Docker engine (${engineFlavor()})`, async () => {
  if (!(await engineForSuite())) return;
  // Under the lock the other engine tests take: another test process may be making the same image.
  before(() => ensureStandInImages([]));
  after(() => {
    if (created.length > 0) docker(['rm', '-f', ...created]);
    docker(['image', 'rm', '-f', ...CASES.map((_, i) => `stagecraft-test/cmd:${i}`)]);
  });

  CASES.forEach((testCase, index) => {
    it(testCase.name, () => {
      const text = dockerfileOf(testCase);
      const m = model(text);
      const stage = m.stages.at(-1);
      assert.ok(stage);
      const explanation = explainCommand(m, stage);
      const tag = `stagecraft-test/cmd:${index}`;
      buildImage(text, tag);

      const [image] = inspectJson<ImageInspect[]>(['image', 'inspect', tag]);
      assert.ok(image);
      const entrypoint = explanation.entrypoint.known ? explanation.entrypoint.value?.argv ?? null : 'unknown';
      const cmd = explanation.cmd.known ? explanation.cmd.value?.argv ?? null : 'unknown';
      assert.deepEqual({ Entrypoint: image.Config.Entrypoint, Cmd: image.Config.Cmd }, { Entrypoint: entrypoint, Cmd: cmd }, text);

      assert.deepEqual(processOf([tag]), argvOf(explanation.run), 'docker run IMAGE');
      assert.deepEqual(processOf([tag, 'a', 'b']), argvOf(explanation.runWithArgs(['a', 'b'])), 'docker run IMAGE a b');
      assert.deepEqual(processOf(['--entrypoint', '/bin/echo', tag]), argvOf(explanation.runWithEntrypoint('/bin/echo')), 'docker run --entrypoint');

      if (testCase.output !== null) {
        const run = docker(['run', '--rm', '--network', 'none', tag]);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout.trim(), testCase.output);
      }
    });
  });
});

/** A base image that sets both ENTRYPOINT and CMD, and children that leave one or both to it. */
const BASE_IMAGE = 'stagecraft-test/cmd-base:1';
const CHILDREN: readonly { readonly name: string; readonly lines: readonly string[] }[] = [
  { name: 'the child sets nothing: both come from the base', lines: [] },
  { name: 'the child sets CMD: ENTRYPOINT from the base', lines: ['CMD ["child-cmd"]'] },
  { name: 'the child sets ENTRYPOINT: the base\'s CMD is cleared', lines: ['ENTRYPOINT ["/bin/echo", "child"]'] },
];

describe(`stagecraft explain --engine: the base image's real ENTRYPOINT/CMD (${engineFlavor()})`, async () => {
  if (!(await engineForSuite())) return;
  before(async () => {
    await ensureStandInImages([]);
    buildImage(`${[...BASE, 'ENTRYPOINT ["/bin/echo", "base"]', 'CMD ["base-cmd"]'].join('\n')}\n`, BASE_IMAGE);
  });
  after(() => {
    docker(['image', 'rm', '-f', BASE_IMAGE, ...CHILDREN.map((_, i) => `stagecraft-test/cmd-child:${i}`)]);
  });

  CHILDREN.forEach((child, index) => {
    it(child.name, () => {
      const dir = tempDir('stagecraft-explain-engine-');
      const text = `${[`FROM ${BASE_IMAGE}`, ...child.lines].join('\n')}\n`;
      fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
      const explained = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'explain', '--engine', '--format', 'json', path.join(dir, 'Dockerfile'), '--', 'x', 'y'], { encoding: 'utf8', env: dockerEnv() });
      assert.equal(explained.status, 0, explained.stderr);
      const json = JSON.parse(explained.stdout) as { run: { known: boolean; argv: string[] }; runWithArgs: { known: boolean; argv: string[] }; entrypoint: { inheritedFrom?: { image: string } } };
      const tag = `stagecraft-test/cmd-child:${index}`;
      buildImage(text, tag);
      assert.deepEqual(json.run.argv, processOf([tag]), 'docker run IMAGE');
      assert.deepEqual(json.runWithArgs.argv, processOf([tag, 'x', 'y']), 'docker run IMAGE x y');
      const withoutEngine = JSON.parse(spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'explain', '--format', 'json', path.join(dir, 'Dockerfile')], { encoding: 'utf8' }).stdout) as { run: { known: boolean } };
      assert.equal(withoutEngine.run.known, child.lines.length > 0 && child.lines[0]?.startsWith('ENTRYPOINT') === true, 'without --engine only a child ENTRYPOINT makes it known');
    });
  });
});
