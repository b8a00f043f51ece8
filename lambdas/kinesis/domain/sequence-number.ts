/**
 * Sequence numbers are 56-digit decimal strings, like AWS's:
 *
 *   "49" | stream tag (6) | shard index (10) | counter (38)
 *
 * The counter is the shard's reserved position (1, 2, 3, ...), so numbers grow strictly within a
 * shard and compare correctly both as big integers and as fixed-length strings. The shard index lets
 * GetShardIterator reject a number used on the wrong shard, and the stream tag (derived from the
 * creation-unique stream id) one that came from another stream, as AWS does.
 */
import { createHash } from 'node:crypto';

const PREFIX = '49';

export function streamTag(streamId: string): string {
  return String(createHash('sha256').update(streamId).digest().readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function encodeSequenceNumber(tag: string, shardIndex: number, counter: number): string {
  return PREFIX + tag + String(shardIndex).padStart(10, '0') + String(counter).padStart(38, '0');
}

export interface DecodedSequenceNumber {
  tag: string;
  shardIndex: number;
  counter: number;
}

/** Returns undefined for anything that is not a Runnel sequence number. */
export function decodeSequenceNumber(value: string): DecodedSequenceNumber | undefined {
  if (!/^49\d{54}$/.test(value)) return undefined;
  const counter = BigInt(value.slice(18));
  if (counter > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { tag: value.slice(2, 8), shardIndex: Number(value.slice(8, 18)), counter: Number(counter) };
}
