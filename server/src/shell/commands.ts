/**
 * A RUN script as a list of simple commands (words), split at `&&`, `||`, `;`, `|` and newlines, with quotes
 * honoured. Enough to find `go build -o out`, `npm run build` or `cargo build --release` and their flags;
 * it does not expand anything.
 */
export interface SimpleCommand {
  /** Leading `NAME=value` assignments. */
  readonly assignments: readonly string[];
  readonly words: readonly string[];
  /** The operator that ends the command: `&&`, `||`, `;`, `|`, `&`, a newline, or '' at the end. */
  readonly followedBy?: string;
}

export function simpleCommands(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let current = '';
  let inWord = false;
  // Plain characters are taken as one slice when the word ends, not one by one: scripts are long, and adding
  // characters singly made this the largest allocator of a check.
  let runStart = -1;
  const flush = (at: number): void => {
    if (runStart < 0) return;
    current += script.slice(runStart, at);
    runStart = -1;
  };
  const endWord = (at: number): void => {
    flush(at);
    if (inWord) words.push(current);
    current = '';
    inWord = false;
  };
  const endCommand = (at: number, operator = ''): void => {
    endWord(at);
    if (words.length > 0) {
      let split = 0;
      while (split < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[split] ?? '')) split++;
      commands.push({ assignments: words.slice(0, split), words: words.slice(split), followedBy: operator });
    }
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] as string;
    if (ch === "'" || ch === '"') {
      flush(i);
      const end = script.indexOf(ch, i + 1);
      const stop = end < 0 ? script.length : end;
      current += script.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (ch === '\\' && i + 1 < script.length) {
      flush(i);
      if (script[i + 1] !== '\n') {
        current += script[i + 1];
        inWord = true;
      }
      i++;
    } else if (ch === '&' || ch === '|' || ch === ';' || ch === '\n' || ch === '(' || ch === ')') {
      const doubled = (ch === '&' || ch === '|') && script[i + 1] === ch;
      endCommand(i, doubled ? ch + ch : ch);
      if (doubled) i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord(i);
    } else {
      if (runStart < 0) runStart = i;
      inWord = true;
    }
  }
  endCommand(script.length);
  return commands;
}

/** The value of `-o X` / `-oX` / `--output X` / `--output=X` in a command's words. */
export function optionValue(words: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    for (const name of names) {
      if (word === name) return words[i + 1];
      if (name.startsWith('--') && word.startsWith(`${name}=`)) return word.slice(name.length + 1);
      if (!name.startsWith('--') && word.startsWith(name) && word.length > name.length) return word.slice(name.length);
    }
  }
  return undefined;
}
