/**
 * Storage faults injected under the SDK's retries (lambdas/local/storage-faults.ts): what the
 * retries absorb is invisible, what they cannot ends in AWS-shaped errors or per-record
 * InternalFailure, and whatever was acknowledged is stored while nothing reported failed is.
 */
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultRates } from '../../lambdas/local/storage-faults';
import { createActiveStream, startRunnel, type TestRunnel } from '../support/local';

let t: TestRunnel;
beforeAll(async () => {
  // A reservation whose answer was lost leaves a gap readers wait out: keep that wait short.
  t = await startRunnel({ storageFaults: { seed: 42 }, gapTimeoutMs: 300 });
  await createActiveStream(t.kinesis, 'faulty');
});
afterAll(() => t.stop());

/** Everything in the shard: read until a second passes with nothing new (gaps close in 300 ms). */
async function readAll(): Promise<string[]> {
  let it = (await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'faulty', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const out: string[] = [];
  let quietSince = Date.now();
  while (Date.now() - quietSince < 1_000) {
    const page = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
    out.push(...(page.Records ?? []).map((r) => Buffer.from(r.Data!).toString()));
    if (page.Records?.length) quietSince = Date.now();
    it = page.NextShardIterator;
    await new Promise((r) => setTimeout(r, 50));
  }
  return out;
}

describe('storage faults', () => {
  it('parses --faults', () => {
    expect(parseFaultRates('dynamodb=0.05,s3=0.1,after=0.3')).toEqual({ dynamodb: 0.05, s3: 0.1, afterShare: 0.3 });
    expect(() => parseFaultRates('dynamodb=2')).toThrow(/share from 0 to 1/);
    expect(() => parseFaultRates('disk=0.1')).toThrow(/unknown disk/);
  });

  it('answers an AWS-shaped error when storage is down, and stores nothing it did not acknowledge', async () => {
    const faults = t.runnel.storageFaults!;
    faults.set({ dynamodb: 1, afterShare: 0.5 });
    const res = await t.kinesis.send(new PutRecordsCommand({ StreamName: 'faulty', Records: [{ PartitionKey: 'a', Data: Buffer.from('down') }] })).then(
      (r) => ({ ok: r.Records!.every((x) => x.ErrorCode === 'InternalFailure' && x.ErrorMessage === 'Internal Service Failure') }),
      (e: { name: string; $metadata: { httpStatusCode: number } }) => ({ ok: e.name === 'InternalFailureException' && e.$metadata.httpStatusCode === 500 }),
    );
    expect(res.ok).toBe(true);
    expect(faults.stats.surfaced).toBeGreaterThan(0);

    // Lossy storage: every acknowledged record is there, no failed one is.
    faults.set({ dynamodb: 0.3, afterShare: 0.5 });
    const acked: string[] = [];
    const failed: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const data = Array.from({ length: 5 }, (_, i) => `b${batch}-${i}`);
      const out = await t.kinesis.send(new PutRecordsCommand({ StreamName: 'faulty', Records: data.map((d) => ({ PartitionKey: d, Data: Buffer.from(d) })) })).catch(() => undefined);
      out?.Records!.forEach((r, i) => (r.SequenceNumber ? acked : failed).push(data[i]));
    }
    faults.set({});
    expect(Object.values(faults.stats.injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    const stored = await readAll();
    expect(stored.filter((d) => acked.includes(d))).toEqual(acked);
    expect(stored.filter((d) => failed.includes(d))).toEqual([]);
    expect(new Set(stored).size).toBe(stored.length);
  });
});
