import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lastStartingBy } from '../../server/src/model/positions';
import { fixture } from '../helpers/paths';
import { lines, model } from '../helpers/model';
import { runRules } from '../../server/src/rules/engine';

describe('model: stages', () => {
  it('indexes stages with names, bases, parents and platforms', () => {
    const m = model(lines(
      'ARG GO_VERSION=1.22',
      'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS Build',
      'RUN go build -o /out/app .',
      'FROM build AS test',
      'FROM scratch',
      'COPY --from=build /out/app /app',
    ));
    assert.equal(m.stages.length, 3);
    const [build, test, final] = m.stages;
    assert.equal(build?.name, 'build');
    assert.equal(build?.nameToken?.value, 'Build');
    assert.deepEqual(build?.base, { text: 'golang:1.22-alpine', exact: true });
    assert.equal(build?.baseImage?.repository, 'golang');
    assert.equal(build?.baseImage?.tag, '1.22-alpine');
    assert.equal(build?.platform?.value, '$BUILDPLATFORM');
    assert.equal(test?.parentStageIndex, 0);
    assert.equal(test?.baseImage, undefined);
    assert.equal(final?.name, undefined);
    assert.equal(final?.baseImage?.isScratch, true);
    assert.equal(m.stageAt(2)?.index, 0);
    assert.equal(m.stageAt(5)?.index, 2);
    assert.equal(m.stageAt(0), undefined, 'above the first FROM');
    assert.equal(m.stageAt(99)?.index, 2, 'below the last instruction: the last stage');
    // Every line: the stage of the last FROM on or above it (a binary search, checked against the plain scan).
    for (let line = 0; line < 10; line++) {
      assert.equal(m.stageAt(line), m.stages.filter((stage) => stage.range.start.line <= line).at(-1), `line ${line}`);
    }
    assert.equal(m.stageByReference('BUILD')?.index, 0);
    assert.equal(m.stageByReference('1')?.index, 1);
    assert.equal(m.stageByReference('test', 1), undefined, 'a stage is not visible before it is defined');
  });

  it('marks the base as inexact when it depends on an ARG without default', () => {
    const m = model(lines('ARG BASE', 'FROM ${BASE}:latest'));
    assert.deepEqual(m.stages[0]?.base, { text: ':latest', exact: false });
  });

  it('parses registries, digests and ports in image references', () => {
    const m = model(lines('FROM localhost:5000/team/app:1.0@sha256:abc'));
    const ref = m.stages[0]?.baseImage;
    assert.equal(ref?.registry, 'localhost:5000');
    assert.equal(ref?.repository, 'team/app');
    assert.equal(ref?.tag, '1.0');
    assert.equal(ref?.digest, 'sha256:abc');
  });

  it('keeps every instruction in order with its stage index', () => {
    const m = model(fixture('seeds/avatar.Dockerfile'));
    assert.deepEqual(m.instructions.map((i) => i.keyword), ['FROM', 'WORKDIR', 'COPY', 'COPY', 'COPY', 'RUN', 'VOLUME', 'ENTRYPOINT', 'CMD']);
    assert.ok(m.instructions.every((i) => i.stageIndex === 0));
    assert.equal(m.comments.length, 1);
  });
});

