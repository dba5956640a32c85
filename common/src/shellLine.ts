const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell only when it needs it (for display: nothing is run through a shell). */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** argv as a line a user could paste into a shell. */
export function toShellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
