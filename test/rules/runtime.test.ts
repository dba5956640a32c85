import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits } from '../helpers/edits';
import { ignoreFixes } from '../../server/src/rules/ignoreFixes';
import { lines, model, problemKeys, problems } from '../helpers/model';

function applyFix(text: string, ruleId: string): string {
  const fix = problems(text, { severities: { [ruleId]: 'warning' } }).find((p) => p.ruleId === ruleId)?.fixes?.[0];
  assert.ok(fix, `no fix for ${ruleId}`);
  return applyTextEdits(text, fix.edits);
}

describe('runtime rules', () => {
  it('ShellFormEntrypoint: only the effective (last) ENTRYPOINT of a stage, only shell form', () => {
    assert.deepEqual(problemKeys(lines('FROM a', 'ENTRYPOINT ./app --serve')), ['ShellFormEntrypoint@2', 'JSONArgsRecommended@2']);
    assert.deepEqual(problemKeys(lines('FROM a', 'ENTRYPOINT ["./app"]')), []);
    assert.match(problems(lines('FROM a', 'ENTRYPOINT ./app', 'CMD ["x"]'))[0]?.message ?? '', /The CMD on line 3 is passed to the shell/);
  });

  it('ShellFormEntrypoint fix converts to exec form, escaping quotes and keeping continuation lines', () => {
    assert.equal(applyFix(lines('FROM a', 'ENTRYPOINT java -jar "my app.jar" --name \'x "y"\''), 'ShellFormEntrypoint'),
      lines('FROM a', 'ENTRYPOINT ["java", "-jar", "my app.jar", "--name", "x \\"y\\""]'));
    assert.equal(applyFix(lines('FROM a', 'ENTRYPOINT java \\', '    -jar app.jar \\', '    --port 80'), 'ShellFormEntrypoint'),
      lines('FROM a', 'ENTRYPOINT ["java", \\', '    "-jar", "app.jar", \\', '    "--port", "80"]'));
  });

  it('ShellFormEntrypoint offers no fix when the command needs a shell', () => {
    const found = problems(lines('FROM a', 'ENTRYPOINT ./app --port $PORT'))[0];
    assert.equal(found?.ruleId, 'ShellFormEntrypoint');
    assert.equal(found?.fixes, undefined);
    assert.equal(problems(lines('FROM a', 'ENTRYPOINT ./setup && exec ./app'))[0]?.fixes, undefined);
  });

  it('MultipleInstructionsDisallowed flags all but the last CMD/ENTRYPOINT/HEALTHCHECK per stage', () => {
    assert.deepEqual(problemKeys(lines('FROM a', 'CMD ["a"]', 'CMD ["b"]', 'FROM b', 'CMD ["c"]')), ['MultipleInstructionsDisallowed@2']);
    assert.deepEqual(problemKeys(lines('FROM a', 'HEALTHCHECK NONE', 'HEALTHCHECK CMD true')), ['MultipleInstructionsDisallowed@2']);
    assert.equal(applyFix(lines('FROM a', 'ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]'), 'MultipleInstructionsDisallowed'), lines('FROM a', 'ENTRYPOINT ["b"]'));
  });

  it('ExecFormVariable flags $VAR in exec form unless a shell runs it', () => {
    assert.deepEqual(problemKeys(lines('FROM a', 'CMD ["echo", "$HOME", "${USER:-x}"]')), ['ExecFormVariable@2', 'ExecFormVariable@2']);
    assert.deepEqual(problemKeys(lines('FROM a', 'CMD ["sh", "-c", "echo $HOME"]')), []);
    assert.deepEqual(problemKeys(lines('FROM a', 'CMD echo $HOME')).filter((k) => k.startsWith('ExecFormVariable')), []);
  });
});

describe('DL3059 join fix', () => {
  it('joins two RUNs with && and keeps the second command on its own line', () => {
    assert.equal(applyFix(lines('FROM a', 'RUN apt-get update', 'RUN echo done'), 'DL3059'), lines('FROM a', 'RUN apt-get update && \\', '    echo done'));
  });
});

describe('"ignore this rule" fixes', () => {
  function ignore(text: string, ruleId: string, which: 0 | 1): string {
    const m = model(text);
    const problem = problems(text).find((p) => p.ruleId === ruleId);
    assert.ok(problem, `no ${ruleId}`);
    const fix = ignoreFixes(m, problem)[which];
    assert.ok(fix, `no ignore fix ${which} for ${ruleId}`);
    return applyTextEdits(text, fix.edits);
  }

  it('adds # stagecraft ignore= above the instruction, or merges into the one there', () => {
    assert.equal(ignore(lines('FROM a', '  ENV A 1'), 'LegacyKeyValueFormat', 0), lines('FROM a', '  # stagecraft ignore=LegacyKeyValueFormat', '  ENV A 1'));
    assert.equal(ignore(lines('FROM a', '# stagecraft ignore=DL3008', 'ENV A 1'), 'LegacyKeyValueFormat', 0), lines('FROM a', '# stagecraft ignore=DL3008,LegacyKeyValueFormat', 'ENV A 1'));
  });

  it('skips a BuildKit check in the one # check= directive, merging into it', () => {
    assert.equal(ignore(lines('FROM a', 'ENV A 1'), 'LegacyKeyValueFormat', 1), lines('# check=skip=LegacyKeyValueFormat', 'FROM a', 'ENV A 1'));
    assert.equal(ignore(lines('# check=error=true', 'FROM a', 'ENV A 1'), 'LegacyKeyValueFormat', 1), lines('# check=skip=LegacyKeyValueFormat;error=true', 'FROM a', 'ENV A 1'));
    assert.equal(ignore(lines('# check=skip=StageNameCasing', 'FROM a', 'ENV A 1'), 'LegacyKeyValueFormat', 1), lines('# check=skip=StageNameCasing,LegacyKeyValueFormat', 'FROM a', 'ENV A 1'));
  });

  it('the result is really ignored', () => {
    const once = ignore(lines('FROM a', 'ENV A 1'), 'LegacyKeyValueFormat', 0);
    assert.deepEqual(problemKeys(once), []);
    const skipped = ignore(lines('FROM a', 'ENV A 1'), 'LegacyKeyValueFormat', 1);
    assert.deepEqual(problemKeys(skipped), []);
  });
});
