import { describe, expect, it } from 'vitest';
import { recordSize } from '../../lambdas/kinesis/domain/record-size';
import { decodePacked, encodePacked } from '../../lambdas/runtime/packed-records';

describe('segment packing', () => {
  it('round-trips records with empty, binary and multi-byte content', () => {
    const records = [
      { key: 'a', data: new Uint8Array() },
      { key: 'ключ', data: new Uint8Array([0, 255, 1, 254]) },
      { key: 'k'.repeat(256), data: new Uint8Array(70_000).fill(9) },
    ];
    const decoded = decodePacked(encodePacked(records));
    expect(decoded.map((r) => r.key)).toEqual(records.map((r) => r.key));
    decoded.forEach((r, i) => expect(Buffer.from(r.data).equals(Buffer.from(records[i].data))).toBe(true));
  });

  it('counts record size as data plus UTF-8 key bytes', () => {
    expect(recordSize({ partitionKey: 'é', data: new Uint8Array(10) })).toBe(12);
  });
});
