import { createHash } from 'node:crypto';

export const MAX_HASH_KEY = (1n << 128n) - 1n;

/** Kinesis routes a record by MD5 of the UTF-8 partition key, read as an unsigned 128-bit big-endian integer. */
export function partitionKeyToHashKey(partitionKey: string): bigint {
  return BigInt('0x' + createHash('md5').update(partitionKey, 'utf8').digest('hex'));
}
