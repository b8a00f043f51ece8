import { MAX_HASH_KEY } from './hash-key';

export interface HashRange {
  start: bigint;
  end: bigint;
}

/**
 * The ranges AWS lays out for N uniform shards: width floor(2^128 / N), the last shard absorbing the
 * remainder. CreateStream and UpdateShardCount targets both use this.
 */
export function uniformRanges(count: number): HashRange[] {
  const width = (MAX_HASH_KEY + 1n) / BigInt(count);
  return Array.from({ length: count }, (_, i) => ({
    start: BigInt(i) * width,
    end: i === count - 1 ? MAX_HASH_KEY : BigInt(i + 1) * width - 1n,
  }));
}
