/** The soak's checkers must catch each way a stream or a delivery stream can go wrong, or a clean soak proves nothing. */
import { describe, expect, it } from 'vitest';
import { attemptId, check, checkFirehose, clean, cleanFirehose, firehoseAttemptId, firehoseRecord, payloadOf, type DeliveredObject, type FirehoseOutcome, type Outcome, type ReadRecord } from '../../bin/soak-checker';

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

describe('soak checker, Firehose', () => {
  const rec = (seq: number, attempt = 0) => firehoseRecord(0, seq, attempt, 120);
  const object = (key: string, ...records: string[]): DeliveredObject => ({ key, body: Buffer.from(records.join('')) });
  const ledger = new Map<string, FirehoseOutcome>([
    [firehoseAttemptId(0, 0, 0), 'acked'],
    [firehoseAttemptId(0, 1, 0), 'acked'],
    [firehoseAttemptId(0, 2, 0), 'failed'],
    [firehoseAttemptId(0, 3, 0), 'unknown'],
  ]);
  const noCrash = { crashedFlushes: 0, ambiguousBufferWrites: 0 };

  it('passes every acknowledged record delivered once, across objects, with failed and unanswered ones either way', () => {
    const v = checkFirehose(ledger, [object('a.gz', rec(0), rec(2)), object('b.gz', rec(1), rec(3))], noCrash);
    expect(v).toMatchObject({ acknowledged: 2, verified: 2, lost: 0, duplicated: 0, failedButDelivered: 1, unknownDelivered: 1, delivered: 4, objects: 2 });
    expect(cleanFirehose(v)).toBe(true);
    expect(cleanFirehose(checkFirehose(ledger, [object('a.gz', rec(0), rec(1))], noCrash))).toBe(true);
  });

  it('flags a lost record, a foreign one, a torn one and a changed one', () => {
    const changed = rec(1).replace('"x":"', '"x":"Z');
    const v = checkFirehose(ledger, [object('a.gz', rec(0), firehoseRecord(7, 0, 0, 80), '{"p":0,"n":'), object('b.gz', changed)], noCrash);
    expect(v).toMatchObject({ lost: 0, unexpected: 1, corrupted: 2 }); // the torn tail, the changed record
    expect(checkFirehose(ledger, [object('a.gz', rec(0))], noCrash)).toMatchObject({ lost: 1, verified: 1 });
    expect(cleanFirehose(v)).toBe(false);
  });

  it('fails duplicates when nothing explains them, and only reports them after a crashed flush or a lost write answer', () => {
    const objects = [object('a.gz', rec(0), rec(1)), object('b.gz', rec(1))];
    const strict = checkFirehose(ledger, objects, noCrash);
    expect(strict).toMatchObject({ duplicated: 1, extraCopies: 1, exactlyOnceExpected: true });
    expect(cleanFirehose(strict)).toBe(false);
    for (const causes of [{ crashedFlushes: 1, ambiguousBufferWrites: 0 }, { crashedFlushes: 0, ambiguousBufferWrites: 2 }]) {
      const lenient = checkFirehose(ledger, objects, causes);
      expect(lenient).toMatchObject({ duplicated: 1, exactlyOnceExpected: false });
      expect(cleanFirehose(lenient)).toBe(true);
      // At-least-once still holds: a loss fails the run whatever happened.
      expect(cleanFirehose(checkFirehose(ledger, [object('b.gz', rec(1)), object('c.gz', rec(1))], causes))).toBe(false);
    }
  });
});
