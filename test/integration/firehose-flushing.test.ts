/** Size-triggered flushes (with real, long intervals) and a flush that dies halfway. */
import { DeleteDeliveryStreamCommand, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { createActiveDeliveryStream, listObjects, ROLE, startFirehoseRunnel, waitForObjects, type FirehoseRunnel } from '../support/firehose';

let t: FirehoseRunnel;
/** The id of the delivery stream whose first flush is made to crash, once it exists. */
let crashyId: string | undefined;
/** Every flush of that stream that reached the point between delivering and deleting. */
let crashyFlushes = 0;
/** What that stream's bucket held when its first flush crashed: the objects of the crashed flush. */
let crashedKeys: string[] = [];
beforeAll(async () => {
  t = await startFirehoseRunnel({
    faults: {
      // The first flush of 'crashy' dies after writing its object, before deleting what it delivered.
      // Flushes of every other delivery stream pass untouched.
      afterDelivery: async (deliveryStreamId) => {
        if (deliveryStreamId !== crashyId) return;
        if (crashyFlushes++ === 0) {
          crashedKeys = (await listObjects(t.s3, 'crashy-bucket')).map((o) => o.key);
          throw new Error('flush crashed');
        }
      },
    },
  });
});
afterAll(() => t.stop());

/** The creation-unique id Runnel keys a delivery stream's buffer by (what the fault hook is given). */
async function deliveryStreamId(name: string): Promise<string> {
  const items = (await t.runnel.runtime.ddb.send(new ScanCommand({ TableName: t.runnel.runtime.config.tables.deliveryStreams }))).Items ?? [];
  const item = items.find((i) => i.name === name);
  expect(item, `delivery stream ${name} in its table`).toBeDefined();
  return item!.id as string;
}

const ids = (body: Buffer, tag: string): string[] => body.toString().match(new RegExp(`${tag}-\\d{4}`, 'g')) ?? [];
const hundredKiB = (tag: string, i: number) => Buffer.from(`${tag}-${String(i).padStart(4, '0')};`.padEnd(100 * 1024, '.'));
const tagged = (tag: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${tag}-${String(from + i).padStart(4, '0')}`);

describe('size-triggered flushes', () => {
  it('deliver at once when the buffer reaches SizeInMBs, long before the interval, and only full buffers', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'sized',
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::sized-bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } },
    });
    for (let batch = 0; batch < 4; batch++) {
      const res = await t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'sized', Records: Array.from({ length: 5 }, (_, i) => ({ Data: hundredKiB('s', batch * 5 + i) })) }));
      expect(res.FailedPutCount).toBe(0);
    }
    // The interval is 15 minutes: an object now can only come from the size trigger. 2,000 KiB were
    // put: one full 1 MiB buffer goes out at once, and no second object may follow for the rest.
    const objects = await waitForObjects(t.s3, 'sized-bucket', 1, { settleMs: 1500 });
    expect(objects[0].body.length).toBe(10 * 100 * 1024);
    expect(ids(objects[0].body, 's')).toEqual(tagged('s', 0, 10));
  });
});

describe('a flush interrupted midway', () => {
  it('delivers every record at least once, the crashed flush\'s records again', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'crashy',
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::crashy-bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } },
    });
    crashyId = await deliveryStreamId('crashy');
    const records = Array.from({ length: 12 }, (_, i) => hundredKiB('c', i));
    for (let i = 0; i < records.length; i += 4) {
      const res = await t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'crashy', Records: records.slice(i, i + 4).map((Data) => ({ Data })) }));
      expect(res.FailedPutCount).toBe(0);
    }
    // The size flush's object, then (the workflow retrying the crashed task) its re-delivery of the
    // same records; what did not fit in the full buffer waits for the 15-minute interval.
    const flushed = await waitForObjects(t.s3, 'crashy-bucket', 2, { settleMs: 1000 });
    expect(crashyFlushes).toBe(2);
    expect(crashedKeys).toHaveLength(1);
    const crashed = flushed.find((o) => o.key === crashedKeys[0])!;
    const retried = flushed.find((o) => o.key !== crashedKeys[0])!;
    const crashedIds = ids(crashed.body, 'c');
    expect(crashedIds.length).toBeGreaterThan(0);
    expect(crashedIds.length).toBeLessThan(12);
    expect(crashedIds).toEqual(tagged('c', 0, crashedIds.length)); // the oldest records, in order
    expect(ids(retried.body, 'c')).toEqual(crashedIds);

    // Deleting drains what is left: now every one of the 12 records must have been delivered.
    await t.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'crashy' }));
    const all = await eventually(async () => {
      const objects = await listObjects(t.s3, 'crashy-bucket');
      expect(new Set(objects.flatMap((o) => ids(o.body, 'c')))).toEqual(new Set(tagged('c', 0, 12)));
      return objects;
    });
    const delivered = all.flatMap((o) => ids(o.body, 'c'));
    const times = (id: string) => delivered.filter((d) => d === id).length;
    for (const id of tagged('c', 0, 12)) expect(times(id), id).toBe(crashedIds.includes(id) ? 2 : 1);
    expect(all).toHaveLength(3);
  });
});
