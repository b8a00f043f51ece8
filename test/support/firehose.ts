/** Helpers for Firehose tests: the stock Firehose and S3 clients against the local host. */
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, type CreateDeliveryStreamInput } from '@aws-sdk/client-firehose';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { listKeys, s3ClientFor } from '../../lambdas/local/s3';
import { expect } from 'vitest';
import { eventually, sleep } from './eventually';
import { credentials, startRunnel, type TestRunnel } from './local';
import type { LocalOptions } from '../../lambdas/local/host';

export interface FirehoseRunnel extends TestRunnel {
  firehose: FirehoseClient;
  s3: S3Client;
}

export async function startFirehoseRunnel(opts: LocalOptions = {}): Promise<FirehoseRunnel> {
  const t = await startRunnel({ createDeliveryStreamMs: 0, ...opts });
  const firehose = new FirehoseClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials });
  const s3 = s3ClientFor(t.runnel.s3Url);
  return {
    ...t,
    firehose,
    s3,
    stop: async () => {
      firehose.destroy();
      s3.destroy();
      await t.stop();
    },
  };
}

export const ROLE = 'arn:aws:iam::000000000000:role/firehose';

export async function createActiveDeliveryStream(firehose: FirehoseClient, input: CreateDeliveryStreamInput): Promise<void> {
  await firehose.send(new CreateDeliveryStreamCommand(input));
  await eventually(async () => {
    const d = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: input.DeliveryStreamName }));
    expect(d.DeliveryStreamDescription?.DeliveryStreamStatus, `status of ${input.DeliveryStreamName}`).toBe('ACTIVE');
  });
}

export interface StoredObject {
  key: string;
  body: Buffer;
}

/** Every object in `bucket` under `prefix`, in key order (none when the bucket does not exist yet). */
export async function listObjects(s3: S3Client, bucket: string, prefix = ''): Promise<StoredObject[]> {
  const keys = await listKeys(s3, bucket, prefix);
  return Promise.all(keys.map(async (key) => ({ key, body: Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray()) })));
}

export interface WaitForObjectsOptions {
  prefix?: string;
  timeoutMs?: number;
  /**
   * After `count` objects are there, keep watching this long for any further object (a premature
   * or duplicate delivery), which fails the wait.
   */
  settleMs?: number;
}

/**
 * Waits until `bucket` holds exactly `count` objects under `prefix` and returns them in key order.
 * More than `count` fails at once (and, with `settleMs`, also if more arrive within that time).
 */
export async function waitForObjects(s3: S3Client, bucket: string, count: number, { prefix = '', timeoutMs, settleMs = 0 }: WaitForObjectsOptions = {}): Promise<StoredObject[]> {
  const tooMany = (objects: StoredObject[]) => `${objects.length} objects in ${bucket}/${prefix}, expected ${count}: ${objects.map((o) => o.key).join(', ')}`;
  const objects = await eventually(
    async () => {
      const found = await listObjects(s3, bucket, prefix);
      if (found.length > count) return found;
      expect(found.length, `objects in ${bucket}/${prefix}`).toBe(count);
      return found;
    },
    { timeoutMs, intervalMs: 50 },
  );
  if (objects.length > count) throw new Error(tooMany(objects));
  if (settleMs > 0) {
    await sleep(settleMs);
    const later = await listObjects(s3, bucket, prefix);
    if (later.length !== count) throw new Error(`after ${settleMs} ms: ${tooMany(later)}`);
  }
  return objects;
}