describe('model: variables', () => {
  const text = lines(
    'ARG VERSION=1.0',
    'ARG UNSET',
    'FROM alpine:${VERSION}',
    'RUN echo $VERSION',
    'ARG VERSION',
    'ENV APP_HOME=/opt/app PATH_COPY=$VERSION',
    'ARG APP_HOME=ignored',
    'RUN echo $APP_HOME',
  );
  const m = model(text);

  it('sees global ARGs only in FROM, until re-declared in the stage', () => {
    assert.equal(m.lookupVariable('VERSION', 2)?.value, '1.0', 'FROM sees the global ARG');
    assert.equal(m.lookupVariable('VERSION', 3), undefined, 'not visible inside the stage before ARG VERSION');
    const redeclared = m.lookupVariable('VERSION', 5);
    assert.equal(redeclared?.kind, 'arg');
    assert.equal(redeclared?.value, '1.0', 'a bare ARG takes the global default');
    assert.equal(redeclared?.globalDefinition?.instructionIndex, 0);
  });

  it('resolves ENV values with the scope before the instruction', () => {
    assert.equal(m.lookupVariable('PATH_COPY', 7)?.value, '1.0');
  });

  it('lets ENV win over an ARG of the same name, as the builder does', () => {
    const found = m.lookupVariable('APP_HOME', 7);
    assert.equal(found?.kind, 'env');
    assert.equal(found?.value, '/opt/app');
  });

  it('treats ARG without default as build-time (unknown) and predefined platform ARGs as known names', () => {
    assert.equal(m.lookupVariable('UNSET', 2)?.value, undefined);
    assert.equal(m.lookupVariable('TARGETARCH', 2)?.kind, 'predefined');
  });

  it('inherits ENV from a parent stage but not ARG', () => {
    const inherited = model(lines('FROM alpine AS base', 'ENV A=1', 'ARG B=2', 'FROM base', 'RUN true'));
    assert.equal(inherited.lookupVariable('A', 4)?.value, '1');
    assert.equal(inherited.lookupVariable('B', 4), undefined);
  });
});

