import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/model/lines';
import { plainInstructionLines } from '../../server/src/model/plainLines';
import { FUZZ_RUNS, FUZZ_SEED, anyDockerfile } from '../fuzz/dockerfiles';
import { CORPUS, CORPUS_DOCKERFILES } from '../helpers/paths';
import { parsedText, wholeParse } from '../helpers/parsedText';

/** Plain lines read by the model itself, in segments of every size, equal the parser reading every line. */
function assertSameAsParser(text: string, label: string): void {
  const parser = wholeParse(text);
  for (const segmentLines of [1, 40, Number.MAX_SAFE_INTEGER]) assert.deepEqual(parsedText(text, segmentLines), parser, `${label} (segments of ${segmentLines} lines)`);
}

/** How many of the instructions the model read without the parser (so a test can show it was exercised). */
function plainCount(text: string, escapeChar = '\\'): number {
  const lines = new LineIndex(text);
  let count = 0;
  for (let line = 0; line < lines.lineCount; line++) if (plainInstructionLines(lines, line, escapeChar) > 0) count++;
  return count;
}

// Words that look ordinary but meet dockerfile-ast's quirks: flags it lifts or passes over, odd options,
// `=` anywhere, `#` inside arguments, JSON, variables.
const WORDS = [
  'alpine:3.20', 'golang:${GO}', 'AS', 'build', '--from=build', '--mount=type=cache,target=/x', '--mount=type=secret,id=a,', '--mount=,x', '--mount==a',
  '--mount=a,,b', '--mount=a=b=c', '--link', '--chmod=', '---x', '--=', 'a--b', '-x', '=', 'a=b', '=b', 'A=1', 'B=$A', '${A:-x}', '$A', '${A',
  '&&', '|', ';', 'a#b', '#', '#x', '["a",', '"b"]', '[', ']', 'CMD', 'NONE', 'cmd', 'echo', 'x', 'é', '\u{1F433}', '"q"', "'s'",
  // Escapes and backslashes: taken characters, `\$`, an escaped blank, a flag with an escape, `<` without a heredoc.
  'a\\"b', '\\$HOME', 'c:\\\\path', 'a\\nb', '\\\\', 'x\\ y', '--a\\b', '--mount=a\\,b', 'a\\#b', '\\<<EOF', '`n', 'a`$b', '--',
  '<', 'a<b', '2<&1', '<<EOF',
  // Quoted property values, well formed or not.
  'A="b c"', 'A=""', 'A="x', 'A="b"c', '"A"=b', 'A=b"c"', 'A="${B}"', 'A=${B:-"x y"}',
];
const KEYWORDS = ['ONBUILD RUN', 'ONBUILD ENV', 'ONBUILD', 'FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'COPY', 'ADD', 'HEALTHCHECK', 'ENV', 'ARG', 'LABEL', 'EXPOSE', 'WORKDIR', 'USER', 'STOPSIGNAL', 'MAINTAINER', 'run', 'Unknown'];
const blanks = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
const words = fc.array(fc.constantFrom(...WORDS), { maxLength: 5 });
const contentLine = fc.tuple(blanks, words, blanks).map(([before, w, after]) => before + w.join(' ') + after);
/** A line inside a continuation: words, a comment line, or a blank line, each possibly continued again. */
const continuationLine = fc.oneof(
  { weight: 5, arbitrary: contentLine },
  { weight: 1, arbitrary: fc.constantFrom('\\', '  \\', '\\x', '  \\ ') },
  { weight: 1, arbitrary: fc.tuple(blanks, fc.constantFrom('# note', '#', '#a b', '# x=y')).map(([before, comment]) => before + comment) },
  { weight: 1, arbitrary: blanks },
);
/** A continuation's escape: after a blank (` \\`), or tight after the last word (`&&\\`). */
const escapeAfter = (tight: boolean): string => (tight ? '\\' : ' \\');
const instruction = fc.tuple(blanks, fc.constantFrom(...KEYWORDS), words, fc.boolean(), fc.array(fc.tuple(continuationLine, fc.boolean(), fc.boolean()), { maxLength: 4 }), blanks)
  .map(([before, keyword, first, firstTight, more, after]) => {
    const lines = [`${before}${keyword} ${first.join(' ')}`];
    for (const [text, continued, tight] of more) lines.push(continued ? `${text}${escapeAfter(tight)}` : text);
    // The first line continues onto the rest; the instruction ends at the first later line that is not continued.
    return `${lines[0]}${more.length > 0 ? escapeAfter(firstTight) : ''}\n${lines.slice(1).join('\n')}${after}`;
  });
const plainDockerfile = fc.tuple(fc.constantFrom('', '# escape=`\n'), fc.array(fc.oneof(
  { weight: 6, arbitrary: instruction },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '  #  indented  ', '', '   ', 'RUN <<EOF\nbody\nEOF', 'ONBUILD RUN x', 'ENV A="b c"') },
), { maxLength: 25 }), fc.constantFrom('\n', '\r\n')).map(([directive, parts, newline]) => (directive + parts.join('\n')).replace(/\n/g, newline).replace(/\\(?=\r?\n)/g, directive === '' ? '\\' : '`'));

const corpusFiles = CORPUS_DOCKERFILES;

