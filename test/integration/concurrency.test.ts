/**
 * The sequencing protocol under stress: concurrent writers with delays injected between reserve and
 * write, one writer that dies after reserving, one that is slower than the gap timeout, and
 * concurrent readers. Every acknowledged record must be read exactly once, in order, by every
 * reader; nothing unacknowledged may appear.
 *
 * Every request gets a definite answer (the dying writer's request fails with a 500 once its
 * reservation is abandoned), so no client-side timeout has to guess whether a slow request
 * succeeded.
 */
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../support/eventually';
import { createActiveStream, startRunnel, type TestRunnel } from '../support/local';

const GAP_TIMEOUT_MS = 300;
let t: TestRunnel;
let reservations = 0;

beforeAll(async () => {
  t = await startRunnel({
    quotas: false,
    gapTimeoutMs: GAP_TIMEOUT_MS,
    faults: {
      afterReserve: async () => {
        const n = ++reservations;
        if (n === 15) throw new Error('writer died'); // this writer dies holding its reservation: it never writes nor releases it
        if (n === 30) await sleep(GAP_TIMEOUT_MS * 4); // this one outlives the gap timeout
        await sleep(Math.random() * 30);
      },
    },
  });
  await createActiveStream(t.kinesis, 'race', 1);
});
afterAll(() => t.stop());

async function writer(id: number, batches: number, acked: Map<string, string>) {
  for (let b = 0; b < batches; b++) {
    let pending = Array.from({ length: 5 }, (_, i) => `w${id}-${b}-${i}`);
    while (pending.length) {
      const res = await t.kinesis.send(new PutRecordsCommand({ StreamName: 'race', Records: pending.map((d) => ({ PartitionKey: `p${id}`, Data: Buffer.from(d) })) })).catch((e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        // Only the dying writer's request may fail as a whole (after the SDK's own retries).
        expect(e.$metadata?.httpStatusCode, e.message).toBe(500);
        return undefined;
      });
      if (!res) {
        // Nothing in a failed request was acknowledged. Retry with fresh records so the dead
        // reservation's data could be told apart from anything acknowledged later.
        pending = pending.map((d) => `${d}-retry`);
        continue;
      }
      const failed: string[] = [];
      res.Records!.forEach((r, i) => (r.SequenceNumber ? acked.set(r.SequenceNumber, pending[i]) : failed.push(pending[i])));
      pending = failed;
    }
  }
}

async function reader(expected: () => number, done: () => boolean): Promise<{ seq: string; data: string }[]> {
  const seen: { seq: string; data: string }[] = [];
  let it = (await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'race', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !(done() && seen.length >= expected())) {
    const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
    seen.push(...r.Records!.map((x) => ({ seq: x.SequenceNumber!, data: Buffer.from(x.Data!).toString() })));
    it = r.NextShardIterator;
    if (r.Records!.length === 0) await sleep(20);
  }
  return seen;
}

describe('concurrent writers and readers on one shard', () => {
  it('read every acknowledged record exactly once, in order, and nothing else', async () => {
    const acked = new Map<string, string>();
    let writersDone = false;
    const readers = [0, 1, 2].map(() => reader(() => acked.size, () => writersDone));
    await Promise.all([0, 1, 2, 3].map((id) => writer(id, 12, acked)));
    writersDone = true;
    const results = await Promise.all(readers);

    expect(reservations).toBeGreaterThan(30);
    const expected = [...acked.entries()].sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(expected).toHaveLength(4 * 12 * 5);
    for (const seen of results) {
      expect(seen.map((r) => r.seq)).toEqual(expected.map(([seq]) => seq));
      expect(seen.map((r) => r.data)).toEqual(expected.map(([, data]) => data));
    }
  });
});
