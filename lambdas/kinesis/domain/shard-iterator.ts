/**
 * Shard iterators are stateless: an encrypted, authenticated token naming the stream (account,
 * region, name, id), the shard, the position (the counter of the last sequence number already
 * consumed, so reading resumes at `after + 1`), and when it was issued. Readers that stop at a gap
 * (a reserved range whose segment is not there yet, see store/shard-reader.ts) carry when they first
 * saw it, so the gap can be closed once it is old, whichever Lambda serves the next call.
 *
 * They look like AWS's: base64 of AWS's 8-byte version header (0...01) and at least 144 more
 * bytes, growing in 16-byte steps (kinesalite's AWS-recorded tests). Behind the header: a 12-byte
 * nonce, the AES-256-GCM tag and the padded JSON state; the header is authenticated with it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ExpiredIteratorException, InvalidArgumentException } from '../../protocol/errors';

const HEADER = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]);
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Plaintext is padded to this many bytes and more in 16-byte steps: 152 bytes and up in all. */
const MIN_STATE_BYTES = 116;

export const ITERATOR_LIFETIME_MS = 300_000;

export interface IteratorState {
  account: string;
  region: string;
  streamId: string;
  streamName: string;
  shardIndex: number;
  /** Counter of the last consumed sequence number (0: nothing consumed yet). */
  after: number;
  issuedAt: number;
  /** Set while the reader waits at a gap: when the gap was first seen, and the highest counter reserved then. */
  gap?: { seenAt: number; horizon: number };
  /** Read-quota debt: the chain may not read again before this time (see read-quota.ts). */
  readyAt?: number;
}

export function encodeIterator(state: IteratorState, key: Buffer): string {
  const json = JSON.stringify([state.account, state.region, state.streamId, state.streamName, state.shardIndex, state.after, state.issuedAt, state.gap?.seenAt ?? 0, state.gap?.horizon ?? 0, state.readyAt ?? 0]);
  const size = MIN_STATE_BYTES + Math.ceil(Math.max(0, Buffer.byteLength(json) - MIN_STATE_BYTES) / 16) * 16;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(HEADER);
  const sealed = Buffer.concat([cipher.update(json.padEnd(size, ' ')), cipher.final()]);
  return Buffer.concat([HEADER, nonce, cipher.getAuthTag(), sealed]).toString('base64');
}

const invalid = () => new InvalidArgumentException('Invalid ShardIterator.');

function open(token: string, key: Buffer): unknown[] {
  const raw = Buffer.from(token.replace(/^"|"$/g, ''), 'base64');
  if (raw.length <= HEADER.length + NONCE_BYTES + TAG_BYTES || !raw.subarray(0, HEADER.length).equals(HEADER)) throw invalid();
  const nonce = raw.subarray(HEADER.length, HEADER.length + NONCE_BYTES);
  const tag = raw.subarray(HEADER.length + NONCE_BYTES, HEADER.length + NONCE_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(HEADER).setAuthTag(tag);
    const state = JSON.parse(Buffer.concat([decipher.update(raw.subarray(HEADER.length + NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString());
    if (!Array.isArray(state)) throw invalid();
    return state;
  } catch {
    throw invalid();
  }
}

export function decodeIterator(token: string, key: Buffer, now: number): IteratorState {
  const [account, region, streamId, streamName, shardIndex, after, issuedAt, gapSeenAt, gapHorizon, readyAt] = open(token, key) as [string, string, string, string, number, number, number, number, number, number];
  if (now - issuedAt > ITERATOR_LIFETIME_MS) {
    throw new ExpiredIteratorException(
      `Iterator expired. The iterator was created at time ${javaDate(issuedAt)} while right now it is ${javaDate(now)} which is further in the future than the tolerated delay of ${ITERATOR_LIFETIME_MS} milliseconds.`,
    );
  }
  return {
    account,
    region,
    streamId,
    streamName,
    shardIndex,
    after,
    issuedAt,
    ...(gapSeenAt ? { gap: { seenAt: gapSeenAt, horizon: gapHorizon } } : {}),
    ...(readyAt ? { readyAt } : {}),
  };
}

/** Formats like java.util.Date#toString in UTC, as AWS's messages do: `Wed Jan 22 01:22:02 UTC 2015`. */
function javaDate(ms: number): string {
  const d = new Date(ms);
  const [weekday, day, month, year, time] = d.toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}
