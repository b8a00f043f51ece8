/** GetShardIterator's checks and AWS-shaped sequence numbers and iterators. */
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordCommand,
  SplitShardCommand,
  type GetRecordsOutput,
  DescribeStreamCommand,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveStream, expectAwsError, startRunnel, type TestRunnel } from '../support/local';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel();
  await createActiveStream(t.kinesis, 'data', 4);
  await createActiveStream(t.kinesis, 'one', 1);
});
afterAll(() => t.stop());

const text = (r: GetRecordsOutput) => r.Records!.map((x) => Buffer.from(x.Data!).toString());

async function iterator(kinesis: KinesisClient, stream: string, shard: string, type: string, extra: object = {}) {
  const res = await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard, ShardIteratorType: type as never, ...extra }));
  return res.ShardIterator!;
}


describe('GetShardIterator errors', () => {
  it('reports iterator type and sequence number mistakes as AWS does', async () => {
    const put = await t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: 'a', Data: Buffer.from('x') }));
    await expectAwsError(
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'data', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_SEQUENCE_NUMBER' })),
      'InvalidArgumentException',
      'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.',
    );
    await expectAwsError(
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'data', ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST', StartingSequenceNumber: put.SequenceNumber })),
      'InvalidArgumentException',
      /Request specified LATEST and also a StartingSequenceNumber\.$/,
    );
    await expectAwsError(
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'data', ShardId: 'shardId-000000000001', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: put.SequenceNumber })),
      'InvalidArgumentException',
      'Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it was used in a call to a shard with shardId-000000000001',
    );
    await expectAwsError(
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'one', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: put.SequenceNumber })),
      'InvalidArgumentException',
      `StartingSequenceNumber ${put.SequenceNumber} used in GetShardIterator on shard shardId-000000000000 in stream one under account 000000000000 is invalid because it did not come from this stream.`,
    );
    await expectAwsError(
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'data', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: '12345' })),
      'InvalidArgumentException',
      'Invalid StartingSequenceNumber. It encodes shardId-000000012345, while it was used in a call to a shard with shardId-000000000000',
    );
    await expectAwsError(
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'data', ShardId: 'shardId-5', ShardIteratorType: 'LATEST' })),
      'ResourceNotFoundException',
      'Shard shardId-000000000005 in stream data under account 000000000000 does not exist',
    );
    await expectAwsError(
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'data', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP' })),
      'InvalidArgumentException',
      'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
    );
    await expectAwsError(
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'data', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(Date.now() + 60_000) })),
      'InvalidArgumentException',
      /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis\. timestampInMillis: \d+, currentTimestampInMillis: \d+$/,
    );
  });

  it('issues sequence numbers in AWS layout, carrying shard, creation and arrival, and iterators shaped like AWS iterators', async () => {
    const put = await t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: 'a', Data: Buffer.from('layout') }));
    const shard = (await t.kinesis.send(new DescribeStreamCommand({ StreamName: 'data' }))).StreamDescription!.Shards![0];
    const it = await iterator(t.kinesis, 'data', 'shardId-000000000000', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: put.SequenceNumber });
    const raw = Buffer.from(it!, 'base64');
    expect(raw.subarray(0, 8).toString('hex')).toBe('0000000000000001');
    expect(raw.length).toBeGreaterThanOrEqual(152);
    const record = (await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it }))).Records![0];
    expect(record.SequenceNumber).toBe(put.SequenceNumber);

    const hex = BigInt(put.SequenceNumber!).toString(16);
    const start = BigInt(shard.SequenceNumberRange!.StartingSequenceNumber!).toString(16);
    expect(hex).toMatch(/^20[0-9a-f]{8}0[0-9a-f]{16}000[0-9a-f]{8}000000002$/);
    expect(start).toMatch(/^20[0-9a-f]{8}0[0-9a-f]{16}000[0-9a-f]{8}000000002$/);
    expect(hex.slice(1, 10)).toBe(start.slice(1, 10)); // the shard's creation second
    expect(start.slice(29, 38)).toBe(start.slice(1, 10)); // a shard starts when it is created
    expect(parseInt(hex.slice(29, 38), 16)).toBe(Math.floor(record.ApproximateArrivalTimestamp!.getTime() / 1000));
  });

  it('accepts SequenceNumberForOrdering in AWS layout and refuses what AWS refuses', async () => {
    const first = await t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: 'a', Data: Buffer.from('1') }));
    const aws = BigInt('0x2ffffffffff7fffffffffffffff000000000007fffffff2').toString();
    for (const ordering of [first.SequenceNumber!, aws, '49546986683135544286507457935754639466300920667981217794']) {
      const next = await t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: 'a', Data: Buffer.from('2'), SequenceNumberForOrdering: ordering }));
      expect(BigInt(next.SequenceNumber!) > BigInt(first.SequenceNumber!)).toBe(true);
    }
    const future = BigInt(`0x200000000000000000000000000000${Math.floor(Date.now() / 1000 + 60).toString(16)}000000002`).toString();
    for (const bad of [future, BigInt('0x20000000000800000000000000000000000000000000002').toString(), BigInt('0x20000000000000000000000000000000000000000000004').toString()]) {
      await expectAwsError(
        t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: 'a', Data: Buffer.from('3'), SequenceNumberForOrdering: bad })),
        'InvalidArgumentException',
        `ExclusiveMinimumSequenceNumber ${bad} used in PutRecord on stream data under account 000000000000 is invalid.`,
      );
    }
  });

  it('judges StartingSequenceNumbers by the shard and stream they encode', async () => {
    const iteratorFor = (StartingSequenceNumber: string) =>
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'data', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber }));
    await expectAwsError(iteratorFor('5'), 'InvalidArgumentException', 'Invalid StartingSequenceNumber. It encodes shardId-000000000005, while it was used in a call to a shard with shardId-000000000000');
    await expectAwsError(
      iteratorFor('0'),
      'InvalidArgumentException',
      'StartingSequenceNumber 21267647932558653966460912964485513216 used in GetShardIterator on shard shardId-000000000000 in stream data under account 000000000000 is invalid because it did not come from this stream.',
    );
    const awsIssued = '49546986683135544286507457935754639466300920667981217794';
    await expectAwsError(
      iteratorFor(awsIssued),
      'InvalidArgumentException',
      `StartingSequenceNumber ${awsIssued} used in GetShardIterator on shard shardId-000000000000 in stream data under account 000000000000 is invalid because it did not come from this stream.`,
    );
    for (const hex of ['20000000000000000000000000000000000000800000002', '20000000000800000000000000000000000000000000002']) {
      const seq = BigInt(`0x${hex}`).toString();
      await expectAwsError(iteratorFor(seq), 'InvalidArgumentException', `StartingSequenceNumber ${seq} used in GetShardIterator on shard shardId-000000000000 in stream data under account 000000000000 is invalid.`);
    }
  });

  it('reports a shard id that cannot name a shard before looking for the stream, and a missing stream as a missing shard', async () => {
    for (const shardId of ['ABKLFD8', '2.14E4', '2147483648', 'shardId-002147483648']) {
      await expectAwsError(
        t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'no-such-stream', ShardId: shardId, ShardIteratorType: 'LATEST' })),
        'ResourceNotFoundException',
        `Could not find shard ${shardId} in stream no-such-stream under account 000000000000.`,
      );
    }
    for (const shardId of ['2147483647', 'a-00002147483647']) {
      await expectAwsError(
        t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'no-such-stream', ShardId: shardId, ShardIteratorType: 'LATEST' })),
        'ResourceNotFoundException',
        'Shard shardId-002147483647 in stream no-such-stream under account 000000000000 does not exist',
      );
    }
    await expectAwsError(
      t.kinesis.send(new SplitShardCommand({ StreamName: 'no-such-stream', ShardToSplit: 'ABKLFD8', NewStartingHashKey: '5' })),
      'ResourceNotFoundException',
      'Could not find shard ABKLFD8 in stream no-such-stream under account 000000000000.',
    );
  });

  it('rejects forged iterators', async () => {
    await expectAwsError(t.kinesis.send(new GetRecordsCommand({ ShardIterator: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })), 'InvalidArgumentException', 'Invalid ShardIterator.');
  });

  it('answers with the stream ARN as well as the name', async () => {
    const arn = 'arn:aws:kinesis:us-east-1:000000000000:stream/one';
    const res = await t.kinesis.send(new PutRecordCommand({ StreamARN: arn, PartitionKey: 'k', Data: Buffer.from('via-arn') }));
    const it = await t.kinesis.send(new GetShardIteratorCommand({ StreamARN: arn, ShardId: res.ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: res.SequenceNumber }));
    const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator, StreamARN: arn }));
    expect(text(r)[0]).toBe('via-arn');
  });
});
