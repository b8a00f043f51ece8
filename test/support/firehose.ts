/** Helpers for Firehose tests: the stock Firehose and S3 clients against the local host. */
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, type CreateDeliveryStreamInput } from '@aws-sdk/client-firehose';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { s3ClientFor } from '../../lambdas/local/s3';
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
  for (let i = 0; i < 200; i++) {
    const d = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: input.DeliveryStreamName }));
    if (d.DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${input.DeliveryStreamName} never became ACTIVE`);
}

export interface StoredObject {
  key: string;
  body: Buffer;
}

/** Waits until `bucket` holds at least `count` objects under `prefix`, and returns them in key order. */
export async function waitForObjects(s3: S3Client, bucket: string, count: number, prefix = '', timeoutMs = 15_000): Promise<StoredObject[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix })).catch(() => undefined);
    const keys = (listed?.Contents ?? []).map((o) => o.Key!).sort();
    if (keys.length >= count || Date.now() > deadline) {
      return Promise.all(keys.map(async (key) => ({ key, body: Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray()) })));
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
