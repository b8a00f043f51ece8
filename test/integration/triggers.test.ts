/**
 * Lambda triggers locally: a handler gets exactly the event AWS's Kinesis event source mapping
 * delivers, every record once per successful batch and in order per shard (across a split), and
 * AWS's failure rules (ReportBatchItemFailures, retries, bisection).
 */
import { PutRecordCommand, PutRecordsCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRIGGER_DEFAULTS, type Trigger } from '../../lambdas/kinesis/triggers/trigger';
import type { LocalTrigger } from '../../lambdas/local/triggers';
import { eventually } from '../support/eventually';
import { createActiveStream, startRunnel, waitForStatus, type TestRunnel } from '../support/local';

interface KinesisEventRecord {
  kinesis: { kinesisSchemaVersion: string; partitionKey: string; sequenceNumber: string; data: string; approximateArrivalTimestamp: number };
  eventSource: string;
  eventVersion: string;
  eventID: string;
  eventName: string;
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}
type KinesisEvent = { Records: KinesisEventRecord[] };

const arn = (stream: string) => `arn:aws:kinesis:us-east-1:000000000000:stream/${stream}`;
const text = (r: KinesisEventRecord) => Buffer.from(r.kinesis.data, 'base64').toString();
const trigger = (stream: string, settings: Partial<Trigger> = {}): Trigger => ({ ...TRIGGER_DEFAULTS, id: `test-${stream}`, streamArn: arn(stream), functionName: `fn-${stream}`, ...settings });

/** Batches each handler saw, and what it answered. */
const seen: Record<string, KinesisEvent[]> = { orders: [], partial: [], poison: [] };
const reported = new Set<string>();

const triggers: LocalTrigger[] = [
  { trigger: trigger('orders', { batchSize: 7 }), handler: async (event: KinesisEvent) => void seen.orders.push(event) },
  {
    // Fails record "p-5" the first time it sees it, by reporting it.
    trigger: trigger('partial', { batchSize: 10, reportBatchItemFailures: true }),
    handler: async (event: KinesisEvent) => {
      seen.partial.push(event);
      const bad = event.Records.find((r) => text(r) === 'p-5' && !reported.has(r.kinesis.sequenceNumber));
      if (!bad) return { batchItemFailures: [] };
      reported.add(bad.kinesis.sequenceNumber);
      return { batchItemFailures: [{ itemIdentifier: bad.kinesis.sequenceNumber }] };
    },
  },
  {
    // Throws for any batch holding "poison": bisection isolates it, retries run out, the rest goes through.
    trigger: trigger('poison', { batchSize: 8, bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 }),
    handler: async (event: KinesisEvent) => {
      seen.poison.push(event);
      if (event.Records.some((r) => text(r) === 'poison')) throw new Error('cannot digest');
    },
  },
];

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ triggers, triggerPollMs: 50 });
});
afterAll(() => t.stop());

async function put(stream: string, values: string[], key = (v: string) => v) {
  for (const v of values) await t.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: key(v), Data: Buffer.from(v) }));
}

/** One request, so the trigger sees all of it at once and the batches are predictable. */
async function putAll(stream: string, values: string[]) {
  await t.kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: values.map((v) => ({ PartitionKey: 'same-key', Data: Buffer.from(v) })) }));
}

describe('Lambda triggers', () => {
  it('deliver every record once, in order per key, in batches of BatchSize, across a split, as AWS shapes the event', async () => {
    await createActiveStream(t.kinesis, 'orders', 1);
    const values = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `k${(from + i) % 5}:${from + i}`);
    await put('orders', values(0, 40), (v) => v.split(':')[0]);
    await t.kinesis.send(new SplitShardCommand({ StreamName: 'orders', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (2n ** 127n).toString() }));
    await waitForStatus(t.kinesis, 'orders', 'ACTIVE');
    await put('orders', values(40, 80), (v) => v.split(':')[0]);

    const records = () => seen.orders.flatMap((e) => e.Records);
    await eventually(() => expect(records()).toHaveLength(80));
    expect(seen.orders.every((e) => e.Records.length <= 7)).toBe(true);
    const byKey = new Map<string, number[]>();
    for (const r of records()) byKey.set(r.kinesis.partitionKey, [...(byKey.get(r.kinesis.partitionKey) ?? []), Number(text(r).split(':')[1])]);
    for (const [key, ns] of byKey) expect(ns, key).toEqual([...ns].sort((a, b) => a - b));
    expect(new Set(records().map((r) => text(r))).size).toBe(80);

    const first = records()[0];
    expect(first).toMatchObject({
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventName: 'aws:kinesis:record',
      awsRegion: 'us-east-1',
      eventSourceARN: arn('orders'),
      kinesis: { kinesisSchemaVersion: '1.0', partitionKey: 'k0' },
    });
    expect(first.eventID).toBe(`shardId-000000000000:${first.kinesis.sequenceNumber}`);
    expect(first.kinesis.approximateArrivalTimestamp).toBeGreaterThan(1e9);
    expect(first.kinesis.approximateArrivalTimestamp).toBeLessThan(1e10);
    // The split's children were read only after the parent: their records come after all of its.
    const shardsInOrder = records().map((r) => r.eventID.split(':')[0]);
    expect(shardsInOrder.lastIndexOf('shardId-000000000000')).toBeLessThan(shardsInOrder.findIndex((s) => s !== 'shardId-000000000000'));
  });

  it('with ReportBatchItemFailures, retry from the reported record and not before it', async () => {
    await createActiveStream(t.kinesis, 'partial', 1);
    await putAll('partial', Array.from({ length: 10 }, (_, i) => `p-${i}`));
    await eventually(() => expect(seen.partial.map((e) => e.Records.map(text))).toEqual([
      ['p-0', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6', 'p-7', 'p-8', 'p-9'],
      ['p-5', 'p-6', 'p-7', 'p-8', 'p-9'],
    ]));
  });

  it('bisect a failing batch, skip the record whose retries ran out, and deliver the rest', async () => {
    await createActiveStream(t.kinesis, 'poison', 1);
    await putAll('poison', ['a', 'b', 'c', 'poison', 'd', 'e', 'f', 'g', 'h', 'i']);
    const succeeded = () => seen.poison.filter((e) => !e.Records.some((r) => text(r) === 'poison')).flatMap((e) => e.Records.map(text));
    await eventually(() => expect(succeeded()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']));
    // "poison" alone was tried twice (the first attempt and one retry), then skipped.
    expect(seen.poison.filter((e) => e.Records.length === 1 && text(e.Records[0]) === 'poison')).toHaveLength(2);
  });
});
