import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyTextEdits } from '../helpers/edits';
import { LspTestClient } from '../helpers/lspClient';
import { lines } from '../helpers/model';

/** Every mechanical fix, before and after, through the real server: diagnostics, then the code action's edit. */
const FIXES: readonly { rule: string; before: string; after: string }[] = [
  { rule: 'UnknownInstruction', before: lines('FROM a:1', 'RUNN make'), after: lines('FROM a:1', 'RUN make') },
  { rule: 'UnknownFlag', before: lines('FROM a:1', 'RUN --netwrok=none make'), after: lines('FROM a:1', 'RUN --network=none make') },
  { rule: 'InvalidJsonForm', before: lines('FROM a:1', "CMD ['./app', '--port', '80']"), after: lines('FROM a:1', 'CMD ["./app", "--port", "80"]') },
  { rule: 'DetachedHeredoc', before: lines('FROM a:1', 'RUN cat << EOF > /x', 'hi', 'EOF'), after: lines('FROM a:1', 'RUN cat <<EOF > /x', 'hi', 'EOF') },
  { rule: 'ImageLooksLikeStage', before: lines('FROM a:1 AS builder', 'FROM b:1', 'COPY --from=bulider /x /y'), after: lines('FROM a:1 AS builder', 'FROM b:1', 'COPY --from=builder /x /y') },
  { rule: 'ShellFormEntrypoint', before: lines('FROM a:1', 'ENTRYPOINT java \\', '    -jar app.jar'), after: lines('FROM a:1', 'ENTRYPOINT ["java", \\', '    "-jar", "app.jar"]') },
  { rule: 'MultipleInstructionsDisallowed', before: lines('FROM a:1', 'CMD ["a"]', 'CMD ["b"]'), after: lines('FROM a:1', 'CMD ["b"]') },
  { rule: 'JSONArgsRecommended', before: lines('FROM a:1', 'CMD node server.js'), after: lines('FROM a:1', 'CMD ["node", "server.js"]') },
  { rule: 'StageNameCasing', before: lines('FROM a:1 AS Builder'), after: lines('FROM a:1 AS builder') },
  { rule: 'FromAsCasing', before: lines('FROM a:1 as build'), after: lines('FROM a:1 AS build') },
  { rule: 'ConsistentInstructionCasing', before: lines('FROM a:1', 'RUN x', 'copy a /b'), after: lines('FROM a:1', 'RUN x', 'COPY a /b') },
  { rule: 'MaintainerDeprecated', before: lines('FROM a:1', 'MAINTAINER Jane <jane@example.com>'), after: lines('FROM a:1', 'LABEL org.opencontainers.image.authors="Jane <jane@example.com>"') },
  { rule: 'LegacyKeyValueFormat', before: lines('FROM a:1', 'ENV GREETING hello world'), after: lines('FROM a:1', 'ENV GREETING="hello world"') },
  { rule: 'ExposeProtoCasing', before: lines('FROM a:1', 'EXPOSE 80/TCP'), after: lines('FROM a:1', 'EXPOSE 80/tcp') },
  { rule: 'ExposeInvalidFormat', before: lines('FROM a:1', 'EXPOSE 8080:80'), after: lines('FROM a:1', 'EXPOSE 80') },
  { rule: 'NoEmptyContinuation', before: lines('FROM a:1', 'RUN echo a \\', '', '    && echo b'), after: lines('FROM a:1', 'RUN echo a \\', '    && echo b') },
  { rule: 'UndefinedVar', before: lines('FROM scratch', 'ENV APP=/app', 'COPY x $APPP/'), after: lines('FROM scratch', 'ENV APP=/app', 'COPY x $APP/') },
  { rule: 'DL3020', before: lines('FROM a:1', 'ADD app.conf /etc/'), after: lines('FROM a:1', 'COPY app.conf /etc/') },
  { rule: 'DL3021', before: lines('FROM a:1', 'WORKDIR /w', 'COPY a b dest'), after: lines('FROM a:1', 'WORKDIR /w', 'COPY a b dest/') },
];

describe('every mechanical quick fix through the server', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start('server', { diagnostics: { delayMs: 0 }, rules: { DL3059: 'hint' } });
  });
  after(async () => {
    await client.stop();
  });

  FIXES.forEach((fix, index) => {
    it(`${fix.rule}: before → after`, async () => {
      const uri = `file:///workspace/fix-${index}/Dockerfile`;
      await client.open(uri, fix.before);
      const diagnostic = (await client.diagnostics(uri, 1)).find((d: Diagnostic) => d.code === fix.rule);
      assert.ok(diagnostic, `no ${fix.rule} diagnostic`);
      const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
      const action = actions.find((a) => a.diagnostics?.some((d) => d.code === fix.rule) && !/^(Ignore|Skip) /.test(a.title));
      assert.ok(action?.edit?.changes?.[uri], `no fix offered for ${fix.rule}: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(applyTextEdits(fix.before, action.edit.changes[uri]), fix.after);
    });
  });
});
