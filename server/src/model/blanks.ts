/** Spaces and tabs: what separates words in a Dockerfile line for the parser (and for the model's own readers). */
export const isBlank = (code: number): boolean => code === 32 || code === 9;

/** The column of the first character that is not a space or tab (-1: none). */
export function firstNonBlank(text: string): number {
  return firstNonBlankFrom(text, 0);
}

/** The column of the first character from `from` on that is not a space or tab (-1: none). */
export function firstNonBlankFrom(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (!isBlank(text.charCodeAt(i))) return i;
  return -1;
}

/** Where the word starting at `from` ends: the next space or tab, or the end of the line. */
export function wordEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !isBlank(text.charCodeAt(end))) end++;
  return end;
}
