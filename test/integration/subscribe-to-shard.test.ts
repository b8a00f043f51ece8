/**
 * SubscribeToShard with the stock SDK client (its async iterator over the event stream), against
 * the local server: starting positions, pushes, continuation, takeover and errors. Heartbeats and
 * the takeover window are shortened so the tests need not wait AWS's 5 seconds.
 */
import {
  DeregisterStreamConsumerCommand,
  KinesisClient,
  PutRecordCommand,
  PutRecordsCommand,
  SubscribeToShardCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONFIG_DEFAULTS } from '../../lambdas/runtime/config';
import { CONSUMER_LIFECYCLE } from '../../lambdas/kinesis/workflows';
import { sleep } from '../support/eventually';
import { createActiveStream, credentials, expectAwsError, holdWorkflow, startRunnel, type TestRunnel } from '../support/local';
import { activeConsumer, dataOf, streamArnOf, Subscription } from '../support/subscriptions';

const subscriptions = { ...CONFIG_DEFAULTS.subscriptions, heartbeatMs: 200, takeoverMs: 1000 };
let t: TestRunnel;
let arn: string;
beforeAll(async () => {
  t = await startRunnel({ createConsumerMs: 0, config: { subscriptions } });
  await createActiveStream(t.kinesis, 'efo', 1);
  arn = await streamArnOf(t.kinesis, 'efo');
});
afterAll(() => t.stop());

const SHARD = 'shardId-000000000000';
const put = async (stream: string, data: string) => t.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'k', Data: Buffer.from(data) }));
const hasRecords = (e: { Records?: unknown[] }) => e.Records!.length > 0;

describe('starting positions', () => {
  let seqs: string[] = [];
  let secondHalfAt = 0;
  beforeAll(async () => {
    await createActiveStream(t.kinesis, 'positions', 1);
    for (const d of ['p0', 'p1', 'p2']) seqs.push((await put('positions', d)).SequenceNumber!);
    await sleep(20);
    secondHalfAt = Date.now();
    await sleep(5);
    for (const d of ['p3', 'p4']) seqs.push((await put('positions', d)).SequenceNumber!);
  });

  const read = async (name: string, position: Parameters<typeof Subscription.open>[3], count: number) => {
    const consumer = await activeConsumer(t.kinesis, await streamArnOf(t.kinesis, 'positions'), name);
    const sub = await Subscription.open(t.kinesis, consumer, SHARD, position);
    const events = await sub.until((e) => dataOf([e]).length > 0 && count > 0);
    sub.close();
    return events;
  };

  it('TRIM_HORIZON pushes every stored record, in order, with sequence numbers GetRecords would give', async () => {
    const events = await read('trim', { Type: 'TRIM_HORIZON' }, 5);
    expect(dataOf(events)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(events.at(-1)!.Records!.map((r) => r.SequenceNumber)).toEqual(seqs);
    expect(events.at(-1)!.ContinuationSequenceNumber).toBe(seqs[4]);
  });

  it('AT_SEQUENCE_NUMBER starts at that record, AFTER_SEQUENCE_NUMBER after it', async () => {
    expect(dataOf(await read('at', { Type: 'AT_SEQUENCE_NUMBER', SequenceNumber: seqs[2] }, 3))).toEqual(['p2', 'p3', 'p4']);
    expect(dataOf(await read('after', { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: seqs[2] }, 2))).toEqual(['p3', 'p4']);
  });

  it('AT_TIMESTAMP starts at the first record that arrived at or after the timestamp', async () => {
    expect(dataOf(await read('ts', { Type: 'AT_TIMESTAMP', Timestamp: new Date(secondHalfAt) }, 2))).toEqual(['p3', 'p4']);
  });

  it('LATEST sends an empty first event whose continuation points at the tip, then pushes what is written next', async () => {
    const consumer = await activeConsumer(t.kinesis, await streamArnOf(t.kinesis, 'positions'), 'latest');
    const sub = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'LATEST' });
    const first = await sub.next();
    expect(first).toMatchObject({ Records: [], MillisBehindLatest: 0 });
    await put('positions', 'p5');
    expect(dataOf(await sub.until(hasRecords))).toEqual(['p5']);
    sub.close();
  });
});

describe('pushes', () => {
  it('delivers a record within milliseconds of its acknowledgement, without polling between writes', async () => {
    const consumer = await activeConsumer(t.kinesis, arn, 'push');
    const sub = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'LATEST' });
    await sub.next();
    const send = vi.spyOn(t.runnel.runtime.ddb, 'send');
    await sleep(1000);
    // Idle: a handful of heartbeat reads and checks in a second (every 200 ms here), not a busy loop.
    expect(send.mock.calls.length).toBeLessThan(60);
    send.mockRestore();
    const acked = await put('efo', 'now');
    const ackAt = performance.now();
    const event = (await sub.until(hasRecords)).at(-1)!;
    expect(performance.now() - ackAt).toBeLessThan(500);
    expect(event.Records![0].SequenceNumber).toBe(acked.SequenceNumber);
    sub.close();
  });

  it('sends an event at least every heartbeat while idle, its continuation standing still', async () => {
    const consumer = await activeConsumer(t.kinesis, arn, 'idle');
    const sub = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'LATEST' });
    const started = Date.now();
    const events = [await sub.next(), await sub.next(), await sub.next()];
    expect(Date.now() - started).toBeLessThan(2000);
    expect(new Set(events.map((e) => (e as { ContinuationSequenceNumber: string }).ContinuationSequenceNumber)).size).toBe(1);
    sub.close();
  });

  it('serves HTTP/1.1 clients (chunked), as AWS serves the CLI', async () => {
    const h1 = new KinesisClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials, requestHandler: new NodeHttpHandler() });
    const consumer = await activeConsumer(t.kinesis, arn, 'h1');
    const sub = await Subscription.open(h1, consumer, SHARD, { Type: 'LATEST' });
    await sub.next();
    await put('efo', 'over-h1');
    expect(dataOf(await sub.until(hasRecords))).toEqual(['over-h1']);
    sub.close();
    h1.destroy();
  });
});

