import type { LineIndex } from './lines';
import type { Range } from './positions';
import { rangeBetween } from './positions';
import type { VariableReference } from './types';

const isWhitespace = (char: string): boolean => char === ' ' || char === '\t' || char === '\r' || char === '\n';
const NAME_CHAR = /^[a-z0-9_]$/i;

/**
 * `$NAME` and `${NAME[:-+?]word}` references in an instruction's raw arguments (`args`: their start and end
 * offsets in `lines`, in pairs), read as dockerfile-ast reads them (a port of its `parseVariables`; `${NAME-word}`
 * without a colon is read as BuildKit reads it)
 * but without resolving each one against the whole file: that
 * resolution made dockerfile-ast's getVariables cost grow with the file, and failed on an instruction with no
 * FROM above it — which every parsed segment but the first is.
 */
/** Instructions whose arguments BuildKit expands as one word, spaces included (`WORKDIR /my ${X:?not set}`). */
const ONE_WORD = new Set(['WORKDIR', 'USER']);

/** The raw words' offsets (pairs) as the builder expands them: one span from the first to the last for ONE_WORD. */
export function expandedWords(keyword: string, words: readonly number[]): readonly number[] {
  const first = words[0];
  const last = words[words.length - 1];
  return ONE_WORD.has(keyword) && words.length > 2 && first !== undefined && last !== undefined ? [first, last] : words;
}

export function scanVariableReferences(args: readonly number[], lines: LineIndex, escapeChar: string): VariableReference[] {
  const found: VariableReference[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    const offset = args[i] ?? 0;
    scanArgument(lines.text.slice(offset, args[i + 1]), offset, lines, escapeChar, found);
  }
  return found;
}

function scanArgument(arg: string, offset: number, lines: LineIndex, escapeChar: string, found: VariableReference[]): void {
  const at = (index: number): { line: number; character: number } => lines.positionAt(offset + index);
  const range = (from: number, to: number): Range => rangeBetween(at(from), at(to));
  const push = (name: string, nameFrom: number, nameTo: number, from: number, to: number, modifier: string | null, modifierArgument: string | null): void => {
    found.push({ name, range: range(from, to), nameRange: range(nameFrom, nameTo), modifier, modifierArgument });
  };
  variableLoop: for (let i = 0; i < arg.length; i++) {
    const current = arg.charAt(i);
    if (current === escapeChar) {
      if (arg.charAt(i + 1) === '$') i++;
      continue;
    }
    if (current !== '$') continue;
    if (arg.charAt(i + 1) === '{') {
      let name = '';
      let nameEnd = -1;
      let parameter = '';
      let modifierRead = -1;
      nameLoop: for (let j = i + 2; j < arg.length; j++) {
        const char = arg.charAt(j);
        if (char === escapeChar) {
          for (let k = j + 1; k < arg.length; k++) {
            const next = arg.charAt(k);
            if (next === ' ' || next === '\t' || next === '\r') continue;
            if (next === '\n') {
              j = k;
              continue nameLoop;
            }
          }
          continue;
        }
        switch (char) {
          case '}': {
            let modifier: string | null = null;
            if (nameEnd === -1) nameEnd = j;
            else if (nameEnd + 1 === j) modifier = '';
            else modifier = arg.substring(modifierRead, modifierRead + 1);
            push(name, i + 2, nameEnd, i, j + 1, modifier, modifierRead !== -1 ? parameter : null);
            i = j;
            continue variableLoop;
          }
          case ':':
            if (nameEnd === -1) nameEnd = j;
            else if (modifierRead !== -1) parameter += ':';
            else modifierRead = j;
            break;
          case ' ': case '\t':
            // Kept in a modifier's word (`${X:?must be set}`, read whole where BuildKit reads the line as one word).
            if (modifierRead !== -1) parameter += char;
            break;
          case '\n': case '\r':
            break;
          default:
            // `${NAME-word}` without a colon: the first character that cannot be in a name starts the modifier
            // (dockerfile-ast read `NAME-word` as the name; BuildKit reads NAME).
            if (nameEnd === -1 && !NAME_CHAR.test(char)) {
              nameEnd = j;
              modifierRead = j;
            } else if (nameEnd === -1) name += char;
            else if (modifierRead !== -1) parameter += char;
            else modifierRead = j;
        }
      }
      // No closing brace: not a variable, and nothing after it is read.
      return;
    }
    if (isWhitespace(arg.charAt(i + 1)) || i === arg.length - 1) continue;
    let name = '';
    for (let j = i + 1; j < arg.length; j++) {
      const char = arg.charAt(j);
      if (char === '\r' || char === '\n' || char === ' ' || char === '\t') continue;
      if (char === '$' || char === '\'' || char === '"') {
        push(name, i + 1, j, i, j, null, null);
        i = j - 1;
        continue variableLoop;
      }
      if (char === escapeChar) {
        // As dockerfile-ast does: the next newline anywhere after the escape character continues the name.
        let escapedNewline = false;
        for (let k = j + 1; k < arg.length; k++) {
          if (arg.charAt(k) === '\n') {
            j = k;
            escapedNewline = true;
            break;
          }
        }
        if (escapedNewline) continue;
        push(name, i + 1, j, i, j, null, null);
        return;
      }
      if (!NAME_CHAR.test(char)) {
        push(name, i + 1, j, i, j, null, null);
        i = j - 1;
        continue variableLoop;
      }
      name += char;
    }
    push(name, i + 1, arg.length, i, arg.length, null, null);
    return;
  }
}
