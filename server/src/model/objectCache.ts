/** A value cached per object (see objectCache). */
export interface ObjectCache<K extends object, V> {
  get(owner: K): V | undefined;
  set(owner: K, value: V): void;
}

/**
 * A value cached on an object itself, under a symbol of its own, living and dying with it. Not a WeakMap: Node
 * 20's scavenger keeps a WeakMap's values alive while their keys are young, and the values of caches keyed by a
 * model or its parts reach the model, so every model survived into old space however few the model cache kept
 * (building the corpus's models in-process with a one-model cache: 1.5 MB promoted per scavenge with WeakMaps,
 * under 25 KB without). The property is not enumerable, so comparing
 * models ignores it, and only an object's own one counts: a view made with `Object.create(model, …)` has caches
 * of its own, as it had with a WeakMap.
 */
export function objectCache<K extends object, V>(description: string): ObjectCache<K, V> {
  const key = Symbol(description);
  return {
    get: (owner) => (Object.prototype.hasOwnProperty.call(owner, key) ? (owner as unknown as Record<symbol, V>)[key] : undefined),
    set: (owner, value) => {
      Object.defineProperty(owner, key, { value, writable: true, configurable: true });
    },
  };
}
