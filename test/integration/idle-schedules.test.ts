/**
 * Scheduled workflows run only while something needs them: each turns its own schedule off when it
 * finds nothing to do, and what creates work turns it back on (a write to a stream that asked to be
 * woken, records in an empty buffer, an application that starts).
 */
import { PutRecordCommand as PutFirehoseRecordCommand } from '@aws-sdk/client-firehose';
import { CreateStreamCommand, PutRecordCommand, UpdateStreamModeCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveDeliveryStream, listObjects, ROLE, startFirehoseRunnel, type FirehoseRunnel } from '../support/firehose';
import { createActiveStream, waitForStatus } from '../support/local';
import { eventually } from '../support/eventually';

let t: FirehoseRunnel;
let runs = 0;
/** Writes wait here between reserving their place in a shard and storing their records, while set. */
let storing: Promise<void> | undefined;
let reserved = 0;
beforeAll(async () => {
  // The timers never fire on their own here: the test runs each scheduled workflow as its schedule would.
  t = await startFirehoseRunnel({
    bufferIntervalMs: 300,
    scheduleIntervalMs: 3_600_000,
    faults: {
      afterReserve: async () => {
        reserved++;
        await storing;
      },
    },
  });
});
afterAll(() => t.stop());

const scheduled = (workflow: string) => t.runnel.workflows.scheduled(workflow);

/** One run of a scheduled workflow, only if its schedule is on, as EventBridge would. */
async function tick(workflow: string): Promise<void> {
  if (!scheduled(workflow)) return;
  await t.runnel.workflows.start(workflow, `tick-${++runs}`, {});
  await t.runnel.workflows.idle();
}

const put = (stream: string, data = 'x') => t.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data: Buffer.from(data) }));

/**
 * Writers see a stream's wake-up request within the second their copy of the stream item is
 * cached: a steady writer wakes the schedule within about a second.
 */
async function putUntilScheduled(stream: string, workflow: string): Promise<number> {
  let puts = 0;
  await eventually(async () => {
    puts++;
    await put(stream, `w${puts};`);
    expect(scheduled(workflow), `${workflow} after ${puts} writes to ${stream}`).toBe(true);
  });
  return puts;
}

describe('schedules with nothing to do', () => {
  it('are on at start and go off after one run each, so an idle endpoint runs nothing', async () => {
    for (const workflow of ['OnDemandScaling', 'FirehoseSources', 'AnalyticsRunner']) {
      expect(scheduled(workflow), `${workflow} at start`).toBe(true);
      await tick(workflow);
      expect(scheduled(workflow), `${workflow} after a run with nothing to do`).toBe(false);
    }
  });
});

describe('OnDemandScaling', () => {
  it('is woken by the first write to an on-demand stream and sleeps again once every stream has settled', async () => {
    await t.kinesis.send(new CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    await waitForStatus(t.kinesis, 'od', 'ACTIVE');
    expect(scheduled('OnDemandScaling'), 'a stream nobody writes to needs no scaling').toBe(false);

    await put('od');
    expect(scheduled('OnDemandScaling')).toBe(true);
    await tick('OnDemandScaling'); // first sample
    expect(scheduled('OnDemandScaling'), 'a stream just written to is sampled again').toBe(true);
    await put('od');
    await tick('OnDemandScaling'); // the counters moved: still busy
    expect(scheduled('OnDemandScaling')).toBe(true);
    await tick('OnDemandScaling'); // nothing since: settled
    expect(scheduled('OnDemandScaling')).toBe(false);

    await putUntilScheduled('od', 'OnDemandScaling');
    await tick('OnDemandScaling');
    await tick('OnDemandScaling');
    expect(scheduled('OnDemandScaling')).toBe(false);
  });

  it('is woken by writes to a stream switched to on-demand while it slept', async () => {
    await createActiveStream(t.kinesis, 'switched', 1);
    await put('switched');
    expect(scheduled('OnDemandScaling'), 'provisioned streams do not wake the scaler').toBe(false);
    await t.kinesis.send(new UpdateStreamModeCommand({ StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/switched', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    await waitForStatus(t.kinesis, 'switched', 'ACTIVE');
    await putUntilScheduled('switched', 'OnDemandScaling');
  });
});

describe('FirehoseSources', () => {
  it('is woken by a write to a source stream, and delivers what was written while it slept', async () => {
    await tick('FirehoseSources');
    await createActiveStream(t.kinesis, 'feed', 1);
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'from-feed',
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/feed', RoleARN: ROLE },
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::feed-bucket', BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 } },
    });
    expect(scheduled('FirehoseSources'), 'a new Kinesis-source delivery stream is polled at least once').toBe(true);
    await tick('FirehoseSources');
    expect(scheduled('FirehoseSources'), 'an empty source puts it to sleep').toBe(false);

    const puts = await putUntilScheduled('feed', 'FirehoseSources');
    await tick('FirehoseSources');
    expect(scheduled('FirehoseSources'), 'records are buffered: it stays on to re-arm a lost flush').toBe(true);
    const written = Array.from({ length: puts }, (_, i) => `w${i + 1};`).join('');
    await eventually(async () => expect((await listObjects(t.s3, 'feed-bucket')).map((o) => o.body).join('')).toBe(written));
    await tick('FirehoseSources');
    expect(scheduled('FirehoseSources'), 'delivered and nothing new: asleep again').toBe(false);
  });

  it('stays on while a source record is reserved but not yet stored, and delivers it once stored', async () => {
    await createActiveStream(t.kinesis, 'slow-feed', 1);
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'from-slow-feed',
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/slow-feed', RoleARN: ROLE },
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::slow-feed-bucket' },
    });
    expect(scheduled('FirehoseSources')).toBe(true);
    // A first record, polled and delivered: the source has a checkpoint and the buffer is empty again.
    await put('slow-feed', 'first;');
    await tick('FirehoseSources');
    await eventually(async () => expect((await listObjects(t.s3, 'slow-feed-bucket')).map((o) => o.body.toString()).join('')).toBe('first;'));
    // A write that saw no wake-up request (the schedule never slept), held between reserving and storing.
    let store!: () => void;
    storing = new Promise((resolve) => (store = resolve));
    const before = reserved;
    const written = put('slow-feed', 'late;');
    await eventually(() => expect(reserved).toBeGreaterThan(before));
    await tick('FirehoseSources');
    expect(scheduled('FirehoseSources'), 'a record on its way keeps the poll on').toBe(true);
    store();
    storing = undefined;
    await written;
    await tick('FirehoseSources');
    // Objects flushed within one second may list in either order.
    await eventually(async () => expect((await listObjects(t.s3, 'slow-feed-bucket')).flatMap((o) => o.body.toString().split(';').filter(Boolean)).sort()).toEqual(['first', 'late']));
  });

  it('is turned on by records arriving in an empty Direct PUT buffer', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'direct',
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::direct-bucket', BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 } },
    });
    await tick('FirehoseSources');
    expect(scheduled('FirehoseSources')).toBe(false);
    await t.firehose.send(new PutFirehoseRecordCommand({ DeliveryStreamName: 'direct', Record: { Data: Buffer.from('d;') } }));
    expect(scheduled('FirehoseSources')).toBe(true);
  });
});
