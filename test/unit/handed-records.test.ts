import { describe, expect, it } from 'vitest';
import { HandedRecords } from '../../lambdas/kinesis/operations/handed-records';

const batch = (first: number, n: number, arrival = 1000) => ({
  first,
  arrival,
  encrypted: false,
  records: Array.from({ length: n }, (_, i) => ({ partitionKey: 'k', data: Buffer.from(`r${first + i}`) })),
});
const counters = (r: ReturnType<HandedRecords['next']>) => r?.records.map((x) => x.counter);

describe('records handed over by the write path', () => {
  it('are used when they continue exactly from the position, across batches', () => {
    const handed = new HandedRecords();
    handed.add([batch(11, 2), batch(13, 3)]);
    const read = handed.next(10, 100, 1_000_000);
    expect(counters(read)).toEqual([11, 12, 13, 14, 15]);
    expect(read).toMatchObject({ after: 15, behindSince: undefined });
  });

  it('are not used past a gap: records in between may still be written', () => {
    const handed = new HandedRecords();
    handed.add([batch(14, 2, 2000)]);
    expect(handed.next(10, 100, 1_000_000)).toBeUndefined();
    handed.add([batch(11, 3, 1000)]);
    expect(counters(handed.next(10, 100, 1_000_000))).toEqual([11, 12, 13, 14, 15]);
  });

  it('drop what the position is already past, and resume inside a batch', () => {
    const handed = new HandedRecords();
    handed.add([batch(1, 5), batch(6, 5)]);
    expect(counters(handed.next(7, 100, 1_000_000))).toEqual([8, 9, 10]);
  });

  it('stop at the record or byte limit and say the reader is behind', () => {
    const handed = new HandedRecords();
    handed.add([batch(1, 5, 1234)]);
    const read = handed.next(0, 2, 1_000_000);
    expect(counters(read)).toEqual([1, 2]);
    expect(read!.behindSince).toBe(1234);
    expect(counters(handed.next(2, 100, 4))).toEqual([3]);
    expect(counters(handed.next(3, 100, 1_000_000))).toEqual([4, 5]);
  });
});
