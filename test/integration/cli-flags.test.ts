/**
 * The `start` command's flags, through a real child process: `--function NAME=FILE` registers a
 * Firehose Lambda processor, `--quotas false` lifts the per-shard write quota, `--scaleIntervalMs`
 * runs the on-demand scaler on that schedule.
 */
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { CreateStreamCommand, KinesisClient, ListShardsCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ClientFor } from '../../lambdas/local/s3';
import { eventually } from '../support/eventually';
import { ROLE, waitForObjects } from '../support/firehose';
import { createActiveStream, credentials, waitForStatus } from '../support/local';
import { startRunnelProcess, type RunnelProcess } from '../support/runnel-process';

const dir = mkdtempSync(join(tmpdir(), 'runnel-cli-'));
const functionFile = join(dir, 'shout.mjs');
// A Firehose processor module as a user writes one: upper-cases every record.
writeFileSync(
  functionFile,
  `export const handler = async (event) => ({
  records: event.records.map((r) => ({ recordId: r.recordId, result: 'Ok', data: Buffer.from(Buffer.from(r.data, 'base64').toString().toUpperCase()).toString('base64') })),
});
`,
);

let runnel: RunnelProcess;
let kinesis: KinesisClient;
let firehose: FirehoseClient;
let s3: S3Client;
beforeAll(async () => {
  runnel = await startRunnelProcess('--function', `shout=${functionFile}`, '--quotas', 'false', '--scaleIntervalMs', '300');
  kinesis = new KinesisClient({ endpoint: runnel.url, region: 'us-east-1', credentials });
  firehose = new FirehoseClient({ endpoint: runnel.url, region: 'us-east-1', credentials });
  s3 = s3ClientFor(runnel.s3Url);
});
afterAll(async () => {
  kinesis?.destroy();
  firehose?.destroy();
  s3?.destroy();
  expect(await runnel?.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('runnel start flags', () => {
  it('--function NAME=FILE: a delivery stream\'s Lambda processor NAME runs the module\'s handler', async () => {
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'shouted',
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE,
          BucketARN: 'arn:aws:s3:::shouted-bucket',
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
          ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:000000000000:function:shout' }] }] },
        },
      }),
    );
    await eventually(async () => expect((await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'shouted' }))).DeliveryStreamDescription!.DeliveryStreamStatus).toBe('ACTIVE'));
    await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'shouted', Records: [{ Data: Buffer.from('quiet;') }, { Data: Buffer.from('words;') }] }));
    const [object] = await waitForObjects(s3, 'shouted-bucket', 1);
    expect(object.key).not.toMatch(/processing-failed/);
    expect(object.body.toString()).toBe('QUIET;WORDS;');
  });

  it('--quotas false: one shard takes 2 MiB in one request, twice its per-second write quota', async () => {
    await createActiveStream(kinesis, 'unmetered', 1);
    const res = await kinesis.send(new PutRecordsCommand({ StreamName: 'unmetered', Records: Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.alloc(4096, i) })) }));
    expect(res.FailedRecordCount).toBe(0);
  });

  it('--scaleIntervalMs: the on-demand scaler runs on that schedule and splits a hot shard', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'autoscaled', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    await waitForStatus(kinesis, 'autoscaled', 'ACTIVE');
    let hot = true;
    let failed = 0;
    // Far more than a shard's 1,000 records per second, all on shard 0, until the scaler splits it.
    const load = (async () => {
      while (hot) {
        const r = await kinesis.send(new PutRecordsCommand({ StreamName: 'autoscaled', Records: Array.from({ length: 500 }, () => ({ PartitionKey: 'k', ExplicitHashKey: '0', Data: Buffer.alloc(10) })) }));
        failed += r.FailedRecordCount!;
      }
    })();
    try {
      await eventually(async () => {
        const shards = (await kinesis.send(new ListShardsCommand({ StreamName: 'autoscaled' }))).Shards!;
        expect(shards.filter((s) => s.ParentShardId === 'shardId-000000000000').map((s) => s.ShardId)).toEqual(['shardId-000000000004', 'shardId-000000000005']);
      });
    } finally {
      hot = false;
      await load;
    }
    expect(failed).toBe(0);
  });
});