describe('plain instructions read without the parser equal the parser\'s reading', () => {
  it('on chosen cases: flags it lifts or passes over, options, properties, continuations with comments and blank lines, CRLF', () => {
    const cases = [
      'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY --from=build --chmod=755 /out /bin/\n',
      'RUN --mount=type=cache,target=/root/.cache --network=none go build \\\n    -o /out/app \\\n    ./cmd/app\n',
      'RUN a && \\\n    # a comment in between\n    b && \\\n\n    c\nRUN d\n',
      'RUN a \\\n  \\\n  b\n',
      'RUN a \\\n\\\n  \\\n  b\nRUN c \\\n  \\x \\\n d\n',
      'RUN x \\\na#b \\\n c\n',
      'RUN x \\\n  #c \\\n  y\n',
      'RUN a--b --flag echo\n',
      'HEALTHCHECK --interval=5s --timeout= CMD curl -f http://localhost/ --x\n',
      'CMD ["a", "b"]\nENTRYPOINT --x y\nSHELL ["/bin/sh", "-c"]\nVOLUME /data --x\n',
      'ENV A=1 B=$A\nENV LEGACY value with spaces\nARG NAME\nARG =x\nLABEL a=b c=d\nLABEL k v\n',
      'WORKDIR --x /app\nUSER --u root\nEXPOSE 80 --p\nSTOPSIGNAL SIGTERM\nMAINTAINER me\nunknown a b\n',
      '  FROM   a   AS   b   \n\t# comment\t\n#\n',
      'FROM a\r\nRUN x \\\r\n  y\r\n',
      'RUN --mount=type=secret,id=a, --mount=,x --mount==a --mount=a,,b --mount=a=b=c echo\n',
      'RUN printf "a\\n\\"b\\"" \\\n  \\$HOME c:\\\\x < /in 2<&1\nCOPY --a\\b x y\nRUN a -- b\nCOPY -- a\n',
      '# escape=`\nRUN dir c:\\ `\n  /s `n\nCOPY c:\\x d\n',
      'ENV A="b c" D="" E=f\nLABEL name="MariaDB Server" \\\n  version="1" \\\n  # note\n  x=y\nARG R="a b c"\nENV A=1 \\\n\n  B=${C:-d} \\\n  E=\n',
      'ONBUILD RUN --mount=type=cache,target=/x make \\\n  all\nONBUILD ARG UID=1000\nONBUILD ENV A="b c"\nONBUILD COPY . /app\nonbuild from x AS y\nONBUILD\n',
      'COPY ---x --= a b\n',
      'FROM a\nRUN echo $HOME ${A:-x} \\\n  ${B\n',
    ];
    for (const text of cases) {
      assertSameAsParser(text, JSON.stringify(text));
      assert.ok(plainCount(text) > 0, `${JSON.stringify(text)} is read without the parser`);
    }
  });

  it('on random plain Dockerfiles (fast-check, fixed seed)', () => {
    let plain = 0;
    fc.assert(fc.property(plainDockerfile, (text) => {
      plain += plainCount(text);
      assertSameAsParser(text, JSON.stringify(text));
    }), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
    assert.ok(plain > FUZZ_RUNS, `the generator exercised plain reading (${plain} plain instructions)`);
  });

  it('on random and mutated Dockerfile text (fast-check, fixed seed)', () => {
    fc.assert(fc.property(anyDockerfile, (text) => assertSameAsParser(text, JSON.stringify(text))), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });

  it(`on the corpus (${corpusFiles.length} files)`, { skip: corpusFiles.length === 0 ? `no corpus at ${CORPUS}` : false }, () => {
    for (const file of corpusFiles) assertSameAsParser(fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8'), file);
  });

  it('leaves to the parser what it cannot read: escapes inside a line, heredocs, quoted properties, ONBUILD, a continuation at the end, a tight escape before a line that does not start with a blank', () => {
    const lines = (text: string): number => plainInstructionLines(new LineIndex(text), 0, '\\');
    assert.equal(lines('RUN a \\\n  b\n'), 2);
    assert.equal(lines('RUN a \\\n  # c\n\n  b\nRUN x\n'), 4);
    assert.equal(lines('RUN printf "a\\n" \\\n  c:\\\\x \\$HOME < in\n'), 2);
    assert.equal(lines('LABEL a="b c" \\\n  d="e"\n'), 2);
    assert.equal(lines('ONBUILD COPY . /app\n'), 1);
    assert.equal(lines('RUN a&&\\\n  rm x&&\\\n\tls\n'), 3);
    for (const text of ['ENV A \\\n b', 'ENV A "b"', 'ENV A="b"c', 'ENV A="b"\tc=d', 'ENV "A"=b', 'ENV A="b', 'ONBUILD ONBUILD RUN x', 'ONBUILD \\\n RUN x', 'RUN a\\ b', 'RUN a\\#b', 'RUN a\\<<EOF', 'RUN a \\\n  \\#x', 'RUN a\\\nb', 'RUN\\\n a', 'ENV A=b\\\n C=d', 'RUN a\\\n # c\n b', 'RUN a\\\n\n b', 'RUN a\\\n \\\n b', 'RUN <<EOF', "LABEL a='b'", 'RUN a \\', 'RUN a \\\n  # c \\ d\n b', '\uFEFFFROM a', '# comment', '']) {
      assert.equal(lines(text), 0, JSON.stringify(text));
    }
    assert.equal(plainInstructionLines(new LineIndex('RUN a `\n b'), 0, '`'), 2);
    assert.equal(plainInstructionLines(new LineIndex('ENV A=c:\\x'), 0, '`'), 0);
  });
});
