/**
 * One empty list for every place the model has nothing to list: most instructions have no flags, heredocs or
 * properties, and a 20k-line file held 64k empty arrays (2 MB). Not frozen, which would give these lists
 * another map in the rules' loops; the readonly types keep anyone from adding to it.
 */
const NO_ITEMS: readonly never[] = [];

/** The list, or the shared empty one. */
export function kept<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? NO_ITEMS : list;
}

/**
 * An exact-size copy of a list built by push, for the model to keep: V8 gives an array that grows from empty
 * room for 17 items, and most of the model's lists hold one to three (in a 20k-line model, 3 MB of unused room).
 */
export function trimmed<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? NO_ITEMS : list.slice();
}

/**
 * The lists one after another in one new list of exact size: concat sizes its result once, where push grew a
 * 20k-instruction list by copying it over and over (240 KB per keystroke in the large-object space). A file of
 * thousands of segments is joined a few thousand lists at a time (one call's arguments).
 */
export function joined<T>(lists: readonly (readonly T[])[]): T[] {
  const chunk = 4096;
  let result: T[] = [];
  for (let i = 0; i < lists.length; i += chunk) result = result.concat(...lists.slice(i, i + chunk));
  return result;
}

/** The very same objects in the same order (a stage whose segments were neither parsed again nor moved). */
export function sameItems<T>(earlier: readonly T[], now: readonly T[]): boolean {
  if (earlier.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) if (earlier[i] !== now[i]) return false;
  return true;
}
