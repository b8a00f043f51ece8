import { describe, expect, it } from 'vitest';
import { decodeIterator, encodeIterator, ITERATOR_LIFETIME_MS, type IteratorState } from '../../lambdas/kinesis/domain/shard-iterator';
import { ExpiredIteratorException, InvalidArgumentException } from '../../lambdas/protocol/errors';

const key = Buffer.alloc(32, 7);
const state: IteratorState = { account: '000000000000', region: 'us-east-1', streamId: 'id1', streamName: 's', shardIndex: 2, after: 41, issuedAt: Date.UTC(2015, 0, 22, 1, 22, 2) };

describe('shard iterators', () => {
  it('round-trip their state and differ on every issue', () => {
    const a = encodeIterator(state, key);
    const b = encodeIterator(state, key);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(512);
    expect(decodeIterator(a, key, state.issuedAt + 1000)).toEqual(state);
    expect(decodeIterator(`"${a}"`, key, state.issuedAt)).toEqual(state);
  });

  it('look like AWS iterators: base64 of the 8-byte version header and at least 144 opaque bytes, in 16-byte steps', () => {
    for (const streamName of ['s', 'a'.repeat(128)]) {
      const token = encodeIterator({ ...state, streamName }, key);
      const raw = Buffer.from(token, 'base64');
      expect(raw.toString('base64')).toBe(token);
      expect(raw.subarray(0, 8).toString('hex')).toBe('0000000000000001');
      expect(raw.length).toBeGreaterThanOrEqual(152);
      expect((raw.length - 152) % 16).toBe(0);
      expect(raw.includes(Buffer.from(streamName === 's' ? '"s"' : streamName))).toBe(false);
      expect(decodeIterator(token, key, state.issuedAt).streamName).toBe(streamName);
    }
  });

  it('carry gap observations', () => {
    const withGap = { ...state, gap: { seenAt: state.issuedAt, horizon: 50 } };
    expect(decodeIterator(encodeIterator(withGap, key), key, state.issuedAt)).toEqual(withGap);
  });

  it('expire after 300 s with the AWS message', () => {
    const it = encodeIterator(state, key);
    expect(() => decodeIterator(it, key, state.issuedAt + ITERATOR_LIFETIME_MS)).not.toThrow();
    const late = state.issuedAt + ITERATOR_LIFETIME_MS + 1;
    expect(() => decodeIterator(it, key, late)).toThrow(ExpiredIteratorException);
    expect(() => decodeIterator(it, key, late)).toThrow(
      'Iterator expired. The iterator was created at time Thu Jan 22 01:22:02 UTC 2015 while right now it is Thu Jan 22 01:27:02 UTC 2015 which is further in the future than the tolerated delay of 300000 milliseconds.',
    );
  });

  it('reject forged, tampered and foreign-key iterators', () => {
    const it = encodeIterator(state, key);
    const raw = Buffer.from(it, 'base64');
    raw[raw.length - 3] ^= 1;
    const header = Buffer.from(it, 'base64');
    header[7] = 2;
    for (const bad of [raw.toString('base64'), header.toString('base64'), 'garbage', 'AAAA', encodeIterator(state, Buffer.alloc(32, 8))]) {
      expect(() => decodeIterator(bad, key, state.issuedAt)).toThrow(InvalidArgumentException);
      expect(() => decodeIterator(bad, key, state.issuedAt)).toThrow('Invalid ShardIterator.');
    }
  });
});
