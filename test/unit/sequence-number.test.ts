import { describe, expect, it } from 'vitest';
import { decodeSequenceNumber, encodeSequenceNumber, streamTag } from '../../lambdas/kinesis/domain/sequence-number';

describe('sequence numbers', () => {
  const tag = streamTag('abc123');

  it('are 56 decimal digits that round-trip shard and counter', () => {
    const s = encodeSequenceNumber(tag, 7, 123456789);
    expect(s).toMatch(/^\d{56}$/);
    expect(decodeSequenceNumber(s)).toEqual({ tag, shardIndex: 7, counter: 123456789 });
  });

  it('increase strictly with the counter, as strings and as big integers', () => {
    const counters = [1, 2, 9, 10, 99, 100, 12345, Number.MAX_SAFE_INTEGER];
    const seqs = counters.map((c) => encodeSequenceNumber(tag, 3, c));
    for (let i = 1; i < seqs.length; i++) {
      expect(seqs[i] > seqs[i - 1]).toBe(true);
      expect(BigInt(seqs[i]) > BigInt(seqs[i - 1])).toBe(true);
    }
  });

  it('encode the stream, so numbers from another stream are told apart', () => {
    expect(streamTag('abc123')).not.toBe(streamTag('abc124'));
    expect(streamTag('abc123')).toBe(tag);
  });

  it('reject anything that is not one of ours', () => {
    for (const bad of ['', '0', '1'.repeat(56), '49' + '0'.repeat(53), '49' + '9'.repeat(54), 'abc']) {
      expect(decodeSequenceNumber(bad)).toBeUndefined();
    }
  });
});
