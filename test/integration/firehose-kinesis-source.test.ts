/** A delivery stream fed by a Runnel Kinesis stream: checkpointed, across a reshard, KPL-aware. */
import { PutRecordCommand as PutFirehoseRecordCommand } from '@aws-sdk/client-firehose';
import { PutRecordCommand, PutRecordsCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import { aggregate } from 'aws-kinesis-agg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sleep } from '../support/eventually';
import { createActiveDeliveryStream, listObjects, ROLE, startFirehoseRunnel, type FirehoseRunnel } from '../support/firehose';
import { createActiveStream, expectAwsError, waitForStatus } from '../support/local';

let t: FirehoseRunnel;
let polls = 0;
beforeAll(async () => {
  t = await startFirehoseRunnel({ bufferIntervalMs: 500, scheduleIntervalMs: 3_600_000 });
});
afterAll(() => t.stop());

/** One run of the scheduled source poller, as EventBridge (or the local timer) starts it. */
async function poll() {
  await t.runnel.workflows.start('FirehoseSources', `poll-${++polls}`, {});
  await t.runnel.workflows.idle();
}

/** A KPL aggregated record holding `texts`, built with aws-kinesis-agg as the KPL would. */
function kplRecord(texts: string[]): Promise<{ PartitionKey: string; Data: Buffer }> {
  return new Promise((resolve, reject) => {
    aggregate(
      texts.map((text) => ({ partitionKey: 'agg', data: Buffer.from(text) })),
      (encoded, done) => {
        resolve({ PartitionKey: encoded.partitionKey, Data: encoded.data });
        done();
      },
      () => undefined,
      reject,
    );
  });
}

describe('KinesisStreamAsSource', () => {
  it('delivers every record written after its creation, across a split, de-aggregating KPL records', async () => {
    await createActiveStream(t.kinesis, 'source', 1);
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'source', PartitionKey: 'p', Data: Buffer.from('early;') }));
    await sleep(20);
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'from-kinesis',
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/source', RoleARN: ROLE },
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::from-kinesis-bucket' },
    });
    await expectAwsError(
      t.firehose.send(new PutFirehoseRecordCommand({ DeliveryStreamName: 'from-kinesis', Record: { Data: Buffer.from('x') } })),
      'InvalidArgumentException',
      'This operation is not permitted on KinesisStreamAsSource delivery stream type.',
    );

    await t.kinesis.send(new PutRecordsCommand({ StreamName: 'source', Records: Array.from({ length: 10 }, (_, i) => ({ PartitionKey: `p${i}`, Data: Buffer.from(`k-${i};`) })) }));
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'source', ...(await kplRecord(['agg-0;', 'agg-1;', 'agg-2;'])) }));
    await t.kinesis.send(new SplitShardCommand({ StreamName: 'source', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '170141183460469231731687303715884105728' }));
    await waitForStatus(t.kinesis, 'source', 'ACTIVE');
    await t.kinesis.send(new PutRecordsCommand({ StreamName: 'source', Records: Array.from({ length: 10 }, (_, i) => ({ PartitionKey: `q${i}`, Data: Buffer.from(`after-${i};`) })) }));
    await poll(); // reads the parent to its end, then its children: one buffer, one object
    await poll(); // a poll with nothing new delivers nothing twice

    const expected = [...Array.from({ length: 10 }, (_, i) => `k-${i}`), 'agg-0', 'agg-1', 'agg-2', ...Array.from({ length: 10 }, (_, i) => `after-${i}`)];
    const delivered = await eventually(async () => {
      const objects = await listObjects(t.s3, 'from-kinesis-bucket');
      const records = objects.flatMap((o) => o.body.toString().split(';').filter(Boolean));
      expect(records.length).toBeGreaterThanOrEqual(expected.length);
      return records;
    });
    expect([...delivered].sort()).toEqual([...expected].sort());
    // the parent's records went into the buffer before any child's
    expect(Math.max(...delivered.map((d, i) => (d.startsWith('k-') || d.startsWith('agg') ? i : -1)))).toBeLessThan(Math.min(...delivered.map((d, i) => (d.startsWith('after') ? i : Infinity))));
  });
});

describe('the scheduled source poller', () => {
  let s: FirehoseRunnel;
  beforeAll(async () => {
    // The FirehoseSources workflow on its timer, every 200 ms instead of every minute: the test
    // never starts a poll itself.
    s = await startFirehoseRunnel({ bufferIntervalMs: 300, scheduleIntervalMs: 200 });
  });
  afterAll(() => s.stop());

  const delivered = async () => (await listObjects(s.s3, 'polled-bucket')).flatMap((o) => o.body.toString().split(';').filter(Boolean)).sort();

  it('keeps delivering what is written to the source stream, each record once', async () => {
    await createActiveStream(s.kinesis, 'polled-source', 2);
    await createActiveDeliveryStream(s.firehose, {
      DeliveryStreamName: 'polled',
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/polled-source', RoleARN: ROLE },
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::polled-bucket' },
    });
    const batch = (tag: string) => Array.from({ length: 20 }, (_, i) => `${tag}-${String(i).padStart(2, '0')}`);
    await s.kinesis.send(new PutRecordsCommand({ StreamName: 'polled-source', Records: batch('first').map((d, i) => ({ PartitionKey: `p${i}`, Data: Buffer.from(`${d};`) })) }));
    await eventually(async () => expect(await delivered()).toEqual(batch('first')));
    // Later writes are picked up by later runs of the schedule, after the checkpoint.
    await s.kinesis.send(new PutRecordsCommand({ StreamName: 'polled-source', Records: batch('second').map((d, i) => ({ PartitionKey: `p${i}`, Data: Buffer.from(`${d};`) })) }));
    await eventually(async () => expect(await delivered()).toEqual([...batch('first'), ...batch('second')]));
    // More runs of the schedule with nothing new deliver nothing again.
    await sleep(1000);
    expect(await delivered()).toEqual([...batch('first'), ...batch('second')]);
  });
});
