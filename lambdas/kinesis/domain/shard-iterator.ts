/**
 * Shard iterators are stateless: an HMAC-signed token naming the stream (account, region, name, id), the shard, the position
 * (the counter of the last sequence number already consumed, so reading resumes at `after + 1`),
 * and when it was issued. Readers that stop at a gap (a reserved range whose segment is not there
 * yet, see store/shard-reader.ts) carry when they first saw it, so the gap can be closed once it is
 * old, whichever Lambda serves the next call.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ExpiredIteratorException, InvalidArgumentException } from '../../protocol/errors';

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
  const body = Buffer.from(
    JSON.stringify([state.account, state.region, state.streamId, state.streamName, state.shardIndex, state.after, state.issuedAt, state.gap?.seenAt ?? 0, state.gap?.horizon ?? 0, state.readyAt ?? 0, randomBytes(4).toString('hex')]),
  );
  const mac = createHmac('sha256', key).update(body).digest().subarray(0, 16);
  return Buffer.concat([mac, body]).toString('base64');
}

const invalid = () => new InvalidArgumentException('Invalid ShardIterator.');

export function decodeIterator(token: string, key: Buffer, now: number): IteratorState {
  const raw = Buffer.from(token.replace(/^"|"$/g, ''), 'base64');
  if (raw.length < 17) throw invalid();
  const mac = raw.subarray(0, 16);
  const body = raw.subarray(16);
  const expected = createHmac('sha256', key).update(body).digest().subarray(0, 16);
  if (!timingSafeEqual(mac, expected)) throw invalid();
  const [account, region, streamId, streamName, shardIndex, after, issuedAt, gapSeenAt, gapHorizon, readyAt] = JSON.parse(body.toString());
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
