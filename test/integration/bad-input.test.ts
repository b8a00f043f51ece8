/**
 * Every operation of every served API, fed empty, mistyped and out-of-range input: each must answer
 * with a 4xx AWS error body, never a 500, a crash or a hang.
 *
 * The input names resources that exist (stream and delivery stream `fuzz`, its shard, a real shard
 * iterator and sequence number), so the bad input reaches past the lookups into the data paths.
 * Data-plane operations go first, while the stream is untouched; operations that delete go last.
 */
import { GetShardIteratorCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firehoseService } from '../../lambdas/firehose/service';
import { kinesisService } from '../../lambdas/kinesis/service';
import type { ServiceModel, Shape } from '../../lambdas/protocol/service-model';
import { createActiveDeliveryStream, ROLE, startFirehoseRunnel, type FirehoseRunnel } from '../support/firehose';
import { createActiveStream, credentials } from '../support/local';
import { signedPost } from '../support/raw';

let t: FirehoseRunnel;
/** Plausible values by shape name, for the shapes that name something that must exist. */
const existing: Record<string, unknown> = {
  StreamName: 'fuzz',
  StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/fuzz',
  ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/fuzz',
  ShardId: 'shardId-000000000000',
  DeliveryStreamName: 'fuzz',
  HashKey: '0',
  // Optional, and there is no way to learn a stream's id: leave it out.
  StreamId: undefined,
  // A NextToken excludes the stream name it would repeat: leave it out too.
  NextToken: undefined,
};
beforeAll(async () => {
  t = await startFirehoseRunnel({ createDeliveryStreamMs: 0 });
  await createActiveStream(t.kinesis, 'fuzz', 1);
  await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'fuzz', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::fuzz' } });
  const put = await t.kinesis.send(new PutRecordCommand({ StreamName: 'fuzz', PartitionKey: 'k', Data: Buffer.from('x') }));
  existing.SequenceNumber = put.SequenceNumber;
  existing.ShardIterator = (await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'fuzz', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
});
afterAll(() => t.stop());

/** A value of the right JSON type but nonsense content, so requests get past type checks. */
function plausible(model: ServiceModel, name: string, depth = 0): unknown {
  if (name in existing) return existing[name];
  const shape: Shape = model.shapes[name];
  switch (shape.type) {
    case 'structure':
      return depth > 3 ? {} : Object.fromEntries(Object.entries(shape.members ?? {}).map(([m, def]) => [m, plausible(model, def.target, depth + 1)]));
    case 'list':
      return depth > 3 ? [] : [plausible(model, shape.member!, depth + 1)];
    case 'map':
      return { k: plausible(model, shape.value!, depth + 1) };
    case 'string':
      return shape.enum ? shape.enum[0] : name.includes('ARN') || name.includes('Arn') ? 'arn:aws:kinesis:us-east-1:000000000000:stream/fuzz' : 'fuzz';
    case 'boolean':
      return true;
    case 'integer':
    case 'long':
    case 'double':
      return shape.range?.[0] ?? 1;
    case 'timestamp':
      return 1_700_000_000;
    case 'blob':
      return 'AAAA';
  }
}

const bodies = (model: ServiceModel, input: string | null): [string, string][] => {
  const good = input ? (plausible(model, input) as Record<string, unknown>) : {};
  const wrongTypes = Object.fromEntries(Object.keys(good).map((k) => [k, { nested: [1, 'x'] }]));
  const huge = Object.fromEntries(Object.keys(good).map((k) => [k, typeof good[k] === 'number' ? 1e15 : typeof good[k] === 'string' ? 'x'.repeat(5000) : good[k]]));
  return [
    ['empty', '{}'],
    ['plausible', JSON.stringify(good)],
    ['wrong types', JSON.stringify(wrongTypes)],
    ['out of range', JSON.stringify(huge)],
    ['not an object', '[1,2,3]'],
    ['truncated', JSON.stringify(good).slice(0, 10)],
  ];
};

/** Operations that read or write records, and the lookups clients make right before them. */
const DATA_PLANE = new Set(['PutRecord', 'PutRecords', 'GetShardIterator', 'GetRecords', 'ListShards', 'DescribeStream', 'DescribeStreamSummary', 'PutRecordBatch', 'DescribeDeliveryStream']);
const DELETES = new Set(['DeleteStream', 'DeleteDeliveryStream']);
const phase = (operation: string) => (DATA_PLANE.has(operation) ? 0 : DELETES.has(operation) ? 2 : 1);

async function call(model: ServiceModel, operation: string, body: string) {
  const res = await signedPost(t.runnel.url, { target: `${model.targetPrefix}.${operation}`, contentType: 'application/x-amz-json-1.1', body, credentials });
  return { status: res.status, text: res.body.toString(), errorType: res.headers['x-amzn-errortype'] };
}

describe.each([
  ['Kinesis', kinesisService.model],
  ['Firehose', firehoseService.model],
])('%s', (_, model) => {
  it('answers bad input to every operation with an AWS-shaped 4xx, data-plane operations against live resources', async () => {
    const operations = Object.entries(model.operations).sort(([a], [b]) => phase(a) - phase(b));
    expect(operations.filter(([op]) => DATA_PLANE.has(op)).length).toBeGreaterThanOrEqual(2);
    for (const [operation, { input }] of operations) {
      for (const [label, body] of bodies(model, input)) {
        const res = await call(model, operation, body);
        const context = `${operation} with ${label} input: ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, context).toBeLessThan(500);
        if (res.status >= 400) {
          const error = JSON.parse(res.text);
          expect(typeof error.__type, context).toBe('string');
          expect(res.errorType, context).toBe(error.__type);
        }
        // Plausible input to a data-plane operation names resources that exist and is valid: it
        // must succeed (anything else means the sweep no longer reaches the data path).
        if (DATA_PLANE.has(operation) && label === 'plausible') expect(res.status, context).toBe(200);
      }
    }
  });
});
