/** Growing the typed arrays of a column store (ValueColumns, the stores' IdRows). */
export type GrowableArray = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** A copy of `array` with room for `length` elements (the first array.length copied). */
export function grownArray<T extends GrowableArray>(array: T, length: number): T {
  const grown = new (array.constructor as new (n: number) => T)(length);
  grown.set(array);
  return grown;
}
