/**
 * One copy of each short word the model keeps. A Dockerfile says `&&`, `-y`, `install`, `/app`, `RUN` many
 * times over, and every reading made each a string of its own (a 20,000-line model held 64k token values of
 * 2,000 different texts, and 18k keywords of 9). Only strings under 13 characters: shorter ones are always
 * copies in V8, longer ones may be views into a segment's text that the table would then keep alive.
 */
const SHORTEST_VIEW = 13;
/** The table starts over when full, so text that stopped occurring does not stay in it forever. */
const CAPACITY = 20_000;

let table = new Map<string, string>();

export function intern(text: string): string {
  if (text.length >= SHORTEST_VIEW) return text;
  const known = table.get(text);
  if (known !== undefined) return known;
  if (table.size >= CAPACITY) table = new Map();
  table.set(text, text);
  return text;
}
