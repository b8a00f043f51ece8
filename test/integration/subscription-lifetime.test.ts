/**
 * How subscriptions end and carry on: the lifetime boundary (5 minutes on AWS, 1.5 s here),
 * re-subscription by ContinuationSequenceNumber under load, resharding while subscribed, and the
 * per consumer-shard push budget (2 MiB/s on AWS, 200 kB/s here so the test is short).
 */
import { PutRecordsCommand, SplitShardCommand, type SubscribeToShardEvent } from '@aws-sdk/client-kinesis';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { Decoder, Encoder, type Options } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '../../lambdas/runtime/config';
import { sleep } from '../support/eventually';
import { createActiveStream, credentials, startRunnel, waitForStatus, type TestRunnel } from '../support/local';
import { signedPost } from '../support/raw';
import { activeConsumer, dataOf, streamArnOf, Subscription } from '../support/subscriptions';

const subscriptions = { ...CONFIG_DEFAULTS.subscriptions, lifetimeMs: 1500, heartbeatMs: 200, takeoverMs: 500, bytesPerSecond: 200_000 };
let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ createConsumerMs: 0, config: { subscriptions } });
});
afterAll(() => t.stop());

const SHARD = 'shardId-000000000000';
const HALF = '170141183460469231731687303715884105728';

/** Writes `count` records of one key, `per` at a time, a little apart; resolves once all are acknowledged. */
async function write(stream: string, count: number, per = 10, key = 'k', size = 0) {
  for (let i = 0; i < count; i += per) {
    const records = Array.from({ length: Math.min(per, count - i) }, (_, j) => ({ PartitionKey: key, Data: Buffer.from(`${key}:${i + j}:`.padEnd(size, 'x')) }));
    const res = await t.kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: records }));
    expect(res.FailedRecordCount).toBe(0);
    await sleep(20);
  }
}

describe('lifetime', () => {
  it('ends a subscription cleanly when its lifetime is over', async () => {
    await createActiveStream(t.kinesis, 'life', 1);
    const consumer = await activeConsumer(t.kinesis, await streamArnOf(t.kinesis, 'life'), 'c');
    const started = Date.now();
    const sub = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'LATEST' });
    const events = await sub.until(() => false);
    const lasted = Date.now() - started;
    expect(lasted).toBeGreaterThanOrEqual(subscriptions.lifetimeMs - 50);
    expect(lasted).toBeLessThan(subscriptions.lifetimeMs + 1000);
    expect(events.length).toBeGreaterThan(0);
  });

  it('loses and repeats nothing when a reader re-subscribes AFTER_SEQUENCE_NUMBER each continuation', async () => {
    await createActiveStream(t.kinesis, 'carry', 1);
    const consumer = await activeConsumer(t.kinesis, await streamArnOf(t.kinesis, 'carry'), 'c');
    const writing = write('carry', 400, 5); // at least 80 × 20 ms: longer than one subscription
    const seen: string[] = [];
    let position: Parameters<typeof Subscription.open>[3] = { Type: 'TRIM_HORIZON' };
    let subscriptionsUsed = 0;
    while (seen.length < 400) {
      const sub = await Subscription.open(t.kinesis, consumer, SHARD, position);
      subscriptionsUsed++;
      const events = await sub.until(() => false);
      seen.push(...dataOf(events));
      const last = events.at(-1)!.ContinuationSequenceNumber!;
      position = { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last };
    }
    await writing;
    expect(subscriptionsUsed).toBeGreaterThan(1);
    expect(seen).toEqual(Array.from({ length: 400 }, (_, i) => `k:${i}:`));
  });
});

