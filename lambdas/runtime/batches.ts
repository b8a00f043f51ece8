/**
 * Consecutive batches of the items, in order, each under `maxBytes` by `sizeOf` and holding at most
 * `maxCount` items. An item larger than `maxBytes` goes alone; a batch is never empty.
 */
export function batchBySize<T>(items: T[], sizeOf: (item: T) => number, maxBytes: number, maxCount = Infinity): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = sizeOf(item);
    if (current.length && (current.length >= maxCount || bytes + n > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += n;
  }
  if (current.length) batches.push(current);
  return batches;
}
