import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/model';
import { runScripts } from '../../server/src/shellcheck/scripts';
import { shellCheckForSuite, shellCheckProblems, textAt } from '../helpers/shellcheck';

/**
 * ShellCheck's findings land on the Dockerfile text they are about, in every way a RUN gives a shell its
 * script: continuation lines, the backtick escape directive, heredocs (`<<-` tabs, several, lone with a
 * shebang), exec form with `-c`, and characters outside the BMP. Each case checks the code and the exact text
 * under the range, against the real ShellCheck.
 */
const found = (problems: readonly { ruleId: string }[], ruleId: string): number => problems.filter((p) => p.ruleId === ruleId).length;

describe('RUN scripts as the builder hands them to the shell', () => {
  it('shell form: continuations joined, escapes and comment lines dropped; SHELL decides the dialect; PowerShell, cmd and non-shell shebangs left out', () => {
    const model = buildModel({ uri: 'x', version: 1, text: [
      'FROM debian', 'RUN echo a \\', '    # a comment', '', '    b', 'SHELL ["/bin/bash", "-c"]', 'RUN [[ -n x ]]',
      'SHELL ["powershell", "-Command"]', 'RUN Write-Host hi', 'RUN <<EOF', '#!/usr/bin/env python3', 'print(1)', 'EOF',
      'RUN <<EOF', '#!/bin/bash', 'echo hi', 'EOF', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN dir',
    ].join('\n') });
    assert.deepEqual(runScripts(model).map((s) => [s.instruction.range.start.line + 1, s.dialect, s.text]), [
      [2, 'sh', 'echo a     b'],
      [7, 'bash', '[[ -n x ]]'],
      [14, 'bash', '#!/bin/bash\necho hi\n'],
    ]);
  });

  it('exec form with -c: the decoded string, each character mapped to where it is written', () => {
    const model = buildModel({ uri: 'x', version: 1, text: 'FROM debian\nRUN ["/bin/bash", "-ec", "echo \\"$x\\"\\tdone"]\n' });
    const [script] = runScripts(model);
    assert.equal(script?.text, 'echo "$x"\tdone');
    assert.equal(script?.dialect, 'bash');
    const line = model.lines.lineText(1);
    assert.equal(line[(script?.base ?? 0) + (script?.offsets[6] ?? 0) - model.lines.offsetAt(1, 0)], '$');
    assert.deepEqual(runScripts(buildModel({ uri: 'x', version: 1, text: 'FROM debian\nRUN ["echo", "-c", "x"]\n' })), [], 'not a shell');
  });
});