describe('resharding while subscribed', () => {
  it('sends the parent to its end, then ChildShards without a continuation; the children hold the rest', async () => {
    await createActiveStream(t.kinesis, 'split', 1);
    const consumer = await activeConsumer(t.kinesis, await streamArnOf(t.kinesis, 'split'), 'c');
    await write('split', 30, 10, 'a');
    const parent = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'TRIM_HORIZON' });
    await t.kinesis.send(new SplitShardCommand({ StreamName: 'split', ShardToSplit: SHARD, NewStartingHashKey: HALF }));
    await waitForStatus(t.kinesis, 'split', 'ACTIVE');
    await write('split', 30, 10, 'b');
    const events: SubscribeToShardEvent[] = await parent.until((e) => e.ChildShards !== undefined);
    const end = events.at(-1)!;
    expect(end.ContinuationSequenceNumber).toBeUndefined();
    expect(end.Records).toEqual([]);
    expect(end.ChildShards!.map((c) => [c.ShardId, c.ParentShards])).toEqual([
      ['shardId-000000000001', [SHARD]],
      ['shardId-000000000002', [SHARD]],
    ]);
    expect(await parent.next()).toBe('end');
    expect(dataOf(events)).toEqual(Array.from({ length: 30 }, (_, i) => `a:${i}:`));
    const children: string[] = [];
    for (const child of end.ChildShards!) {
      const sub = await Subscription.open(t.kinesis, consumer, child.ShardId!, { Type: 'TRIM_HORIZON' });
      // Everything was written before: the first empty event (a heartbeat) says the child is drained.
      children.push(...dataOf(await sub.until((e) => e.Records!.length === 0)));
      sub.close();
    }
    expect(children.sort((x, y) => Number(x.split(':')[1]) - Number(y.split(':')[1]))).toEqual(Array.from({ length: 30 }, (_, i) => `b:${i}:`));
  });
});

describe('push budget', () => {
  it('pushes a backlog no faster than the consumer-shard budget allows', async () => {
    await createActiveStream(t.kinesis, 'budget', 1);
    const consumer = await activeConsumer(t.kinesis, await streamArnOf(t.kinesis, 'budget'), 'c');
    await write('budget', 60, 20, 'k', 10_000); // 600 kB: three seconds' worth at 200 kB/s
    const sub = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'TRIM_HORIZON' });
    const events = await sub.until(() => false);
    const got = dataOf(events);
    // One 1.5 s subscription: a second's worth at once, then 200 kB/s; never an event above the budget.
    expect(got.length).toBeGreaterThanOrEqual(30);
    expect(got.length).toBeLessThanOrEqual(Math.floor((subscriptions.bytesPerSecond * (1 + subscriptions.lifetimeMs / 1000)) / 10_001));
    expect(Math.max(...events.map((e) => e.Records!.reduce((n, r) => n + r.Data!.length + 1, 0)))).toBeLessThanOrEqual(subscriptions.bytesPerSecond);
    await sleep(subscriptions.takeoverMs);
    const rest = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: events.at(-1)!.ContinuationSequenceNumber });
    got.push(...dataOf(await rest.until(() => false)));
    expect(got).toEqual(Array.from({ length: 60 }, (_, i) => `k:${i}:`.padEnd(10_000, 'x')));
  });
});

describe('CBOR clients', () => {
  it('get event payloads in CBOR, as the Java SDK and the KCL read them, over HTTP/1.1 and HTTP/2', async () => {
    await createActiveStream(t.kinesis, 'cbor', 1);
    const consumer = await activeConsumer(t.kinesis, await streamArnOf(t.kinesis, 'cbor'), 'java');
    await write('cbor', 1, 1, 'k');
    const codec = new EventStreamCodec((b) => Buffer.from(b).toString('utf8'), (x) => Buffer.from(x, 'utf8'));
    // int64AsNumber (epoch milliseconds as numbers) is missing from cbor-x's types.
    const cbor = new Decoder({ useRecords: false, mapsAsObjects: true, int64AsNumber: true } as Options);
    for (const http2 of [false, true]) {
      await sleep(subscriptions.takeoverMs);
      const body = new Encoder({ useRecords: false }).encode({ ConsumerARN: consumer, ShardId: SHARD, StartingPosition: { Type: 'TRIM_HORIZON' } });
      const res = await signedPost(t.runnel.url, { target: 'Kinesis_20131202.SubscribeToShard', contentType: 'application/x-amz-cbor-1.1', body, credentials, http2 });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.amazon.eventstream');
      const messages = [];
      for (let at = 0; at < res.body.length; at += res.body.readUInt32BE(at)) messages.push(codec.decode(res.body.subarray(at, at + res.body.readUInt32BE(at))));
      expect(messages.map((m) => m.headers[':event-type']?.value)[0]).toBe('initial-response');
      expect(messages.every((m) => m.headers[':content-type'].value === 'application/x-amz-cbor-1.1')).toBe(true);
      const first = cbor.decode(messages[1].body);
      expect(Buffer.from(first.Records[0].Data).toString()).toBe('k:0:');
      expect(first.Records[0].Data).toBeInstanceOf(Uint8Array);
      expect(first.ContinuationSequenceNumber).toBe(first.Records[0].SequenceNumber);
    }
  });
});