describe('one subscription per consumer and shard', () => {
  it('refuses a second SubscribeToShard within the takeover window, and a later one takes over', async () => {
    const consumer = await activeConsumer(t.kinesis, arn, 'single');
    const first = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'LATEST' });
    await first.next();
    await expectAwsError(
      t.kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumer, ShardId: SHARD, StartingPosition: { Type: 'LATEST' } })),
      'ResourceInUseException',
      'Another active subscription exists for this consumer: 000000000000:efo:shardId-000000000000:single',
    );
    await sleep(subscriptions.takeoverMs);
    const second = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'LATEST' });
    const ended = await first.failure();
    expect(ended.name).toBe('ResourceInUseException');
    expect(ended.message).toBe('Another active subscription exists for this consumer: 000000000000:efo:shardId-000000000000:single');
    await put('efo', 'to-second');
    expect(dataOf(await second.until(hasRecords))).toEqual(['to-second']);
    second.close();
  });
});

describe('consumer state', () => {
  it('refuses a consumer that is not ACTIVE yet, with AWS text', async () => {
    const hold = holdWorkflow(t.runnel, CONSUMER_LIFECYCLE.name);
    const { RegisterStreamConsumerCommand } = await import('@aws-sdk/client-kinesis');
    const { Consumer } = await t.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'early' }));
    const created = Math.floor(Consumer!.ConsumerCreationTimestamp!.getTime() / 1000);
    await expectAwsError(
      t.kinesis.send(new SubscribeToShardCommand({ ConsumerARN: Consumer!.ConsumerARN, ShardId: SHARD, StartingPosition: { Type: 'LATEST' } })),
      'ResourceInUseException',
      `Consumer early with creation timestamp ${created} under stream: efo , account 000000000000 is not in ACTIVE status.`,
    );
    await hold.release();
  });

  it('ends a subscription whose consumer is deregistered', async () => {
    const consumer = await activeConsumer(t.kinesis, arn, 'leaving');
    const sub = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'LATEST' });
    await sub.next();
    const hold = holdWorkflow(t.runnel, CONSUMER_LIFECYCLE.name);
    await t.kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: consumer }));
    const ended = await sub.failure();
    expect(ended.name).toBe('ResourceInUseException');
    expect(ended.message).toMatch(/^Consumer leaving with creation timestamp \d+ under stream: efo , account 000000000000 is not in ACTIVE status\.$/);
    await hold.release();
    await t.runnel.workflows.idle();
    await expectAwsError(
      t.kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumer, ShardId: SHARD, StartingPosition: { Type: 'LATEST' } })),
      'ResourceNotFoundException',
      `Consumer ${consumer} under account 000000000000 not found.`,
    );
  });
});

describe('errors before the stream starts', () => {
  let consumer: string;
  beforeAll(async () => {
    consumer = await activeConsumer(t.kinesis, arn, 'errors');
  });
  const subscribe = (input: Partial<ConstructorParameters<typeof SubscribeToShardCommand>[0]>) =>
    t.kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumer, ShardId: SHARD, StartingPosition: { Type: 'LATEST' }, ...input }));

  it('answers a missing shard with ResourceNotFoundException', async () => {
    await expectAwsError(subscribe({ ShardId: 'shardId-000000000009' }), 'ResourceNotFoundException', 'Shard shardId-000000000009 in stream efo under account 000000000000 does not exist');
  });

  it('answers starting positions as GetShardIterator answers its iterator types', async () => {
    await expectAwsError(
      subscribe({ StartingPosition: { Type: 'AT_SEQUENCE_NUMBER' } }),
      'InvalidArgumentException',
      'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.',
    );
    await expectAwsError(subscribe({ StartingPosition: { Type: 'AT_TIMESTAMP', Timestamp: new Date(Date.now() + 60_000) } }), 'InvalidArgumentException', /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis/);
  });

  it('answers an unknown consumer with ResourceNotFoundException and a malformed ARN with ValidationException', async () => {
    const unknown = `${arn}/consumer/nobody:1700000000`;
    await expectAwsError(subscribe({ ConsumerARN: unknown }), 'ResourceNotFoundException', `Consumer ${unknown} under account 000000000000 not found.`);
    await expectAwsError(subscribe({ ConsumerARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/efo' }), 'ValidationException', /^1 validation error detected: Value 'arn:aws:kinesis:us-east-1:000000000000:stream\/efo' at 'consumerARN' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });
});

describe('resubscribing', () => {
  it('continues after the last record of a batch with nothing lost or repeated', async () => {
    const consumer = await activeConsumer(t.kinesis, arn, 'batches');
    const sub = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'LATEST' });
    const first = await sub.next();
    await t.kinesis.send(new PutRecordsCommand({ StreamName: 'efo', Records: ['a', 'b', 'c'].map((d) => ({ PartitionKey: 'k', Data: Buffer.from(d) })) }));
    const got = await sub.until((e) => dataOf([e]).includes('c'));
    sub.close();
    expect(first).not.toBe('end');
    await put('efo', 'd');
    await sleep(subscriptions.takeoverMs);
    const again = await Subscription.open(t.kinesis, consumer, SHARD, { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: got.at(-1)!.ContinuationSequenceNumber });
    expect(dataOf(await again.until(hasRecords))).toEqual(['d']);
    again.close();
  });
});
