import fc from 'fast-check';
import type { Diagnostic, SemanticTokens } from 'vscode-languageserver-protocol';
import { ResponseError } from 'vscode-jsonrpc';
import { LspTestClient } from '../helpers/lspClient';
import { anyDockerfile } from './dockerfiles';

/** Every request must answer within this (generous for a loaded 2-core CI machine; typical answers take < 5 ms). */
const ANSWER_WITHIN_MS = 3000;
/** LSP's RequestFailed: the proper refusal of a rename that cannot be done. */
const REQUEST_FAILED = -32803;

interface Position { line: number; character: number }

class Malformed extends Error {}

/** Lines as LSP counts them (CR, LF and CRLF all end a line). */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Every `{ start, end }` range anywhere in a result must lie inside the document. */
function assertRangesInside(value: unknown, lines: readonly string[], what: string): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) assertRangesInside(item, lines, what);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of ['start', 'end', 'position']) {
    const position = record[key] as Position | undefined;
    if (position !== undefined && typeof position === 'object' && typeof position.line === 'number' && typeof position.character === 'number') {
      const line = lines[position.line];
      if (line === undefined || position.character < 0 || position.character > line.length) {
        throw new Malformed(`${what}: position ${position.line}:${position.character} is outside the document (${lines.length} lines)`);
      }
    }
  }
  for (const [key, item] of Object.entries(record)) if (key !== 'start' && key !== 'end' && key !== 'position') assertRangesInside(item, lines, what);
}

function assertTokensInside(tokens: SemanticTokens, lines: readonly string[]): void {
  let line = 0;
  let start = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine = 0, deltaStart = 0, length = 0] = tokens.data.slice(i, i + 5);
    line += deltaLine;
    start = deltaLine > 0 ? deltaStart : start + deltaStart;
    if (start + length > (lines[line]?.length ?? -1)) throw new Malformed(`semantic token ${line}:${start}+${length} is outside the document`);
  }
}

async function timed<T>(what: string, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Malformed(`${what} did not answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS);
  });
  try {
    return await Promise.race([request, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A request whose only acceptable failure is a RequestFailed refusal (rename of something that cannot be renamed). */
async function refusable<T>(what: string, request: Promise<T>): Promise<T | undefined> {
  try {
    return await timed(what, request);
  } catch (error) {
    if (error instanceof ResponseError && error.code === REQUEST_FAILED) return undefined;
    throw error;
  }
}

function pick(lines: readonly string[], seed: number): Position {
  const line = seed % Math.max(lines.length, 1);
  return { line, character: Math.floor(seed / 7) % ((lines[line]?.length ?? 0) + 1) };
}

let counter = 0;

/** One case: open, check, ask every feature at a few positions, edit, check again, close. */
async function exercise(client: LspTestClient, text: string, seeds: readonly number[]): Promise<void> {
  const uri = `file:///fuzz/${counter++}/Dockerfile`;
  const lines = linesOf(text);
  const textDocument = { uri };
  const [a = 0, b = 1, c = 2, d = 3, e = 4] = seeds;
  await client.open(uri, text);
  const diagnostics: Diagnostic[] = await timed('diagnostics', client.diagnostics(uri, 1, ANSWER_WITHIN_MS));
  assertRangesInside(diagnostics, lines, 'diagnostics');
  const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]?.length ?? 0 } };
  const positions = [pick(lines, a), pick(lines, b), pick(lines, c)];
  const answers: [string, Promise<unknown>][] = [
    ['codeAction', client.request('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics } })],
    ['formatting', client.request('textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } })],
    ['rangeFormatting', client.request('textDocument/rangeFormatting', { textDocument, range: { start: positions[0], end: positions[1] }, options: { tabSize: 2, insertSpaces: false } })],
    ['documentSymbol', client.request('textDocument/documentSymbol', { textDocument })],
    ['foldingRange', client.request('textDocument/foldingRange', { textDocument })],
    ['documentLink', client.request('textDocument/documentLink', { textDocument })],
    ['codeLens', client.request('textDocument/codeLens', { textDocument })],
    ['inlayHint', client.request('textDocument/inlayHint', { textDocument, range: whole })],
    ['selectionRange', client.request('textDocument/selectionRange', { textDocument, positions })],
    ['semanticTokens/range', client.request('textDocument/semanticTokens/range', { textDocument, range: whole })],
  ];
  for (const position of positions) {
    answers.push(
      ['hover', client.request('textDocument/hover', { textDocument, position })],
      ['completion', client.request('textDocument/completion', { textDocument, position })],
      ['signatureHelp', client.request('textDocument/signatureHelp', { textDocument, position })],
      ['definition', client.request('textDocument/definition', { textDocument, position })],
      ['references', client.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } })],
      ['documentHighlight', client.request('textDocument/documentHighlight', { textDocument, position })],
      ['onTypeFormatting', client.request('textDocument/onTypeFormatting', { textDocument, position, ch: '\n', options: { tabSize: 4, insertSpaces: true } })],
    );
  }
  for (const [what, answer] of answers) assertRangesInside(await timed(what, answer), lines, what);
  for (const position of positions) {
    assertRangesInside(await refusable('prepareRename', client.request('textDocument/prepareRename', { textDocument, position })), lines, 'prepareRename');
    assertRangesInside(await refusable('rename', client.request('textDocument/rename', { textDocument, position, newName: 'renamed_x' })), lines, 'rename');
  }
  const tokens = await timed('semanticTokens/full', client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument }));
  assertTokensInside(tokens, lines);
  await timed('convert', client.request('workspace/executeCommand', { command: 'stagecraft.convertToMultiStage', arguments: [uri] }));

  // An edit at a random place, then the new version is checked and asked again.
  const from = pick(lines, d);
  const to = pick(lines, e);
  const [start, end] = from.line < to.line || (from.line === to.line && from.character <= to.character) ? [from, to] : [to, from];
  const inserted = ['x', '\\\n', '<<EOF\n', '"', '\n', '', '${', '--mount=', '\r\n'][d % 9] ?? '';
  const version = await client.change(uri, [{ range: { start, end }, text: inserted }]);
  await timed('diagnostics after an edit', client.diagnostics(uri, version, ANSWER_WITHIN_MS));
  await timed('semanticTokens/full/delta', client.request('textDocument/semanticTokens/full/delta', { textDocument, previousResultId: tokens.resultId }));
  await timed('completion after an edit', client.request('textDocument/completion', { textDocument, position: start }));
  await client.close(uri);
}

export interface FuzzOptions {
  readonly runs: number;
  readonly seed: number;
}

/** Runs `runs` cases against one real server process; throws with the shrunk counterexample on failure. */
export async function fuzzServer(options: FuzzOptions): Promise<void> {
  const client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 } });
  try {
    await fc.assert(
      fc.asyncProperty(anyDockerfile, fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), async (text, seeds) => {
        await exercise(client, text, seeds);
        if (client.process.exitCode !== null) throw new Malformed(`the server exited (${client.process.exitCode}): ${client.stderr.join('')}`);
      }),
      { numRuns: options.runs, seed: options.seed, endOnFailure: true },
    );
    if (client.stderr.join('').includes('Error')) throw new Error(`the server wrote errors to stderr: ${client.stderr.join('')}`);
  } finally {
    await client.stop();
  }
}
