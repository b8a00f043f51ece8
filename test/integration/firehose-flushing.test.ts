/** Size-triggered flushes (with real, long intervals) and a flush that dies halfway. */
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveDeliveryStream, ROLE, startFirehoseRunnel, waitForObjects, type FirehoseRunnel } from '../support/firehose';

let t: FirehoseRunnel;
let crashes = 0;
beforeAll(async () => {
  t = await startFirehoseRunnel({
    faults: {
      // The first flush of 'crashy' dies after writing its object, before deleting what it delivered.
      afterDelivery: async () => {
        if (crashes++ === 0) throw new Error('flush crashed');
      },
    },
  });
});
afterAll(() => t.stop());

const ids = (body: Buffer, tag: string) => body.toString().match(new RegExp(`${tag}-\\d{4}`, 'g')) ?? [];
const hundredKiB = (tag: string, i: number) => Buffer.from(`${tag}-${String(i).padStart(4, '0')};`.padEnd(100 * 1024, '.'));

describe('size-triggered flushes', () => {
  it('deliver at once when the buffer reaches SizeInMBs, long before the interval', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'sized',
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::sized-bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } },
    });
    for (let batch = 0; batch < 4; batch++) {
      const res = await t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'sized', Records: Array.from({ length: 5 }, (_, i) => ({ Data: hundredKiB('s', batch * 5 + i) })) }));
      expect(res.FailedPutCount).toBe(0);
    }
    // The interval is 15 minutes: an object now can only come from the size trigger.
    const objects = await waitForObjects(t.s3, 'sized-bucket', 1);
    // 2,000 KiB were put: one full 1 MiB buffer went out at once, the rest waits for the interval.
    expect(objects).toHaveLength(1);
    expect(objects[0].body.length).toBe(10 * 100 * 1024);
    expect(ids(objects[0].body, 's')).toEqual(Array.from({ length: 10 }, (_, i) => `s-${String(i).padStart(4, '0')}`));
  });
});

describe('a flush interrupted midway', () => {
  it('delivers every record at least once', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'crashy',
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::crashy-bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } },
    });
    crashes = 0;
    const records = Array.from({ length: 12 }, (_, i) => hundredKiB('c', i));
    for (let i = 0; i < records.length; i += 4) {
      await t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'crashy', Records: records.slice(i, i + 4).map((Data) => ({ Data })) }));
    }
    // The crashed flush's object, then its retry's re-delivery.
    const objects = await waitForObjects(t.s3, 'crashy-bucket', 2, '', 30_000);
    expect(crashes).toBeGreaterThanOrEqual(2);
    const delivered = objects.flatMap((o) => ids(o.body, 'c'));
    const firstObject = new Set(ids(objects[0].body, 'c'));
    expect(firstObject.size).toBeGreaterThan(0);
    // everything in the crashed object was delivered again: at least once, never lost
    for (const id of firstObject) expect(delivered.filter((d) => d === id).length).toBeGreaterThanOrEqual(2);
  });
});
