/**
 * Docker's variable substitution for the instructions the builder expands itself (FROM, COPY, ENV, ...):
 * `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}`, `${NAME+alt}`, `${NAME:?msg}`,
 * `${NAME?msg}`, and the escape character before `$` keeps it literal.
 */

/** What a lookup knows of a variable: a value, set-but-unknown (a build arg), or not defined at all. */
export type LookupResult = { readonly kind: 'value'; readonly value: string } | { readonly kind: 'unknown' } | { readonly kind: 'undefined' };

export type VariableLookup = (name: string) => LookupResult;

export interface Expansion {
  readonly text: string;
  /** False when a referenced variable's value is decided at build time (`--build-arg`) or unknown. */
  readonly exact: boolean;
  readonly referenced: readonly string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * `removeQuotes`: the text is one word for the builder's lexer, as a FROM image is (`FROM alpine:"${TAG}"` is
 * `alpine:3.20`): double quotes are removed and expand inside, single quotes are removed and keep their text.
 */
export function expandVariables(input: string, lookup: VariableLookup, escapeChar = '\\', removeQuotes = false): Expansion {
  let out = '';
  let exact = true;
  const referenced: string[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (removeQuotes && ch === '"') {
      i++;
      continue;
    }
    if (removeQuotes && ch === "'") {
      const close = input.indexOf("'", i + 1);
      out += input.slice(i + 1, close < 0 ? input.length : close);
      i = close < 0 ? input.length : close + 1;
      continue;
    }
    if (ch === escapeChar && input[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '{') {
      const close = findClosingBrace(input, i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const body = input.slice(i + 2, close);
      const sub = expandBraced(body, lookup, escapeChar);
      referenced.push(...sub.referenced);
      exact &&= sub.exact;
      out += sub.text;
      i = close + 1;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = i + 2;
      while (end < input.length && NAME_CHAR.test(input[end] as string)) end++;
      const name = input.slice(i + 1, end);
      referenced.push(name);
      const found = lookup(name);
      if (found.kind === 'value') out += found.value;
      else if (found.kind === 'unknown') exact = false;
      i = end;
      continue;
    }
    out += ch;
    i++;
  }
  return { text: out, exact, referenced };
}

function findClosingBrace(input: string, from: number): number {
  let depth = 1;
  for (let j = from; j < input.length; j++) {
    const c = input[j];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
  }
  return -1;
}

function expandBraced(body: string, lookup: VariableLookup, escapeChar: string): Expansion {
  let end = 0;
  while (end < body.length && NAME_CHAR.test(body[end] as string)) end++;
  const name = body.slice(0, end);
  const operator = /^(:?[-+?=])/.exec(body.slice(end))?.[1];
  const word = operator === undefined ? '' : body.slice(end + operator.length);
  const found = lookup(name);
  const isSet = found.kind !== 'undefined';
  const isNonEmpty = found.kind === 'unknown' || (found.kind === 'value' && found.value !== '');
  const value = found.kind === 'value' ? found.value : '';
  const inner = (text: string): Expansion => {
    const sub = expandVariables(text, lookup, escapeChar);
    return { text: sub.text, exact: sub.exact, referenced: [name, ...sub.referenced] };
  };
  const plain: Expansion = { text: value, exact: found.kind !== 'unknown', referenced: [name] };
  switch (operator) {
    case undefined:
      // Pattern operators (#, %, /) are rare in builder-expanded instructions; keep the value, mark inexact.
      return end === body.length ? plain : { text: value, exact: false, referenced: [name] };
    case ':-':
      if (found.kind === 'unknown') return { ...inner(word), exact: false };
      return isNonEmpty ? plain : inner(word);
    case '-':
      if (found.kind === 'unknown') return { ...inner(word), exact: false };
      return isSet ? plain : inner(word);
    case ':+':
      if (found.kind === 'unknown') return { ...inner(word), exact: false };
      return isNonEmpty ? inner(word) : { text: '', exact: true, referenced: [name] };
    case '+':
      return isSet ? inner(word) : { text: '', exact: true, referenced: [name] };
    default:
      // `?` forms fail the build when unset; `=` is not Dockerfile syntax. Either way the value is the variable's.
      return plain;
  }
}
