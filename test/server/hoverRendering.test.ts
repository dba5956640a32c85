import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { explainCommand } from '../../server/src/explain/effectiveCommand';
import { hover } from '../../server/src/features/hover';
import { runRules } from '../../server/src/rules/engine';
import { toShellLine } from '../../server/src/shell/words';
import { lines, model } from '../helpers/model';
import { REPO_ROOT } from '../helpers/paths';

/**
 * The ENTRYPOINT/CMD hover as a user sees it: rendered with markdown-it (the renderer VS Code uses), every code
 * span that shows a command must show exactly the command — in prose, in lists and in tables — whatever
 * characters it holds (`|` is escaped only inside tables, where the table reads it first).
 */
const markdown = new MarkdownIt();

type Token = ReturnType<MarkdownIt['parse']>[number];

function codeSpans(tokens: readonly Token[]): string[] {
  return tokens.flatMap((token) => [...(token.type === 'code_inline' ? [token.content] : []), ...codeSpans(token.children ?? [])]);
}

/** The code spans of the hover over the last ENTRYPOINT/CMD keyword of `text`, as rendered. */
function renderedCode(text: string): { spans: string[]; argv: readonly string[] | undefined } {
  const m = model(text);
  const instruction = [...m.instructions].reverse().find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  assert.ok(instruction, text);
  const result = hover(m, runRules(m), instruction.keywordRange.start);
  const value = result !== null && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
  const stage = m.stages.at(-1);
  assert.ok(stage);
  const run = explainCommand(m, stage).run;
  return { spans: codeSpans(markdown.parse(value, {})), argv: run.kind === 'known' ? run.argv : undefined };
}

const TRICKY = ['a|b', '`tick`', '``two``', '*star*', '_under_', '<angle>', '$HOME', 'back\\slash', '#hash', ' padded '];

describe('hovers render what they mean (markdown-it)', () => {
  it('exec form: every character shown as written, in the prose, the ENTRYPOINT/CMD list and the tables', () => {
    const argv = ['/bin/printf', ...TRICKY];
    const { spans, argv: predicted } = renderedCode(lines('FROM scratch', `CMD ${JSON.stringify(argv)}`));
    assert.deepEqual(predicted, argv);
    assert.ok(spans.filter((s) => s === toShellLine(argv)).length >= 2, `the command in prose and in the "You run" table:\n${spans.join('\n')}`);
    assert.ok(spans.includes(JSON.stringify(argv)), 'the argv as the process sees it');
    assert.ok(spans.every((s) => !s.includes('\\|')), 'no escape shows');
  });

  it('shell form with a pipe, backticks and the rest: the shell line is shown exactly', () => {
    const script = 'echo "a|b" `date` *x* _y_ <z> $HOME \\\\ # c';
    const { spans, argv } = renderedCode(lines('FROM scratch', `ENTRYPOINT ${script}`));
    assert.deepEqual(argv, ['/bin/sh', '-c', script]);
    assert.ok(spans.filter((s) => s === toShellLine(['/bin/sh', '-c', script])).length >= 2, spans.join('\n'));
    assert.ok(spans.includes(JSON.stringify(['/bin/sh', '-c', script])));
  });

  it('the examples\' commands and the interaction table render without stray backslashes', () => {
    for (const name of fs.readdirSync(path.join(REPO_ROOT, 'examples'))) {
      const file = path.join(REPO_ROOT, 'examples', name, 'Dockerfile');
      if (!fs.existsSync(file)) continue;
      const text = fs.readFileSync(file, 'utf8');
      if (!/^(CMD|ENTRYPOINT)\b/im.test(text)) continue;
      const { spans, argv } = renderedCode(text);
      if (argv !== undefined) assert.ok(spans.includes(toShellLine(argv)), `${name}: ${spans.join(' | ')}`);
      assert.ok(spans.some((s) => s === 'e p c p'), `${name}: the table's cells render as code`);
      assert.ok(spans.every((s) => !s.includes('\\|')), name);
    }
  });
});
