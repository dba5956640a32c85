import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits } from '../helpers/edits';
import { lines, problemKeys, problems } from '../helpers/model';

function applyFix(text: string, ruleId: string): string {
  const fix = problems(text).find((p) => p.ruleId === ruleId)?.fixes?.[0];
  assert.ok(fix, `no fix for ${ruleId}`);
  return applyTextEdits(text, fix.edits);
}

describe('runtime rules', () => {
  it('ShellFormEntrypoint: only the effective (last) ENTRYPOINT of a stage, only shell form', () => {
    assert.deepEqual(problemKeys(lines('FROM a', 'ENTRYPOINT ./app --serve')), ['ShellFormEntrypoint@2']);
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
