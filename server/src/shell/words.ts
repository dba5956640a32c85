/**
 * Just enough POSIX shell word handling to move between shell form and exec form without changing meaning:
 * splitting a *simple* command into words, and quoting argv for display.
 */

/** Characters that make a script more than a list of words: operators, expansions, globs, redirections. */
const SHELL_SYNTAX = /[|&;<>()$`*?[\]{}~#!]/;

/**
 * Splits a simple command (`java -jar "my app.jar" --port 80`) into its words, honouring quotes and
 * backslashes. Returns undefined when the script uses anything a shell would interpret: then exec form
 * would change behaviour and no mechanical conversion is offered.
 */
export function splitSimpleCommand(script: string): string[] | undefined {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < script.length) {
    const ch = script[i] as string;
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) return undefined;
      current += script.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let value = '';
      for (; j < script.length && script[j] !== '"'; j++) {
        const c = script[j] as string;
        if (c === '$' || c === '`') return undefined;
        if (c === '\\' && j + 1 < script.length && '"\\$`'.includes(script[j + 1] as string)) {
          value += script[j + 1];
          j++;
        } else {
          value += c;
        }
      }
      if (j >= script.length) return undefined;
      current += value;
      inWord = true;
      i = j + 1;
    } else if (ch === '\\') {
      if (i + 1 >= script.length) return undefined;
      current += script[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i++;
    } else if (SHELL_SYNTAX.test(ch) || ch === '=' && !inWord && words.length === 0) {
      // `=` only matters as a leading assignment (`FOO=1 app`), which exec form cannot express.
      return undefined;
    } else {
      current += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(current);
  return words.length > 0 ? words : undefined;
}

export { shellQuote, toShellLine } from '../../../common/src/shellLine';
