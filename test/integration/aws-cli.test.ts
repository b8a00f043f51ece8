/** The AWS CLI (HTTP/1.1, botocore) against the local endpoint, as a user would type it. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, awsCliSkipNote } from '../support/aws-cli';
import { eventually } from '../support/eventually';
import { startRunnel, waitForStatus, type TestRunnel } from '../support/local';

const run = promisify(execFile);
let t: TestRunnel;
/** CLI v2 expects blobs as base64 unless told otherwise; v1 always takes raw text. Make both take raw text. */
const binaryFormat = awsCli.available && /aws-cli\/2/.test(awsCli.version) ? ['--cli-binary-format', 'raw-in-base64-out'] : [];

async function cli(service: string, endpoint: string, credentials: [string, string], args: string[]): Promise<string> {
  const { stdout } = await run('aws', [service, ...args, ...(service === 's3' ? [] : binaryFormat), '--endpoint-url', endpoint, ...(service === 's3' ? [] : ['--output', 'json'])], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: credentials[0], AWS_SECRET_ACCESS_KEY: credentials[1], AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' },
  });
  return stdout;
}

async function aws(...args: string[]): Promise<any> {
  const stdout = await cli('kinesis', t.runnel.url, ['AKIDCLI', 'secret'], args);
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

describe.skipIf(!awsCli.available)(`aws kinesis${awsCliSkipNote()}`, () => {
  beforeAll(async () => {
    t = await startRunnel({ createDeliveryStreamMs: 0, bufferIntervalMs: 200 });
  });
  afterAll(() => t?.stop());

  it('creates a stream, puts a record and reads it back', async () => {
    await aws('create-stream', '--stream-name', 'cli', '--shard-count', '2');
    await waitForStatus(t.kinesis, 'cli', 'ACTIVE');
    expect((await aws('list-streams')).StreamNames).toContain('cli');
    const put = await aws('put-record', '--stream-name', 'cli', '--partition-key', '1', '--data', 'from the cli');
    expect(put.ShardId).toBe('shardId-000000000001');
    expect(put.SequenceNumber).toMatch(/^\d{56}$/);
    const it = await aws('get-shard-iterator', '--stream-name', 'cli', '--shard-id', put.ShardId, '--shard-iterator-type', 'TRIM_HORIZON');
    const records = await aws('get-records', '--shard-iterator', it.ShardIterator);
    expect(records.Records).toHaveLength(1);
    expect(Buffer.from(records.Records[0].Data, 'base64').toString()).toBe('from the cli');
    expect(records.Records[0].SequenceNumber).toBe(put.SequenceNumber);
    const shards = await aws('list-shards', '--stream-name', 'cli');
    expect(shards.Shards).toHaveLength(2);
  });

  it('reshards and changes capacity mode', async () => {
    await aws('create-stream', '--stream-name', 'cli-reshard', '--shard-count', '1');
    await waitForStatus(t.kinesis, 'cli-reshard', 'ACTIVE');
    await aws('split-shard', '--stream-name', 'cli-reshard', '--shard-to-split', 'shardId-000000000000', '--new-starting-hash-key', '170141183460469231731687303715884105728');
    await waitForStatus(t.kinesis, 'cli-reshard', 'ACTIVE');
    await aws('merge-shards', '--stream-name', 'cli-reshard', '--shard-to-merge', 'shardId-000000000001', '--adjacent-shard-to-merge', 'shardId-000000000002');
    await waitForStatus(t.kinesis, 'cli-reshard', 'ACTIVE');
    const updated = await aws('update-shard-count', '--stream-name', 'cli-reshard', '--target-shard-count', '2', '--scaling-type', 'UNIFORM_SCALING');
    expect(updated).toMatchObject({ StreamName: 'cli-reshard', CurrentShardCount: 1, TargetShardCount: 2 });
    await waitForStatus(t.kinesis, 'cli-reshard', 'ACTIVE');
    const open = await aws('list-shards', '--stream-name', 'cli-reshard', '--shard-filter', 'Type=AT_LATEST');
    expect(open.Shards.map((s: { ShardId: string }) => s.ShardId)).toEqual(['shardId-000000000004', 'shardId-000000000005']);
    const arn = 'arn:aws:kinesis:us-east-1:000000000000:stream/cli-reshard';
    await aws('update-stream-mode', '--stream-arn', arn, '--stream-mode-details', 'StreamMode=ON_DEMAND');
    await waitForStatus(t.kinesis, 'cli-reshard', 'ACTIVE');
    expect((await aws('describe-stream-summary', '--stream-name', 'cli-reshard')).StreamDescriptionSummary.StreamModeDetails.StreamMode).toBe('ON_DEMAND');
  });

  it('creates a delivery stream, puts records, and finds the gzipped object with aws s3 ls', async () => {
    const firehose = async (...args: string[]) => {
      const out = await cli('firehose', t.runnel.url, ['AKIDCLI', 'secret'], args);
      return out.trim() ? JSON.parse(out) : undefined;
    };
    const config = JSON.stringify({ RoleARN: 'arn:aws:iam::000000000000:role/firehose', BucketARN: 'arn:aws:s3:::cli-delivery', Prefix: 'cli/', CompressionFormat: 'GZIP' });
    const created = await firehose('create-delivery-stream', '--delivery-stream-name', 'cli-orders', '--extended-s3-destination-configuration', config);
    expect(created.DeliveryStreamARN).toBe('arn:aws:firehose:us-east-1:000000000000:deliverystream/cli-orders');
    await eventually(async () => expect((await firehose('describe-delivery-stream', '--delivery-stream-name', 'cli-orders')).DeliveryStreamDescription.DeliveryStreamStatus).toBe('ACTIVE'));
    const put = await firehose('put-record', '--delivery-stream-name', 'cli-orders', '--record', JSON.stringify({ Data: '{"order":1}\n' }));
    expect(put.RecordId).toMatch(/^\d+$/);
    const batch = await firehose('put-record-batch', '--delivery-stream-name', 'cli-orders', '--records', JSON.stringify([{ Data: '{"order":2}\n' }]));
    expect(batch.FailedPutCount).toBe(0);
    await eventually(
      async () => {
        const listing = await cli('s3', t.runnel.s3Url, ['S3RVER', 'S3RVER'], ['ls', '--recursive', 's3://cli-delivery/']).catch(() => '');
        expect(listing).toMatch(/cli\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/cli-orders-1-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}\.gz/);
      },
      { intervalMs: 100 },
    );
  });

  it('shows AWS errors the way the CLI formats them', async () => {
    const err = await aws('describe-stream', '--stream-name', 'missing').then(
      () => undefined,
      (e: { stderr: string }) => e.stderr,
    );
    expect(err).toMatch(/ResourceNotFoundException/);
    expect(err).toMatch(/Stream missing under account 000000000000 not found\./);
  });
});
