import '../helpers/useBuildkitEngine';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainCommand } from '../../server/src/explain/effectiveCommand';
import { runRules } from '../../server/src/rules/engine';
import { BUSYBOX_IMAGE, buildCommand, docker, engineForSuite } from '../helpers/engine';
import { lines, model } from '../helpers/model';
import { ensureStandInImages } from '../helpers/standInImages';
import { tempDir } from '../helpers/tempDir';

/**
 * Syntax only BuildKit builds — heredocs (RUN and COPY, several on one line, `<<-`, quoted), RUN --mount of a
 * cache, a bind and a secret, COPY --link and --chmod — built and run on Docker 28.5, and read by Stagecraft
 * without an error, with the command it predicts being the one the container runs.
 */

const DOCKERFILE = lines(
  'FROM scratch AS base',
  `COPY --from=${BUSYBOX_IMAGE} / /`,
  'FROM base',
  'ARG GREETING=hello',
  'RUN <<EOF',
  'mkdir -p /out',
  'echo "$GREETING from a RUN heredoc" > /out/run.txt',
  'EOF',
  'COPY <<EOF /out/copied.txt',
  'copied ${GREETING}',
  'EOF',
  'COPY <<"EOF" /out/literal.txt',
  'kept $GREETING',
  'EOF',
  'RUN <<ONE cat - > /out/two.txt && sh /dev/stdin <<TWO',
  'first',
  'ONE',
  'echo second >> /out/two.txt',
  'TWO',
  'RUN <<-EOF',
  '\techo tabs stripped > /out/tabs.txt',
  '\tEOF',
  'RUN --mount=type=cache,target=/cache echo cached > /cache/c && cp /cache/c /out/cache.txt',
  'RUN --mount=type=bind,source=input.txt,target=/in/input.txt cp /in/input.txt /out/bound.txt',
  'RUN --mount=type=secret,id=token,target=/run/secrets/token cp /run/secrets/token /out/secret-was-there.txt',
  'COPY --link input.txt /out/linked.txt',
  'COPY --chmod=0751 input.txt /out/script.sh',
  'ENTRYPOINT ["/bin/sh", "-c", "cat /out/run.txt /out/copied.txt /out/literal.txt /out/two.txt /out/tabs.txt /out/cache.txt /out/bound.txt /out/linked.txt && stat -c %a /out/script.sh && test ! -e /run/secrets/token && echo no-secret-left"]',
);

describe('modern Dockerfile syntax built by BuildKit', async () => {
  if (!(await engineForSuite())) return;
  const tag = 'stagecraft-test/modern-syntax:1';
  before(() => ensureStandInImages([]));
  after(() => docker(['image', 'rm', '-f', tag]));

  it('Stagecraft reads it without an error and predicts the command the container runs', () => {
    const m = model(DOCKERFILE);
    assert.deepEqual(runRules(m).filter((p) => p.severity === 'error').map((p) => `${p.ruleId}@${p.range.start.line + 1}`), []);
    const stage = m.stages.at(-1);
    assert.ok(stage);
    const run = explainCommand(m, stage).run;
    assert.equal(run.kind, 'known');
    assert.equal(run.kind === 'known' ? run.argv[0] : '', '/bin/sh');
  });

  it('builds with buildx and runs as written', () => {
    const dir = tempDir('stagecraft-modern-');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(dir, 'input.txt'), 'from the context\n');
    const secret = path.join(dir, 'token.secret');
    fs.writeFileSync(secret, 's3cret\n');
    const built = docker(buildCommand(['--network', 'none', '-q', '--secret', `id=token,src=${secret}`, '-t', tag, dir]), { timeoutMs: 300_000 });
    assert.equal(built.status, 0, built.stderr);
    const ran = docker(['run', '--rm', '--network', 'none', tag]);
    assert.equal(ran.status, 0, ran.stderr);
    assert.equal(ran.stdout, [
      'hello from a RUN heredoc', 'copied hello', 'kept $GREETING', 'first', 'second', 'tabs stripped', 'cached',
      'from the context', 'from the context', '751', 'no-secret-left', '',
    ].join('\n'));
  });
});
