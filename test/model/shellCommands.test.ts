import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optionValue, simpleCommands } from '../../server/src/shell/commands';

describe('RUN scripts split into simple commands', () => {
  it('splits at operators and newlines, keeping which operator ended each command', () => {
    assert.deepEqual(simpleCommands('apt-get update && apt-get install -y git || true; make | tee log & wait\nls'), [
      { assignments: [], words: ['apt-get', 'update'], followedBy: '&&' },
      { assignments: [], words: ['apt-get', 'install', '-y', 'git'], followedBy: '||' },
      { assignments: [], words: ['true'], followedBy: ';' },
      { assignments: [], words: ['make'], followedBy: '|' },
      { assignments: [], words: ['tee', 'log'], followedBy: '&' },
      { assignments: [], words: ['wait'], followedBy: '\n' },
      { assignments: [], words: ['ls'], followedBy: '' },
    ]);
  });

  it('joins quoted parts, escapes and plain characters into one word; an escaped newline continues it', () => {
    assert.deepEqual(simpleCommands(`echo a"b c"d'e f'g h\\ i j\\\nk`), [
      { assignments: [], words: ['echo', 'ab cde fg', 'h i', 'jk'], followedBy: '' },
    ]);
    // A quote never closed runs to the end; a final backslash is a character.
    assert.deepEqual(simpleCommands('echo "a b && c'), [{ assignments: [], words: ['echo', 'a b && c'], followedBy: '' }]);
    assert.deepEqual(simpleCommands('echo x\\'), [{ assignments: [], words: ['echo', 'x\\'], followedBy: '' }]);
    // An empty quoted word is a word.
    assert.deepEqual(simpleCommands(`printf '' ""`), [{ assignments: [], words: ['printf', '', ''], followedBy: '' }]);
  });

  it('takes leading NAME=value words as assignments, and skips empty commands', () => {
    assert.deepEqual(simpleCommands('CGO_ENABLED=0 GOOS=linux go build -o /out/app . ;; && (cd x)'), [
      { assignments: ['CGO_ENABLED=0', 'GOOS=linux'], words: ['go', 'build', '-o', '/out/app', '.'], followedBy: ';' },
      { assignments: [], words: ['cd', 'x'], followedBy: ')' },
    ]);
  });

  it('finds an option\'s value in its four spellings', () => {
    for (const words of [['go', 'build', '-o', 'app'], ['go', 'build', '-oapp'], ['x', '--output', 'app'], ['x', '--output=app']]) {
      assert.equal(optionValue(words, ['-o', '--output']), 'app', words.join(' '));
    }
    assert.equal(optionValue(['go', 'build'], ['-o']), undefined);
  });
});
