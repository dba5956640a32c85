import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Prediction } from '../../server/src/explain/effectiveCommand';
import { explainCommand } from '../../server/src/explain/effectiveCommand';
import { model } from '../helpers/model';
import { BUSYBOX_IMAGE, buildImage, docker, engineFlavor, inspectJson, engineForSuite } from '../helpers/engine';
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
