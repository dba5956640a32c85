import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader } from 'vscode-languageserver/node';
import type { Message } from 'vscode-languageserver/node';
import { SingleWriteMessageWriter } from '../../server/src/transport/stdio';

function recordingStream(fail = false): { stream: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done(fail ? new Error('pipe closed') : null);
    },
  });
  return { stream, chunks };
}

describe('the stdio transport', () => {
  const messages: Message[] = [
    { jsonrpc: '2.0', id: 1, result: { capabilities: {} } } as Message,
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/Dockerfile', diagnostics: [{ message: 'ENTRYPOINT – “exec” form ✓ 🐳' }] } } as Message,
  ];

  it('writes each message as one buffer whose Content-Length counts the bytes, not the characters', async () => {
    const { stream, chunks } = recordingStream();
    const writer = new SingleWriteMessageWriter(stream);
    for (const message of messages) await writer.write(message);
    assert.equal(chunks.length, messages.length);
    chunks.forEach((chunk, i) => {
      const text = chunk.toString('utf8');
      const match = /^Content-Length: (\d+)\r\n\r\n/.exec(text);
      assert.ok(match !== null, text);
      const body = chunk.subarray(match[0].length);
      assert.equal(Number(match[1]), body.byteLength);
      assert.deepEqual(JSON.parse(body.toString('utf8')), messages[i]);
    });
  });

  it('is read back by vscode-jsonrpc\'s reader, message for message', async () => {
    const { stream, chunks } = recordingStream();
    const writer = new SingleWriteMessageWriter(stream);
    for (const message of messages) await writer.write(message);
    const input = new PassThrough();
    const reader = new StreamMessageReader(input);
    const read: Message[] = [];
    const all = new Promise<void>((resolve) => reader.listen((message) => {
      read.push(message);
      if (read.length === messages.length) resolve();
    }));
    input.end(Buffer.concat(chunks));
    await all;
    assert.deepEqual(read, messages);
    reader.dispose();
  });

  it('reports a failed write to the connection and to the caller', async () => {
    const { stream } = recordingStream(true);
    stream.on('error', () => undefined);
    const writer = new SingleWriteMessageWriter(stream);
    const reported: unknown[] = [];
    writer.onError(([error, message, count]) => reported.push([(error as Error).message, message, count]));
    await assert.rejects(writer.write(messages[0] as Message), /pipe closed/);
    assert.deepEqual(reported[0], ['pipe closed', messages[0], 1]);
  });
});
