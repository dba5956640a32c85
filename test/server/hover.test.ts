import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { fixture } from '../helpers/paths';

const AVATAR = 'file:///workspace/avatar/Dockerfile';
const MULTI = 'file:///workspace/multi/Dockerfile';
const MULTI_TEXT = [
  '# syntax=docker/dockerfile:1',
  'ARG GO=1.22',
  'FROM --platform=$BUILDPLATFORM golang:${GO}-alpine AS build',
  'RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .',
  'RUN echo $GO',
  'FROM scratch',
  'COPY --from=build --chmod=755 /out/app /app',
  'ENTRYPOINT /app --serve',
  'CMD ["--port", "80"]',
  '',
].join('\n');

describe('hovers over stdio', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start('server');
    await client.open(AVATAR, fixture('seeds/avatar.Dockerfile'));
    await client.open(MULTI, MULTI_TEXT);
  });
  after(async () => {
    await client.stop();
  });

  async function hoverText(uri: string, line: number, character: number): Promise<string> {
    const result: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    assert.ok(result, `no hover at ${line}:${character}`);
    return (result.contents as MarkupContent).value;
  }

  it('CMD of the avatar seed shows the exact command the container runs', async () => {
    const text = await hoverText(AVATAR, 14, 1);
    assert.match(text, /The container runs: `\.\/bin\/avatar \.\/test\.jpg \.\/shared\/test_out\.jpg`/);
    assert.ok(text.includes('./bin/avatar ./test.jpg ./shared/test_out.jpg'));
    assert.ok(text.includes('| `docker run IMAGE a b` | `./bin/avatar a b` — the arguments replace CMD |'));
    assert.ok(text.includes('| `docker run --entrypoint X IMAGE` | `X` — CMD is dropped too |'));
    assert.ok(text.includes('▶ **`e p c p`**'), 'the exec × exec cell is marked');
  });

  it('the same explanation on the ENTRYPOINT arguments', async () => {
    const text = await hoverText(AVATAR, 13, 15);
    assert.ok(text.includes('./bin/avatar ./test.jpg ./shared/test_out.jpg'));
  });

  it('a shell-form ENTRYPOINT shows the dead CMD and the warning', async () => {
    const text = await hoverText(MULTI, 7, 3);
    assert.ok(text.includes("`/bin/sh -c '/app --serve' --port 80`"));
    assert.ok(text.includes('the arguments reach the shell as `$0 $1` and are ignored'));
    assert.ok(text.includes('▶ **`/bin/sh -c "e p" (CMD ignored)`**'));
    assert.match(text, /⚠️ Shell-form ENTRYPOINT/);
  });

  it('VOLUME explains anonymous volumes and bind mounts', async () => {
    const text = await hoverText(AVATAR, 11, 2);
    assert.match(text, /anonymous volume/);
    assert.ok(text.includes('--mount type=bind,source="$PWD/data",target=/app/shared'));
  });

  it('a global ARG used inside a stage is reported out of scope', async () => {
    const text = await hoverText(MULTI, 4, 10);
    assert.match(text, /not defined by this Dockerfile at this point/);
    assert.match(text, /only visible in FROM lines/);
  });

  it('a variable in FROM shows its value and the expanded image', async () => {
    assert.match(await hoverText(MULTI, 2, 40), /\*\*`\$GO`\*\* = `1\.22`/);
    const image = await hoverText(MULTI, 2, 33);
    assert.ok(image.includes('**Base image** `golang:1.22-alpine`'));
    assert.ok(image.includes('| repository | `library/golang` (official image) |'));
    assert.ok(image.includes('| tag | `1.22-alpine` |'));
  });

  it('stage names and COPY --from show the stage, its base and its uses', async () => {
    const stage = await hoverText(MULTI, 2, 55);
    assert.ok(stage.includes('**Stage 0 (`build`)** — FROM `golang:1.22-alpine` (line 3)'));
    assert.ok(stage.includes('Used by: COPY --from on line 7.'));
    assert.equal(await hoverText(MULTI, 6, 14), stage);
  });

  it('flags, mount types and directives have documentation', async () => {
    assert.match(await hoverText(MULTI, 6, 22), /\*\*--chmod=<mode>\*\*/);
    assert.match(await hoverText(MULTI, 3, 10), /\*\*--mount=type=cache\*\*/);
    assert.match(await hoverText(MULTI, 2, 8), /\*\*--platform=<os>\/<arch>/);
    assert.match(await hoverText(MULTI, 0, 4), /\*\*# syntax=<frontend image>\*\*/);
    const run = await hoverText(MULTI, 3, 1);
    assert.match(run, /\*\*RUN <command>/);
    assert.match(run, /\[Dockerfile reference\]\(https:\/\/docs\.docker\.com\/reference\/dockerfile\/#run\)/);
  });

  it('returns null where there is nothing to say', async () => {
    const result: unknown = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: MULTI }, position: { line: 9, character: 0 } });
    assert.equal(result, null);
  });
});
