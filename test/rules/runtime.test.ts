import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines, problemKeys, problems } from '../helpers/model';

function applyFix(text: string, ruleId: string): string {
  const fix = problems(text).find((p) => p.ruleId === ruleId)?.fixes?.[0];
  assert.ok(fix, `no fix for ${ruleId}`);
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  }
  return result;
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
    assert.deepEqual(problemKeys(lines('FROM a', 'CMD echo $HOME')), []);
  });
});
