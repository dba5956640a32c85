import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { REPO_ROOT } from '../helpers/paths';

const SCOPE = 'source.dockerfile.stagecraft';
let grammar: textmate.IGrammar;

/** Scopes of each token of each line, as `text => scope scope`. */
function tokenize(text: string): string[][] {
  let stack = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => `${line.slice(t.startIndex, t.endIndex)} => ${t.scopes.slice(1).join(' ')}`);
  });
}

function scopesOf(text: string, lineIndex: number, tokenText: string): string {
  const token = tokenize(text)[lineIndex]?.find((t) => t.startsWith(`${tokenText} =>`));
  assert.ok(token, `no token ${tokenText} on line ${lineIndex}`);
  return token;
}

describe('TextMate grammar', () => {
  before(async () => {
    const wasm = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scopeName) => {
        if (scopeName === SCOPE) {
          const file = path.join(REPO_ROOT, 'syntaxes', 'dockerfile.tmLanguage.json');
          return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
        }
        // VS Code supplies the shell grammar; a stand-in marks where it is embedded.
        return scopeName === 'source.shell' ? { scopeName, patterns: [{ match: '\\becho\\b', name: 'support.function.builtin.shell' }] } as unknown as textmate.IRawGrammar : null;
      },
    });
    const loaded = await registry.loadGrammar(SCOPE);
    assert.ok(loaded);
    grammar = loaded;
  });

  it('scopes parser directives, comments, instructions, stage names and flags', () => {
    const text = '# syntax=docker/dockerfile:1\n# a comment\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build';
    assert.match(scopesOf(text, 0, 'syntax'), /keyword\.other\.directive/);
    assert.match(scopesOf(text, 1, ' a comment'), /comment\.line/);
    assert.match(scopesOf(text, 2, 'FROM'), /keyword\.control/);
    assert.match(scopesOf(text, 2, 'platform'), /entity\.other\.attribute-name\.flag/);
    assert.match(scopesOf(text, 2, 'BUILDPLATFORM'), /variable\.other/);
    assert.match(scopesOf(text, 2, 'golang:1.22'), /entity\.name\.type\.image/);
    assert.match(scopesOf(text, 2, 'build'), /entity\.name\.function\.stage/);
  });

  it('keeps heredoc bodies as embedded shell, never as instructions', () => {
    const text = 'RUN <<EOF\nFROM not-an-instruction\nEOF\nCMD ["x"]';
    assert.match(scopesOf(text, 0, 'EOF'), /entity\.name\.tag\.heredoc/);
    assert.match(scopesOf(text, 1, 'FROM not-an-instruction'), /meta\.embedded\.shell/);
    assert.doesNotMatch(scopesOf(text, 1, 'FROM not-an-instruction'), /keyword\.control/);
    assert.match(scopesOf(text, 3, 'CMD'), /keyword\.control/);
  });

  it('embeds shell in shell-form RUN across line continuations, not in exec form', () => {
    const text = 'RUN echo $HOME && \\\n  ls\nCMD ["echo", "x"]';
    assert.match(scopesOf(text, 0, 'echo'), /meta\.embedded\.shell\.dockerfile support\.function\.builtin\.shell/);
    assert.match(scopesOf(text, 1, '  ls'), /meta\.embedded\.shell/);
    assert.match(scopesOf(text, 2, '"'), /string\.quoted\.double/);
    assert.doesNotMatch(tokenize(text)[2]?.join('\n') ?? '', /meta\.embedded\.shell/);
  });

  it('scopes variable expansions with modifiers', () => {
    const text = 'ENV A=${B:-default}';
    assert.match(scopesOf(text, 0, 'B'), /variable\.other/);
    assert.match(scopesOf(text, 0, ':-'), /keyword\.operator\.expansion/);
  });
});
