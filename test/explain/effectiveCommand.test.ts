import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Prediction } from '../../server/src/explain/effectiveCommand';
import { explainCommand } from '../../server/src/explain/effectiveCommand';
import { lines, model } from '../helpers/model';

/** The container's argv for `docker run IMAGE` (known), or a marker for the other outcomes. */
function argvOf(prediction: Prediction): readonly string[] | string {
  if (prediction.kind === 'known') return prediction.argv;
  if (prediction.kind === 'no-command') return 'no-command';
  return `depends-on ${prediction.image}${prediction.ifBaseSetsNothing ? ` then ${prediction.ifBaseSetsNothing.join(' ')}` : ''}`;
}

function explainLast(text: string) {
  const m = model(text);
  const stage = m.stages.at(-1);
  assert.ok(stage);
  return explainCommand(m, stage);
}

const ENTRYPOINTS = {
  none: [],
  exec: ['ENTRYPOINT ["/bin/ep", "p1"]'],
  shell: ['ENTRYPOINT /bin/ep p1'],
} as const;
const CMDS = {
  none: [],
  exec: ['CMD ["/bin/cmd", "c1"]'],
  shell: ['CMD /bin/cmd c1'],
} as const;

/** Docker's table (reference: "Understand how CMD and ENTRYPOINT interact"), as exact argv. */
const EXPECTED: Record<string, readonly string[] | string> = {
  'none/none': 'no-command',
  'none/exec': ['/bin/cmd', 'c1'],
  'none/shell': ['/bin/sh', '-c', '/bin/cmd c1'],
  'exec/none': ['/bin/ep', 'p1'],
  'exec/exec': ['/bin/ep', 'p1', '/bin/cmd', 'c1'],
  'exec/shell': ['/bin/ep', 'p1', '/bin/sh', '-c', '/bin/cmd c1'],
  'shell/none': ['/bin/sh', '-c', '/bin/ep p1'],
  'shell/exec': ['/bin/sh', '-c', '/bin/ep p1', '/bin/cmd', 'c1'],
  'shell/shell': ['/bin/sh', '-c', '/bin/ep p1', '/bin/sh', '-c', '/bin/cmd c1'],
};

describe('effective command: Docker\'s ENTRYPOINT × CMD table', () => {
  for (const entry of ['none', 'exec', 'shell'] as const) {
    for (const cmd of ['none', 'exec', 'shell'] as const) {
      it(`ENTRYPOINT ${entry} × CMD ${cmd}`, () => {
        const explanation = explainLast(lines('FROM scratch', ...ENTRYPOINTS[entry], ...CMDS[cmd]));
        assert.deepEqual(explanation.cell, { entrypoint: entry, cmd });
        assert.deepEqual(argvOf(explanation.run), EXPECTED[`${entry}/${cmd}`]);
        // Run arguments replace CMD; with a shell-form ENTRYPOINT they become $0 $1 of the shell.
        const withArgs = argvOf(explanation.runWithArgs(['a', 'b']));
        const expectedWithArgs = entry === 'none' ? ['a', 'b'] : entry === 'exec' ? ['/bin/ep', 'p1', 'a', 'b'] : ['/bin/sh', '-c', '/bin/ep p1', 'a', 'b'];
        assert.deepEqual(withArgs, expectedWithArgs);
        // --entrypoint replaces ENTRYPOINT and drops CMD.
        assert.deepEqual(argvOf(explanation.runWithEntrypoint('/bin/x')), ['/bin/x']);
      });
    }
  }

  it('says "depends on the base image" instead of guessing, with what runs if the base sets nothing', () => {
    const cmdOnly = explainLast(lines('FROM nginx:1.27', 'CMD ["nginx", "-g", "daemon off;"]'));
    assert.deepEqual(cmdOnly.cell, { entrypoint: 'unknown', cmd: 'exec' });
    assert.equal(argvOf(cmdOnly.run), 'depends-on nginx:1.27 then nginx -g daemon off;');
    assert.equal(argvOf(explainLast(lines('FROM nginx:1.27', 'EXPOSE 80')).run), 'depends-on nginx:1.27');
  });

  it('setting ENTRYPOINT over an external base drops the base\'s CMD, so the result is known', () => {
    const explanation = explainLast(lines('FROM python:3.12', 'ENTRYPOINT ["python", "-m", "http.server"]'));
    assert.deepEqual(argvOf(explanation.run), ['python', '-m', 'http.server']);
  });
});

describe('effective command: SHELL, escape, JSON across lines, variables, stages', () => {
  it('uses the SHELL in force at the instruction', () => {
    const explanation = explainLast(lines('FROM scratch', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'CMD echo $HOME | wc -c'));
    assert.deepEqual(argvOf(explanation.run), ['/bin/bash', '-o', 'pipefail', '-c', 'echo $HOME | wc -c']);
  });

  it('a SHELL after CMD does not change it', () => {
    const explanation = explainLast(lines('FROM scratch', 'CMD echo hi', 'SHELL ["/bin/bash", "-c"]'));
    assert.deepEqual(argvOf(explanation.run), ['/bin/sh', '-c', 'echo hi']);
  });

  it('uses cmd /S /C for Windows images and honours the backtick escape', () => {
    const explanation = explainLast(lines('# escape=`', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'ENTRYPOINT ["app.exe"]', 'CMD echo `', '  done'));
    assert.deepEqual(argvOf(explanation.run), ['app.exe', 'cmd', '/S', '/C', 'echo   done']);
  });

  it('reads exec form spread over continuation lines', () => {
    const explanation = explainLast(lines('FROM scratch', 'ENTRYPOINT ["/app", \\', '    "--config", \\', '    "/etc/app.toml"]'));
    assert.deepEqual(argvOf(explanation.run), ['/app', '--config', '/etc/app.toml']);
  });

  it('keeps $VAR literal in exec form and for the shell in shell form', () => {
    assert.deepEqual(argvOf(explainLast(lines('FROM scratch', 'ENV NAME=x', 'CMD ["echo", "$NAME"]')).run), ['echo', '$NAME']);
    assert.deepEqual(argvOf(explainLast(lines('FROM scratch', 'ENV NAME=x', 'CMD echo $NAME')).run), ['/bin/sh', '-c', 'echo $NAME']);
  });

  it('inherits from a parent stage and lets the child override CMD only', () => {
    const explanation = explainLast(lines('FROM scratch AS base', 'ENTRYPOINT ["/srv/app"]', 'CMD ["--help"]', 'FROM base', 'CMD ["--serve"]'));
    assert.deepEqual(argvOf(explanation.run), ['/srv/app', '--serve']);
    assert.equal(explanation.entrypoint.known && explanation.entrypoint.value?.stageIndex, 0);
  });

  it('a child ENTRYPOINT clears the CMD inherited from the parent stage', () => {
    const explanation = explainLast(lines('FROM scratch AS base', 'CMD ["--help"]', 'FROM base', 'ENTRYPOINT ["/srv/other"]'));
    assert.deepEqual(argvOf(explanation.run), ['/srv/other']);
  });

  it('only the last CMD of a stage counts', () => {
    assert.deepEqual(argvOf(explainLast(lines('FROM scratch', 'CMD ["first"]', 'CMD ["second"]')).run), ['second']);
  });
});