describe('model: instruction forms', () => {
  it('tells exec form from shell form and flags JSON that is not', () => {
    const m = model(lines(
      'FROM alpine',
      'CMD ["./app", "--port", "80"]',
      "ENTRYPOINT ['./app']",
      'RUN --network=none echo "hi" && \\',
      '    echo there',
      'SHELL ["/bin/bash", "-c"]',
      'HEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]',
    ));
    const [, cmd, entrypoint, run, shell, healthcheck] = m.instructions;
    assert.deepEqual(cmd?.command, { form: 'exec', argv: ['./app', '--port', '80'], script: '', invalidJson: false, range: cmd?.argumentsRange });
    assert.equal(entrypoint?.command?.form, 'shell');
    assert.equal(entrypoint?.command?.invalidJson, true);
    assert.equal(run?.command?.form, 'shell');
    assert.equal(run?.command?.script, 'echo "hi" &&     echo there');
    assert.deepEqual(run?.flags.map((f) => [f.name, f.value]), [['network', 'none']]);
    assert.deepEqual(shell?.command?.argv, ['/bin/bash', '-c']);
    assert.deepEqual(healthcheck?.command?.argv, ['curl', '-f', 'http://localhost/']);
  });

  it('reads multi-line JSON across continuations', () => {
    const m = model(lines('FROM alpine', 'ENTRYPOINT ["/bin/app", \\', '  "--verbose"]'));
    assert.deepEqual(m.instructions[1]?.command?.argv, ['/bin/app', '--verbose']);
  });

  it('honours the backtick escape directive', () => {
    const m = model(lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN dir `', '    c:\\', 'CMD echo done'));
    assert.equal(m.escapeChar, '`');
    assert.equal(m.instructions.length, 3);
    assert.equal(m.stages[0]?.runtime.isWindows, true);
    const cmd = m.stages[0]?.runtime.cmd;
    assert.ok(cmd?.known, 'the stage sets CMD itself');
    assert.deepEqual(cmd.value?.argv, ['cmd', '/S', '/C', 'echo done'], 'Windows images run shell form through cmd /S /C');
  });

  it('ends an instruction at a line whose final escape is escaped, as BuildKit does (either escape character)', () => {
    const m = model(lines('FROM scratch', 'COPY a b C:\\\\dir\\\\', 'ENV A=1', 'RUN echo a\\\\\\', 'RUN x \\', '  y', 'ENV B=2\\\\  ', 'ENV C=3'));
    assert.deepEqual(m.instructions.map((i) => [i.keyword, i.range.start.line, i.range.end.line]), [['FROM', 0, 0], ['COPY', 1, 1], ['ENV', 2, 2], ['RUN', 3, 3], ['RUN', 4, 5], ['ENV', 6, 6], ['ENV', 7, 7]]);
    assert.deepEqual(m.instructions[1]?.args.map((a) => a.value), ['a', 'b', 'C:\\dir\\']);
    const backtick = model(lines('# escape=`', 'FROM scratch', 'ENV X=a``', 'MAINTAINER me', 'ENV Y=b`', '  Z=c'));
    assert.deepEqual(backtick.instructions.map((i) => [i.keyword, i.range.start.line]), [['FROM', 1], ['ENV', 2], ['MAINTAINER', 3], ['ENV', 4]]);
  });

  it('handles CRLF line endings', () => {
    const m = model('FROM alpine\r\nRUN echo a \\\r\n  b\r\nCMD ["x"]\r\n');
    assert.deepEqual(m.instructions.map((i) => i.keyword), ['FROM', 'RUN', 'CMD']);
    assert.deepEqual(m.instructions[2]?.command?.argv, ['x']);
  });

  it('lifts ONBUILD triggers as instructions of their own', () => {
    const m = model(lines('FROM alpine', 'ONBUILD COPY --chown=app . /src'));
    const trigger = m.instructions[1]?.trigger;
    assert.equal(trigger?.keyword, 'COPY');
    assert.deepEqual(trigger?.flags.map((f) => f.name), ['chown']);
  });
});

describe('model: heredocs', () => {
  it('keeps heredoc bodies out of the instruction list, several per line, in RUN and COPY', () => {
    const m = model(lines(
      'FROM alpine',
      'RUN <<-"A" cat > /a && <<\'B\' cat > /b',
      '\thello',
      '\tA',
      'FROM not-an-instruction',
      'B',
      'COPY <<EOT /etc/motd',
      'RUN not this either',
      'EOT',
      'CMD ["true"]',
    ));
    assert.deepEqual(m.instructions.map((i) => i.keyword), ['FROM', 'RUN', 'COPY', 'CMD']);
    const run = m.instructions[1];
    assert.deepEqual(run?.heredocs.map((h) => [h.name, h.stripsTabs, h.quoted]), [['A', true, true], ['B', false, true]]);
    assert.equal(run?.heredocs[1]?.terminatorRange?.start.line, 5);
    assert.equal(m.stages.length, 1, 'FROM inside a heredoc body is not a stage');
  });

  it('reads heredocs with a file-descriptor prefix (`cat 5<<EOF`), as BuildKit does', () => {
    const m = model(lines('FROM scratch', 'RUN cat 5<<EOF 6<<-"X"', 'hello', 'EOF', '\tbye', '\tX', 'COPY 3<<EOF /x', 'RUN not this', 'EOF', 'CMD ["true"]'));
    assert.deepEqual(m.instructions.map((i) => i.keyword), ['FROM', 'RUN', 'COPY', 'CMD']);
    assert.deepEqual(m.instructions[1]?.heredocs.map((h) => [h.name, h.stripsTabs, h.quoted, h.contentRange?.start.line, h.terminatorRange?.start.line]), [['EOF', false, false, 2, 3], ['X', true, true, 4, 5]]);
    assert.deepEqual(m.instructions[2]?.heredocs.map((h) => h.name), ['EOF']);
  });

  it('recognises `<< EOF` with a space as detached and keeps its body out of the instructions', () => {
    const m = model(lines('FROM alpine', "RUN cat << 'EOF' > /x", 'echo hi', 'EOF', 'CMD ["true"]'));
    assert.deepEqual(m.instructions.map((i) => i.keyword), ['FROM', 'RUN', 'CMD']);
    assert.deepEqual(m.instructions[1]?.detachedHeredocs.map((d) => [d.delimiter, d.bodyRange.start.line, d.bodyRange.end.line]), [['EOF', 2, 3]]);
  });
});

describe('model: runtime config (effective ENTRYPOINT/CMD)', () => {
  it('computes the avatar seed: exec ENTRYPOINT with exec CMD, VOLUME, WORKDIR', () => {
    const runtime = model(fixture('seeds/avatar.Dockerfile')).stages[0]?.runtime;
    assert.ok(runtime?.entrypoint.known && runtime.cmd.known && runtime.workdir.known);
    assert.deepEqual(runtime.entrypoint.value?.argv, ['./bin/avatar']);
    assert.deepEqual(runtime.cmd.value?.argv, ['./test.jpg', './shared/test_out.jpg']);
    assert.equal(runtime.workdir.value?.value, '/app');
    assert.deepEqual(runtime.volumes.map((v) => v.value), ['/app/shared']);
  });

  it('says ENTRYPOINT and CMD are unknown when an external base image may set them', () => {
    const runtime = model(lines('FROM nginx:1.27', 'EXPOSE 80')).stages[0]?.runtime;
    assert.equal(runtime?.entrypoint.known, false);
    assert.equal(runtime?.cmd.known, false);
    assert.deepEqual(runtime?.exposedPorts.map((p) => p.value), ['80']);
  });

  it('clears an inherited CMD when the stage sets ENTRYPOINT, but keeps a CMD set earlier in the stage', () => {
    const inherited = model(lines('FROM scratch AS base', 'CMD ["a"]', 'FROM base', 'ENTRYPOINT ["/x"]')).stages[1]?.runtime;
    assert.deepEqual(inherited?.cmd, { known: true, value: undefined });
    const ownCmd = model(lines('FROM nginx', 'CMD ["a"]', 'ENTRYPOINT ["/x"]')).stages[0]?.runtime;
    assert.ok(ownCmd?.cmd.known);
    assert.deepEqual(ownCmd.cmd.value?.argv, ['a']);
  });

  it('wraps shell form in the current SHELL and keeps only the last CMD', () => {
    const runtime = model(lines('FROM scratch', 'CMD first', 'SHELL ["/bin/bash", "-eu", "-c"]', 'CMD echo $HOME')).stages[0]?.runtime;
    assert.ok(runtime?.cmd.known);
    assert.deepEqual(runtime.cmd.value?.argv, ['/bin/bash', '-eu', '-c', 'echo $HOME']);
    assert.equal(runtime.cmdInstructions.length, 2);
  });

  it('inherits ENTRYPOINT/CMD/WORKDIR from a parent stage in the same file', () => {
    const runtime = model(lines('FROM scratch AS base', 'WORKDIR /srv', 'ENTRYPOINT ["/srv/app"]', 'FROM base', 'WORKDIR data')).stages[1]?.runtime;
    assert.ok(runtime?.entrypoint.known && runtime.workdir.known);
    assert.equal(runtime.entrypoint.value?.stageIndex, 0);
    assert.equal(runtime.workdir.value?.value, '/srv/data');
  });
});

describe('model: robustness', () => {
  for (const [name, text] of [
    ['empty', ''],
    ['only comments', '# hello\n# world\n'],
    ['half-typed FROM', 'FR'],
    ['unterminated JSON', 'FROM a\nCMD ["x", '],
    ['unterminated heredoc', 'FROM a\nRUN <<EOF\necho'],
    ['dangling continuation', 'FROM a\nRUN echo \\'],
    ['NUL and BOM', '\uFEFFFROM a\u0000\nRUN \u0000'],
    ['flag without name', 'FROM a\nRUN -- echo'],
    ['bare ARG', 'ARG'],
  ] as const) {
    it(`builds a model and checks ${name} without throwing, all ranges inside the text`, () => {
      const m = model(text);
      const found = runRules(m);
      assert.ok(!found.some((p) => p.ruleId === 'InternalError'), JSON.stringify(found));
      for (const item of [...m.instructions.map((i) => i.range), ...found.map((p) => p.range)]) {
        assert.ok(item.start.line >= 0 && item.end.line < m.lines.lineCount, JSON.stringify(item));
      }
    });
  }
});

describe('model: finding by line', () => {
  it('lastStartingBy equals a scan for the last item starting on or before the line (fast-check)', () => {
    const starts = fc.array(fc.nat(50), { maxLength: 30 }).map((lines) => lines.sort((a, b) => a - b));
    fc.assert(fc.property(starts, fc.integer({ min: -1, max: 60 }), (sorted, line) => {
      const items = sorted.map((start) => ({ range: { start: { line: start, character: 0 }, end: { line: start, character: 1 } } }));
      let expected: number | undefined;
      items.forEach((item, index) => { if (item.range.start.line <= line) expected = index; });
      assert.equal(lastStartingBy(items, line), expected);
    }), { numRuns: 500, seed: 7 });
  });
});
