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
