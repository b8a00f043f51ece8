import { describe, expect, it } from 'vitest';
import {
  acceptsForOrdering,
  counterIn,
  decodeSequenceNumber,
  encodeSequenceNumber,
  endingSequenceNumber,
  plausibleShardIndex,
} from '../../lambdas/kinesis/domain/sequence-number';

const shard = { index: 7, createdAt: Date.UTC(2025, 0, 2, 3, 4, 5, 678) };
const hexOf = (s: string) => BigInt(s).toString(16);
const fromHex = (h: string) => BigInt(`0x${h}`).toString();
const now = Date.UTC(2025, 5, 1);

describe('sequence numbers', () => {
  it('follow AWS layout: version, shard creation, shard index, per-shard index, arrival, shard index, version', () => {
    const arrival = Date.UTC(2025, 0, 3);
    const s = encodeSequenceNumber(shard, 42, arrival);
    expect(s).toMatch(/^\d{56}$/);
    const h = hexOf(s);
    // The pattern kinesalite's AWS-recorded tests hold every issued number to.
    expect(h).toMatch(/^20[0-9a-f]{8}7[0-9a-f]{16}000[0-9a-f]{8}000000072$/);
    expect(parseInt(h.slice(1, 10), 16)).toBe(Math.floor(shard.createdAt / 1000));
    expect(parseInt(h.slice(29, 38), 16)).toBe(arrival / 1000);
    expect(BigInt(`0x${h.slice(11, 27)}`) & ((1n << 53n) - 1n)).toBe(42n);
  });

  it('decode AWS-issued numbers', () => {
    expect(decodeSequenceNumber('49546986683135544286507457935754639466300920667981217794')).toEqual({
      version: 2,
      shardCreatedSeconds: 0x54b6fffe,
      shardIndex: 0,
      arrivalSeconds: 0x54b6fffe,
      seqIndex: 0n,
    });
    const ending = decodeSequenceNumber('49549167410956685081233009822320176730553508082787287058')!;
    expect(ending).toMatchObject({ version: 2, shardIndex: 1, seqIndex: (1n << 63n) - 1n });
  });

  it('increase strictly with the counter, whatever the arrival times, and stay below the shard end', () => {
    const counters = [0, 1, 2, 9, 10, 99, 100, 12345, Number.MAX_SAFE_INTEGER];
    const seqs = counters.map((c, i) => BigInt(encodeSequenceNumber(shard, c, now - i * 1000)));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i] > seqs[i - 1]).toBe(true);
    expect(BigInt(endingSequenceNumber(shard, now - 1e9)) > seqs[seqs.length - 1]).toBe(true);
  });

  it('point back to their counter in their own shard only', () => {
    const s = decodeSequenceNumber(encodeSequenceNumber(shard, 123456789, now))!;
    expect(counterIn(shard, s)).toBe(123456789);
    expect(counterIn(shard, decodeSequenceNumber(endingSequenceNumber(shard, now))!)).toBe('end');
    // Same name re-created: a later creation, or the same second but another millisecond.
    expect(counterIn({ ...shard, createdAt: shard.createdAt + 60_000 }, s)).toBeUndefined();
    expect(counterIn({ ...shard, createdAt: shard.createdAt + 1 }, s)).toBeUndefined();
    expect(counterIn(shard, decodeSequenceNumber(fromHex('20000000000000000000000000000000000000000000001'))!)).toBeUndefined();
  });

  it('judge old and malformed numbers as AWS does', () => {
    // Small numbers are version 0 with an offset of 2^124; AWS prints them back normalised.
    expect(decodeSequenceNumber('0')).toMatchObject({ version: 0, shardIndex: 0, canonical: '21267647932558653966460912964485513216' });
    expect(decodeSequenceNumber('5')).toMatchObject({ version: 0, shardIndex: 5 });
    expect(decodeSequenceNumber('425352958651173072921826052383309826')).toMatchObject({ version: 0, shardIndex: 2, canonical: '21693000891209827039382739016868823042' });
    expect(decodeSequenceNumber(fromHex('f3bb2cc3d7ff7fffffffffffffff0000'))).toMatchObject({ version: 0, canonical: '26227199374821822965252748908982894592' });
    for (const bad of [
      fromHex('13bb2cc3d80000000000000000000000'), // creation date too large
      fromHex('20000000000800000000000000000000000000000000002'), // per-shard index above 2^63
      fromHex('20000000000000000000000000000000000000000000000'), // version 0 digit on a 47-digit number
      fromHex('20000000000000000000000000000000000000000000003'),
      fromHex('20000000000000000000000000000000000000000000004'),
      fromHex('30000000000000000000000000000000000000000000001'),
      fromHex('1ffffffffff7fffffffffffffff000000000007fffffff2'),
      '',
      'abc',
      '0123',
    ]) {
      expect(decodeSequenceNumber(bad), bad).toBeUndefined();
    }
    const highShard = decodeSequenceNumber(fromHex('20000000000000000000000000000000000000800000002'))!;
    expect(plausibleShardIndex(highShard)).toBe(false);
  });

  it('accept as SequenceNumberForOrdering what PutRecord on AWS accepts', () => {
    const at = (seconds: number) => fromHex(`200000000000000000000000000000${Math.floor(seconds).toString(16).padStart(8, '0')}000000002`);
    expect(acceptsForOrdering(fromHex('2ffffffffff7fffffffffffffff000000000007fffffff2'), now)).toBe(true);
    expect(acceptsForOrdering(fromHex('20000000000000000000000000000000000000000000002'), now)).toBe(true);
    expect(acceptsForOrdering(fromHex('20000000000000000000000000000000000000000000001'), now)).toBe(true);
    expect(acceptsForOrdering(fromHex('20000000000000000000000000000000000000800000002'), now)).toBe(true);
    expect(acceptsForOrdering(at(now / 1000 - 2), now)).toBe(true);
    expect(acceptsForOrdering(at(now / 1000 + 2), now)).toBe(false);
    expect(acceptsForOrdering(fromHex('20000000000800000000000000000000000000000000002'), now)).toBe(false);
    expect(acceptsForOrdering(encodeSequenceNumber(shard, 5, now), now)).toBe(true);
  });
});
