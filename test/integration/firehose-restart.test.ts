/**
 * A local host restarted on its --path while a buffer waits for its interval flush: stopping
 * abandons that flush, so the new process must start it again, or the records (and every later
 * one, which finds the flush slot taken) would wait until the claim went stale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createActiveDeliveryStream, listObjects, ROLE, startFirehoseRunnel, type FirehoseRunnel } from '../support/firehose';
import { eventually } from '../support/eventually';

const path = mkdtempSync(join(tmpdir(), 'runnel-firehose-restart-'));
let t: FirehoseRunnel | undefined;
afterAll(async () => {
  await t?.stop();
  rmSync(path, { recursive: true, force: true });
});

const lines = (objects: { body: Buffer }[]) => objects.flatMap((o) => o.body.toString().split('\n').filter(Boolean)).sort();
const put = (names: string[]) => t!.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'restarted', Records: names.map((n) => ({ Data: Buffer.from(`${n}\n`) })) }));

describe('a Firehose buffer across a restart', () => {
  it('is flushed by the new process, and later records are flushed as usual', async () => {
    // A long interval: the flush is still waiting when the host stops.
    t = await startFirehoseRunnel({ path, bufferIntervalMs: 60_000 });
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'restarted',
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::restarted-bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
    });
    expect((await put(['a1', 'a2', 'a3'])).FailedPutCount).toBe(0);
    await t.stop();

    t = await startFirehoseRunnel({ path, bufferIntervalMs: 200 });
    await eventually(async () => expect(lines(await listObjects(t!.s3, 'restarted-bucket'))).toEqual(['a1', 'a2', 'a3']), { timeoutMs: 10_000 });
    expect((await put(['b1', 'b2'])).FailedPutCount).toBe(0);
    await eventually(async () => expect(lines(await listObjects(t!.s3, 'restarted-bucket'))).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']), { timeoutMs: 10_000 });
  }, 60_000);

  it('serves an empty buffer left with a pending flush claim and counted bytes, as a stop can leave it', async () => {
    // A write counted just after a flush reset the counters, whose own flush the stop abandoned:
    // the buffer is empty, but the flush slot is taken for a minute and the slots count bytes.
    const rt = t!.runnel.runtime;
    const items = (await rt.ddb.send(new ScanCommand({ TableName: rt.config.tables.deliveryStreams }))).Items ?? [];
    const id = items.find((i) => i.name === 'restarted')!.id as string;
    await rt.ddb.send(new UpdateCommand({ TableName: rt.config.tables.buffers, Key: { pk: id, sk: 'control' }, UpdateExpression: 'SET due = :d', ExpressionAttributeValues: { ':d': Date.now() + 60_000 } }));
    for (let slot = 0; slot < 4; slot++) {
      await rt.ddb.send(new UpdateCommand({ TableName: rt.config.tables.buffers, Key: { pk: `${id}#${slot}`, sk: 'head' }, UpdateExpression: 'SET bytes = :b', ExpressionAttributeValues: { ':b': 100 } }));
    }
    await t!.stop();

    t = await startFirehoseRunnel({ path, bufferIntervalMs: 200 });
    expect((await put(['c1'])).FailedPutCount).toBe(0);
    await eventually(async () => expect(lines(await listObjects(t!.s3, 'restarted-bucket'))).toContain('c1'), { timeoutMs: 10_000 });
  }, 60_000);
});
