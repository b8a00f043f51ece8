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
    for (const bad of [raw.toString('base64'), 'garbage', 'AAAA', encodeIterator(state, Buffer.alloc(32, 8))]) {
      expect(() => decodeIterator(bad, key, state.issuedAt)).toThrow(InvalidArgumentException);
      expect(() => decodeIterator(bad, key, state.issuedAt)).toThrow('Invalid ShardIterator.');
    }
  });
});
