import fc from 'fast-check';

/** The suite runs a fixed sample (same cases every run, so CI is reproducible); `npm run fuzz` draws new ones. */
export const FUZZ_SEED = Number(process.env['STAGECRAFT_FUZZ_SEED'] ?? 20261122);
/** Cases per property in the suite (STAGECRAFT_FUZZ_RUNS raises it for a longer local run). */
export const FUZZ_RUNS = Number(process.env['STAGECRAFT_FUZZ_RUNS'] ?? 300);

/**
 * Random Dockerfile-like text: lines built from the pieces that make parsers stumble (continuations with
 * either escape character, heredoc openers and terminators, JSON forms, variables, flags, directives,
 * comments, CR/LF mixes, BOM, NUL, Unicode, very long lines), and byte-level mutations of them.
 */
const KEYWORDS = ['FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'EXPOSE', 'WORKDIR', 'USER', 'VOLUME', 'HEALTHCHECK', 'SHELL', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER', 'from', 'Run', 'RUNN', 'AS'];
const FRAGMENTS = [
  'alpine:3.20', 'golang:${GO} AS build', 'build', '--from=build', '--from=0', '--mount=type=cache,target=/x', '--mount=type=secret,id=a,', '--network=none',
  '--platform=$BUILDPLATFORM', '--chmod=755', '--link', '--', '-', '=', 'a=b', 'A=1 B=$A', '"quoted value"', "'single'", '["a", "b"]', '["unterminated', "['x']",
  '[', ']', '{', '}', '${', '${A:-x}', '${A', '$A', '$', '\\', '`', '<<EOF', '<<-EOF', '<<"EOF"', "<< 'EOF'", 'EOF', '<<', '&&', '|', ';', '#', '# comment',
  'CMD echo', 'NONE', 'echo hi > /x', '8080/tcp', '80:80', 'c:\\\\path', '\u00e9\u00e8', '\u{1F433}', '\u0000', '\uFEFF', ' ', '\t', 'x'.repeat(300),
];
const NEWLINES = ['\n', '\n', '\n', '\r\n', '\r'];

const word = fc.oneof(fc.constantFrom(...KEYWORDS), fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }));
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS), fc.array(word, { maxLength: 6 })).map(([keyword, words]) => [keyword, ...words].join(' ')) },
  { weight: 2, arbitrary: fc.array(word, { maxLength: 5 }).map((words) => words.join(' ')) },
  { weight: 1, arbitrary: fc.constantFrom('# escape=`', '# escape=\\', '# syntax=docker/dockerfile:1', '# check=skip=all', 'EOF', '\tEOF', '', '   ') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS), fc.array(word, { maxLength: 3 })).map(([keyword, words]) => `${keyword} ${words.join(' ')} \\`) },
);

export const dockerfileText = fc.tuple(fc.array(line, { maxLength: 40 }), fc.array(fc.constantFrom(...NEWLINES), { minLength: 40, maxLength: 40 }))
  .map(([lines, newlines]) => lines.map((text, i) => text + (newlines[i] ?? '\n')).join(''));

/** A text with some characters deleted, duplicated or replaced: what a half-finished edit leaves. */
export const mutatedText = fc.tuple(dockerfileText, fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'duplicate', 'insert'), fc.constantFrom('\\', '\n', '"', '[', '$', '<<', '`', '\r', 'x')), { maxLength: 6 }))
  .map(([text, edits]) => edits.reduce((current, [at, kind, insert]) => {
    if (current.length === 0) return insert;
    const position = at % current.length;
    if (kind === 'delete') return current.slice(0, position) + current.slice(position + 1);
    if (kind === 'duplicate') return current.slice(0, position) + current.slice(position, position + 8) + current.slice(position);
    return current.slice(0, position) + insert + current.slice(position);
  }, text));

export const anyDockerfile = fc.oneof(dockerfileText, mutatedText);
