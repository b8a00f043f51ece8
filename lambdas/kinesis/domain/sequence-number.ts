/**
 * Sequence numbers in AWS's layout. Read as a big integer in hex, a current (version 2) Kinesis
 * sequence number has 47 digits (56 in decimal):
 *
 *   2 | shard creation, epoch s (9) | shard index, last digit (1) | per-shard index (16)
 *     | 00 | arrival, epoch s (9) | shard index (8) | 2
 *
 * (Decoded from AWS-issued numbers; kinesalite's AWS-recorded tests assert the same fields.)
 * A shard's StartingSequenceNumber has index 0 and arrival = creation; a closed shard's
 * EndingSequenceNumber has index 0x7fffffffffffffff and arrival = the closing time.
 *
 * Runnel's per-shard index is `ms * 2^53 + counter`: the shard's reserved counter (1, 2, 3, ...)
 * below the millisecond part of the shard's creation time. Within a shard everything above the
 * index is constant, so numbers grow strictly with the counter and never repeat. The creation
 * second and millisecond together tell a number from a deleted-and-recreated stream (or another
 * stream) apart, and the index digits tell a number used on the wrong shard, as AWS does.
 *
 * Incoming numbers are judged as AWS judges them (kinesalite test/getShardIterator.js and
 * test/putRecord.js): numbers below 2^124 are old version-0 numbers offset by 2^124; version 0
 * spans up to 2^128, versions 1 and 2 are 47-digit numbers starting with 2 and ending in their
 * version digit.
 */
const TWO_124 = 1n << 124n;
const TWO_128 = 1n << 128n;
const COUNTER_BITS = 53n;
const COUNTER_MASK = (1n << COUNTER_BITS) - 1n;
/** The index of every closed shard's EndingSequenceNumber, above any record's. */
const ENDING_INDEX = (1n << 63n) - 1n;
/** Version-0 numbers whose creation field reaches this are refused (a date too far out). */
const MAX_V0_CREATION_SECONDS = 16_025_175_000;

const hex = (n: number | bigint, digits: number) => n.toString(16).padStart(digits, '0').slice(-digits);
const seconds = (ms: number) => Math.floor(ms / 1000);

export interface ShardIdentity {
  index: number;
  /** Creation time, epoch ms. */
  createdAt: number;
}

function encode(shard: ShardIdentity, seqIndex: bigint, arrivalMs: number): string {
  const digits = `2${hex(seconds(shard.createdAt), 9)}${hex(shard.index, 1)}${hex(seqIndex, 16)}00${hex(seconds(arrivalMs), 9)}${hex(shard.index, 8)}2`;
  return BigInt(`0x${digits}`).toString();
}

/** The sequence number of the record at `counter` in `shard`, which arrived at `arrivalMs`. */
export function encodeSequenceNumber(shard: ShardIdentity, counter: number, arrivalMs: number): string {
  return encode(shard, (BigInt(shard.createdAt % 1000) << COUNTER_BITS) + BigInt(counter), arrivalMs);
}

/** A closed shard's EndingSequenceNumber: above every number the shard ever issued. */
export function endingSequenceNumber(shard: ShardIdentity, closedAtMs: number): string {
  return encode(shard, ENDING_INDEX, closedAtMs);
}

export type DecodedSequenceNumber =
  /** Version 0: `canonical` is how AWS prints it back (offset and leading digit normalised). */
  | { version: 0; shardCreatedSeconds: number; shardIndex: number; canonical: string }
  | { version: 1; shardCreatedSeconds: number; shardIndex: number; arrivalSeconds: number }
  | { version: 2; shardCreatedSeconds: number; shardIndex: number; arrivalSeconds: number; seqIndex: bigint };

/** Returns undefined for anything AWS would call an invalid sequence number. */
export function decodeSequenceNumber(value: string): DecodedSequenceNumber | undefined {
  if (!/^(0|[1-9]\d{0,128})$/.test(value)) return undefined;
  let n = BigInt(value);
  if (n < TWO_124) n += TWO_124;
  const digits = n.toString(16);
  const field = (from: number, to: number) => parseInt(digits.slice(from, to), 16);
  if (n < TWO_128) {
    const shardCreatedSeconds = field(1, 10);
    if (shardCreatedSeconds >= MAX_V0_CREATION_SECONDS) return undefined;
    return { version: 0, shardCreatedSeconds, shardIndex: field(28, 32), canonical: BigInt(`0x1${digits.slice(1)}`).toString() };
  }
  if (digits.length !== 47 || digits[0] !== '2') return undefined;
  const version = digits[46];
  if (version === '1') return { version: 1, shardCreatedSeconds: field(1, 10), arrivalSeconds: field(13, 22), shardIndex: field(38, 46) };
  if (version !== '2' || field(11, 12) > 7) return undefined;
  return { version: 2, shardCreatedSeconds: field(1, 10), shardIndex: field(38, 46), arrivalSeconds: field(29, 38), seqIndex: BigInt(`0x${digits.slice(11, 27)}`) };
}

/**
 * Whether PutRecord accepts `value` as SequenceNumberForOrdering: any well-formed number whose
 * arrival time is not in the future (AWS does not check the shard digits here).
 */
export function acceptsForOrdering(value: string, nowMs: number): boolean {
  const decoded = decodeSequenceNumber(value);
  return decoded !== undefined && (decoded.version === 0 || decoded.arrivalSeconds <= seconds(nowMs));
}

/** A shard index AWS can have issued: the 8 index digits' top bit is never set. */
export function plausibleShardIndex(decoded: DecodedSequenceNumber): boolean {
  return decoded.shardIndex <= 0x7fff_ffff;
}

/**
 * Where a version-2 number from `shard` points: the counter of its record, `end` for the shard's
 * EndingSequenceNumber, or undefined when the shard did not issue it (another stream, or an
 * earlier stream of the same name).
 */
export function counterIn(shard: ShardIdentity, decoded: DecodedSequenceNumber): number | 'end' | undefined {
  if (decoded.version !== 2 || decoded.shardCreatedSeconds !== seconds(shard.createdAt)) return undefined;
  if (decoded.seqIndex === ENDING_INDEX) return 'end';
  if (decoded.seqIndex >> COUNTER_BITS !== BigInt(shard.createdAt % 1000)) return undefined;
  return Number(decoded.seqIndex & COUNTER_MASK);
}
