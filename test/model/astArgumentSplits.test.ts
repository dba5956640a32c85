import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { shareArgumentSplits } from '../../server/src/model/astArgumentSplits';
import { CORPUS, CORPUS_DOCKERFILES } from '../helpers/paths';

/** Everything dockerfile-ast answers about each instruction that rests on its argument split. */
function answers(text: string): unknown[] {
  const withoutTree = (key: string, value: unknown): unknown => (key === 'document' || key === 'dockerfile' ? undefined : value);
  return DockerfileParser.parse(text).getInstructions().map((instruction) => {
    const answer: Record<string, unknown> = {
      keyword: instruction.getKeyword(),
      arguments: instruction.getArguments().map((argument) => [argument.getValue(), argument.getRange()]),
      content: instruction.getArgumentsContent(),
      variables: instruction.getVariables().map((variable) => [variable.getName(), variable.getRange()]),
    };
    const record = instruction as unknown as Record<string, unknown>;
    for (const method of ['getFlags', 'getHeredocs', 'getProperties', 'getJSONStrings', 'getExpandedArguments', 'getImageName', 'getBuildStage', 'getTriggerInstruction']) {
      const call = record[method];
      if (typeof call !== 'function') continue;
      try {
        answer[method] = JSON.stringify((call as () => unknown).call(instruction), withoutTree);
      } catch (error) {
        answer[method] = `throws ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    return answer;
  });
}

const CASES = [
  'FROM alpine AS build\nRUN --mount=type=cache,target=/root/.cache go build \\\n  -o /out ./...\nCOPY --from=build ["/a b", "/c"]\nCMD ["app", "--port", "80"]\n',
  '# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir c:\\ `\n  /s\n',
  'FROM a\nRUN <<EOF cat >/x\nhello $NAME\nEOF\nONBUILD COPY . /src\nENV A=1 B="two words" C=$A\nLABEL x=\'$literal\'\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\n',
];

const corpusFiles = CORPUS_DOCKERFILES;
const corpusTexts = corpusFiles.map((file) => fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8'));

const splitName = (): string => (Instruction.prototype as unknown as { getRawArguments: { name: string } }).getRawArguments.name;
// This file runs in its own process, and sharing is for the whole process: every answer "before" is taken
// first, while the split is still dockerfile-ast's own (checked below, or "before" would prove nothing).
const sharedAlready = splitName() === 'sharedSplit';
const caseAnswers = CASES.map(answers);
const corpusAnswers = corpusTexts.map(answers);
shareArgumentSplits();

describe('sharing dockerfile-ast\'s argument split changes none of its answers', () => {
  it('compares against dockerfile-ast\'s own split', () => {
    assert.equal(sharedAlready, false);
    assert.equal(splitName(), 'sharedSplit');
  });

  it('on edge cases', () => {
    for (const [index, text] of CASES.entries()) assert.deepEqual(answers(text), caseAnswers[index], JSON.stringify(text));
  });

  it(`on the corpus (${corpusFiles.length} files)`, { skip: corpusFiles.length === 0 ? `no corpus at ${CORPUS}` : false }, () => {
    for (const [index, text] of corpusTexts.entries()) assert.deepEqual(answers(text), corpusAnswers[index], corpusFiles[index]);
  });
});
