import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits } from '../helpers/edits';
import { LspTestClient } from '../helpers/lspClient';
import { lines } from '../helpers/model';

const SPACES = { tabSize: 4, insertSpaces: true };

const MESSY = lines(
  '# syntax=docker/dockerfile:1',
  '  # a comment   ',
  'from golang:1.22 as build',
  '  run   apt-get update && \\',
  '  apt-get install -y git   ',
  'COPY <<EOF /etc/app.conf',
  '  indented=kept   ',
  'EOF',
  'RUN if true; then \\',
  '      echo nested; \\',
  '    fi',
  '   ',
  'onbuild run echo later',
  'Env A=1',
);

const TIDY = lines(
  '# syntax=docker/dockerfile:1',
  '# a comment',
  'FROM golang:1.22 AS build',
  'RUN apt-get update && \\',
  '    apt-get install -y git',
  'COPY <<EOF /etc/app.conf',
  '  indented=kept   ',
  'EOF',
  'RUN if true; then \\',
  '      echo nested; \\',
  '    fi',
  '',
  'ONBUILD RUN echo later',
  'ENV A=1',
);

describe('formatting through the server', () => {
  let client: LspTestClient;
  let counter = 0;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  async function format(text: string, options: object = SPACES, on: LspTestClient = client): Promise<string> {
    const uri = `file:///workspace/format/${counter++}/Dockerfile`;
    await on.open(uri, text);
    const edits = await on.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
    return applyTextEdits(text, edits);
  }

  it('upper-cases keywords and AS, one indent for continuations, no stray whitespace; heredoc bodies and hand-aligned scripts as written', async () => {
    assert.equal(await format(MESSY), TIDY);
  });

  it('is idempotent: formatting the result asks for no edits', async () => {
    const uri = 'file:///workspace/format/tidy/Dockerfile';
    await client.open(uri, TIDY);
    assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options: SPACES }), []);
  });

  it('follows the editor\'s indentation: tabs', async () => {
    assert.equal(await format(lines('FROM a', 'RUN x \\', '  y'), { tabSize: 4, insertSpaces: false }), lines('FROM a', 'RUN x \\', '\ty'));
  });

  it('CRLF files keep CRLF; the backtick escape directive is the continuation character', async () => {
    assert.equal(await format('FROM a\r\nrun x \\\r\n  y  \r\n'), 'FROM a\r\nRUN x \\\r\n    y\r\n');
    assert.equal(await format(lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'run dir c:\\ `', '  /s')), lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN dir c:\\ `', '    /s'));
  });

  it('range formatting touches only the lines asked for', async () => {
    const text = lines('from a', 'run x', 'run y');
    const uri = 'file:///workspace/format/range/Dockerfile';
    await client.open(uri, text);
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, options: SPACES, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } });
    assert.equal(applyTextEdits(text, edits), lines('from a', 'RUN x', 'run y'));
  });

  it('on Enter after a line continuation: indents the new line (first continuation one level, later ones as the line above)', async () => {
    const uri = 'file:///workspace/format/ontype/Dockerfile';
    await client.open(uri, lines('FROM a', 'RUN apk add \\', '', 'RUN x \\', '      y \\', ''));
    const first = await client.request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri }, position: { line: 2, character: 0 }, ch: '\n', options: SPACES });
    assert.deepEqual(first, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '    ' }]);
    const aligned = await client.request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri }, position: { line: 5, character: 0 }, ch: '\n', options: SPACES });
    assert.deepEqual(aligned, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '      ' }]);
    const plain = await client.request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri }, position: { line: 1, character: 0 }, ch: '\n', options: SPACES });
    assert.deepEqual(plain, []);
  });

  it('settings ask for hand-aligned scripts to be re-indented and heredoc bodies trimmed', async () => {
    const other = await LspTestClient.start('server', { diagnostics: { delayMs: 0 }, format: { alignedScripts: 'reindent', heredocBodies: 'trimTrailingWhitespace' } });
    try {
      const formatted = await format(MESSY, SPACES, other);
      assert.equal(formatted, TIDY.replace('      echo nested;', '    echo nested;').replace('  indented=kept   ', '  indented=kept'));
    } finally {
      await other.stop();
    }
  });
});
