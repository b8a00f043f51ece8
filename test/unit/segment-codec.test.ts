import { describe, expect, it } from 'vitest';
import { decodeSegment, encodeSegment, recordSize } from '../../lambdas/kinesis/domain/segment-codec';

describe('segment packing', () => {
  it('round-trips records with empty, binary and multi-byte content', () => {
    const records = [
      { partitionKey: 'a', data: new Uint8Array() },
      { partitionKey: 'ключ', data: new Uint8Array([0, 255, 1, 254]) },
      { partitionKey: 'k'.repeat(256), data: new Uint8Array(70_000).fill(9) },
    ];
    const decoded = decodeSegment(encodeSegment(records));
    expect(decoded.map((r) => r.partitionKey)).toEqual(records.map((r) => r.partitionKey));
    decoded.forEach((r, i) => expect(Buffer.from(r.data).equals(Buffer.from(records[i].data))).toBe(true));
  });

  it('counts record size as data plus UTF-8 key bytes', () => {
    expect(recordSize({ partitionKey: 'é', data: new Uint8Array(10) })).toBe(12);
  });
});
