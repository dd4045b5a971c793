import { isOrderedMap } from 'immutable';
import { expect } from 'vitest';

/**
 * The state's maps are persistent maps (shared/state.ts), whose inner trees can differ for the
 * same entries. Two of them are equal when they hold the same keys with equal values, in any
 * order: what `toEqual` means for the plain objects they replace.
 */
expect.addEqualityTesters([
  function orderedMaps(a: unknown, b: unknown, customTesters) {
    if (!isOrderedMap(a) || !isOrderedMap(b)) return undefined;
    if (a.size !== b.size) return false;
    return [...a.entries()].every(
      ([key, value]) => b.has(key) && this.equals(value, b.get(key), customTesters),
    );
  },
]);