describe('ShellCheck findings on Dockerfile positions', () => {
  if (!shellCheckForSuite()) return;

  it('across continuation lines: the finding is on the word it names, on its own line', async () => {
    const { model, problems } = await shellCheckProblems('FROM debian\nRUN apt-get update && \\\n    echo $undefined_var && \\\n    cd /tmp\n');
    const sc2154 = problems.find((p) => p.ruleId === 'SC2154');
    assert.ok(sc2154, JSON.stringify(problems));
    assert.equal(sc2154.range.start.line, 2);
    assert.equal(textAt(model, sc2154), '$undefined_var');
    assert.equal(sc2154.source, 'shellcheck');
  });

  it('under `# escape=`` the backtick continues lines and backslashes are the script\'s own', async () => {
    const { model, problems } = await shellCheckProblems('# escape=`\nFROM debian\nRUN echo a `\n    && echo $undefined_var\n');
    const sc2154 = problems.find((p) => p.ruleId === 'SC2154');
    assert.ok(sc2154);
    assert.deepEqual([sc2154.range.start.line, textAt(model, sc2154)], [3, '$undefined_var']);
  });

  it('a lone heredoc is the script; `<<-` strips tabs from the body and the finding lands after them', async () => {
    const { model, problems } = await shellCheckProblems('FROM debian\nRUN <<-EOF\n\t\techo $in_body\n\tEOF\n');
    const sc2154 = problems.find((p) => p.ruleId === 'SC2154');
    assert.ok(sc2154, JSON.stringify(problems));
    assert.deepEqual([sc2154.range.start, textAt(model, sc2154)], [{ line: 2, character: 7 }, '$in_body']);
  });

  it('several heredocs on one RUN: command line and bodies are one script, each finding in its own body', async () => {
    const text = 'FROM debian\nRUN cat <<A > /a && cat <<B > /b\nfirst $one\nA\nsecond $two\nB\n';
    const { model, problems } = await shellCheckProblems(text);
    const unassigned = problems.filter((p) => p.ruleId === 'SC2154').map((p) => [p.range.start.line, textAt(model, p)]);
    assert.deepEqual(unassigned, [[2, '$one'], [4, '$two']]);
  });

  it('exec form `["sh", "-c", "..."]`: the finding is inside the JSON string, escapes counted', async () => {
    const { model, problems } = await shellCheckProblems('FROM debian\nRUN ["sh", "-c", "echo \\"ok\\"; cd /x; echo $undefined_var"]\n');
    const sc2164 = problems.find((p) => p.ruleId === 'SC2164');
    const sc2154 = problems.find((p) => p.ruleId === 'SC2154');
    assert.ok(sc2164 && sc2154, JSON.stringify(problems));
    assert.equal(textAt(model, sc2154), '$undefined_var');
    assert.match(textAt(model, sc2164), /^cd \/x/);
  });

  it('columns count code points as ShellCheck does (an emoji before the finding), not UTF-16 units', async () => {
    const { model, problems } = await shellCheckProblems('FROM debian\nRUN echo "😀😀" $undefined_var\n');
    const sc2154 = problems.find((p) => p.ruleId === 'SC2154');
    assert.ok(sc2154);
    assert.equal(textAt(model, sc2154), '$undefined_var');
  });

  it('variables the Dockerfile gives the RUN are not "referenced but not assigned": ARG, ENV, a parent stage\'s, proxy args', async () => {
    const text = [
      'FROM debian AS base', 'ENV from_parent=1', 'FROM base', 'ARG version=1', 'ARG no_default', 'ENV lower=x',
      'RUN echo "$version" "$no_default" "$lower" "$from_parent" "$http_proxy" "$missing"',
    ].join('\n');
    const { model, problems } = await shellCheckProblems(text);
    assert.deepEqual(problems.filter((p) => p.ruleId === 'SC2154').map((p) => textAt(model, p)), ['$missing']);
  });

  it('`# shellcheck disable=`, `# hadolint ignore=` above the RUN, a disable line inside its continuation, and settings turn codes off', async () => {
    const body = 'RUN echo $undefined_var && cd /tmp && \\\n    rm *.log\n';
    const all = await shellCheckProblems(`FROM debian\n${body}`);
    assert.ok(found(all.problems, 'SC2086') > 0 && found(all.problems, 'SC2154') > 0 && found(all.problems, 'SC2035') > 0, JSON.stringify(all.problems.map((p) => p.ruleId)));
    const disabled = await shellCheckProblems(`FROM debian\n# shellcheck disable=SC2086,2154\n${body}`);
    assert.deepEqual([found(disabled.problems, 'SC2086'), found(disabled.problems, 'SC2154'), found(disabled.problems, 'SC2035')], [0, 0, found(all.problems, 'SC2035')]);
    const hadolint = await shellCheckProblems(`FROM debian\n# hadolint ignore=SC2035\n${body}`);
    assert.equal(found(hadolint.problems, 'SC2035'), 0);
    const inside = await shellCheckProblems('FROM debian\nRUN echo ok && \\\n    # shellcheck disable=SC2035\n    rm *.log\n');
    assert.equal(found(inside.problems, 'SC2035'), 0);
    const settings = await shellCheckProblems(`FROM debian\n${body}`, { severities: { SC2086: 'off', SC2154: 'error' } });
    assert.equal(found(settings.problems, 'SC2086'), 0);
    assert.ok(settings.problems.filter((p) => p.ruleId === 'SC2154').every((p) => p.severity === 'error'));
  });

  it('ShellCheck\'s levels become severities (style is a hint); hadolint\'s default exclusions hold until a setting turns one on', async () => {
    const { problems } = await shellCheckProblems('FROM debian\nRUN echo `date` && . "$HOME/env"\n');
    assert.equal(problems.find((p) => p.ruleId === 'SC2006')?.severity, 'hint');
    assert.equal(found(problems, 'SC1091'), 0);
    const on = await shellCheckProblems('FROM debian\nRUN echo `date` && . "$HOME/env"\n', { severities: { SC1091: 'info' } });
    assert.equal(found(on.problems, 'SC1091'), 1);
  });

  it('ShellCheck\'s fix becomes a quick fix whose edits quote the right text; none across a line continuation', async () => {
    const { model, problems } = await shellCheckProblems('FROM debian\nARG dir=/x\nRUN ls $dir\n');
    const sc2086 = problems.find((p) => p.ruleId === 'SC2086');
    assert.ok(sc2086?.fixes?.[0], JSON.stringify(problems));
    let text = model.text;
    for (const edit of [...sc2086.fixes[0].edits].sort((a, b) => b.range.start.character - a.range.start.character)) {
      const start = model.lines.offsetAt(edit.range.start.line, edit.range.start.character);
      const end = model.lines.offsetAt(edit.range.end.line, edit.range.end.character);
      text = text.slice(0, start) + edit.newText + text.slice(end);
    }
    assert.equal(text, 'FROM debian\nARG dir=/x\nRUN ls "$dir"\n');
  });

  it('a script that is not a shell\'s (python heredoc), a half-typed heredoc and an empty RUN give nothing and break nothing', async () => {
    const { problems } = await shellCheckProblems('FROM debian\nRUN <<EOF\n#!/usr/bin/python3\nprint($x)\nEOF\nRUN <<EOF\necho $x\nRUN\n');
    assert.deepEqual(problems, []);
  });
});
