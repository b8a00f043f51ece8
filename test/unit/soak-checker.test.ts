/** The soak's checker must catch each way a stream can go wrong, or a clean soak proves nothing. */
import { describe, expect, it } from 'vitest';
import { attemptId, check, clean, payloadOf, type Outcome, type ReadRecord } from '../../bin/soak-checker';

const id = (seq: number, attempt = 0) => attemptId(1, seq, attempt);
const read = (rid: string, seq: bigint, shardId = 'shardId-000000000000', key = 'k'): ReadRecord => ({ shardId, sequenceNumber: String(seq), partitionKey: key, data: payloadOf(rid, 64) });
const acked = (seq: bigint, shardId = 'shardId-000000000000'): Outcome => ({ kind: 'acked', shardId, sequenceNumber: String(seq) });

describe('soak checker', () => {
  const ledger = new Map<string, Outcome>([
    [id(0), acked(10n)],
    [id(1), acked(11n)],
    [id(2), { kind: 'failed' }],
    [id(3), { kind: 'unknown' }],
  ]);

  it('passes a faithful read, with an unanswered record read once', () => {
    expect(clean(check(ledger, [[read(id(0), 10n), read(id(1), 11n), read(id(3), 12n)]]))).toBe(true);
  });

  it('flags a lost record, a duplicate, a failed record that was stored and a foreign one', () => {
    const v = check(ledger, [[read(id(0), 10n), read(id(0), 11n), read(id(2), 12n), read('9:9:9', 13n)]]);
    expect(v).toMatchObject({ lost: 1, duplicated: 1, failedButRead: 1, unexpected: 1, misplaced: 1 });
    expect(clean(v)).toBe(false);
  });

  it('flags reordering within a shard and within a key, and a corrupted payload', () => {
    const corrupted = { ...read(id(1), 11n), data: Buffer.from(`${id(1)}|garbage`) };
    const v = check(ledger, [[read(id(1), 11n), read(id(0), 10n)], [read(id(0), 10n), corrupted]]);
    expect(v.outOfOrder).toBe(2);
    expect(v.corrupted).toBe(1);
  });
});
