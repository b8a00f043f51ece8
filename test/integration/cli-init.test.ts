/** Resources declared in a file exist, ACTIVE, when `runnel start --init` says it is listening; `runnel apply` does the same for any endpoint. */
import { DescribeDeliveryStreamCommand, FirehoseClient, PutRecordCommand } from '@aws-sdk/client-firehose';
import { DescribeStreamSummaryCommand, KinesisClient, ListTagsForStreamCommand } from '@aws-sdk/client-kinesis';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readResourceFile } from '../../bin/apply';
import { runRunnel, startRunnelProcess } from '../support/runnel-process';
import { eventually } from '../support/eventually';
import { credentials } from '../support/local';

const dir = mkdtempSync(join(tmpdir(), 'runnel-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const initFile = join(dir, 'resources.yaml');
writeFileSync(
  initFile,
  `streams:
  - { name: orders, shards: 2, retentionHours: 48, tags: { team: shop } }
  - { name: clicks, mode: ON_DEMAND }
deliveryStreams:
  - DeliveryStreamName: archive
    ExtendedS3DestinationConfiguration:
      RoleARN: arn:aws:iam::000000000000:role/firehose
      BucketARN: arn:aws:s3:::archive
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 900 }
`,
);

describe('runnel start --init and runnel apply', () => {
  it('creates the declared resources before listening, and finds them again after a restart with --path', async () => {
    const data = join(dir, 'data');
    const first = await startRunnelProcess('--init', initFile, '--path', data, '--flush-interval-ms', '200');
    try {
      expect(first.output).toContain('stream orders: created');
      expect(first.output).toContain('delivery stream archive: created');
      const kinesis = new KinesisClient({ endpoint: first.url, region: 'us-east-1', credentials });
      const orders = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'orders' }))).StreamDescriptionSummary!;
      expect(orders).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 2, RetentionPeriodHours: 48, StreamModeDetails: { StreamMode: 'PROVISIONED' } });
      expect((await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'orders' }))).Tags).toEqual([{ Key: 'team', Value: 'shop' }]);
      const clicks = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'clicks' }))).StreamDescriptionSummary!;
      expect(clicks).toMatchObject({ StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });

      // --flush-interval-ms replaces the 900 s buffering interval: the record reaches S3 at once.
      const firehose = new FirehoseClient({ endpoint: first.url, region: 'us-east-1', credentials });
      expect((await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'archive' }))).DeliveryStreamDescription!.DeliveryStreamStatus).toBe('ACTIVE');
      await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'archive', Record: { Data: Buffer.from('hello\n') } }));
      const health = (await (await fetch(`${first.url}/health`)).json()) as { s3: { endpoint: string; accessKeyId: string; secretAccessKey: string } };
      const s3 = new S3Client({ endpoint: health.s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: health.s3 });
      const listed = async () => (await s3.send(new ListObjectsV2Command({ Bucket: 'archive' })).catch(() => ({ Contents: [] }))).Contents; // the flush creates the bucket
      await eventually(async () => expect(await listed()).toHaveLength(1));
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await startRunnelProcess('--init', initFile, '--path', data);
    try {
      expect(second.output).toContain('stream orders: exists');
      expect(second.output).toContain('stream clicks: exists');
      expect(second.output).toContain('delivery stream archive: exists');

      // `runnel apply` reads the same format and works against any endpoint.
      const file = join(dir, 'apply.json');
      writeFileSync(file, JSON.stringify({ streams: [{ name: 'orders', shards: 2 }, { name: 'applied', shards: 3 }] }));
      const applied = await runRunnel(['apply', file, '--endpoint', second.url, '--region', 'us-east-1']);
      expect(applied.status).toBe(0);
      expect(applied.stdout).toContain('stream orders: exists');
      expect(applied.stdout).toContain('stream applied: created');
      const kinesis = new KinesisClient({ endpoint: second.url, region: 'us-east-1', credentials });
      expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'applied' }))).StreamDescriptionSummary!.OpenShardCount).toBe(3);
    } finally {
      await second.stop();
    }
  });

  it('refuses a malformed file with a message and exit code 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ streams: [{ shards: 2 }] }));
    const res = await runRunnel(['apply', bad, '--endpoint', 'http://127.0.0.1:9']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('every stream needs a name');
    const unknown = join(dir, 'unknown.yaml');
    writeFileSync(unknown, 'topics: []\n');
    expect(() => readResourceFile(unknown)).toThrow('unknown keys topics');
  });
});
