import { describe, expect, it } from 'vitest';
import { compiled, validateInput } from '../../lambdas/protocol/validate';
import { kinesisService } from '../../lambdas/kinesis/service';

const model = kinesisService.model;
const run = (op: string, body: unknown) => () => validateInput(model, model.operations[op].input, body);

describe('request validation from the Smithy model', () => {
  it('reports a missing required member', () => {
    expect(run('PutRecords', { StreamName: 's' })).toThrow(
      "1 validation error detected: Value null at 'records' failed to satisfy constraint: Member must not be null",
    );
  });

  it('reports nested list members with 1-based paths', () => {
    expect(run('PutRecords', { StreamName: 's', Records: [{ Data: '', PartitionKey: 'ok' }, { Data: '', PartitionKey: '' }] })).toThrow(
      "1 validation error detected: Value '' at 'records.2.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('prints structures in lists as Java object references, as AWS does', () => {
    const records = Array.from({ length: 501 }, () => ({ Data: 'AAAA', PartitionKey: 'k' }));
    expect(run('PutRecords', { StreamName: 's', Records: records })).toThrow(
      /^1 validation error detected: Value '\[com\.amazonaws\.kinesis\.model\.PutRecordsRequestEntry@[0-9a-f]{8}, .*\]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500$/,
    );
  });

  it('collects several errors in one message', () => {
    expect(run('GetRecords', { ShardIterator: '', Limit: 0 })).toThrow(
      "2 validation errors detected: Value '' at 'shardIterator' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('reports patterns, ranges and enums in AWS wording', () => {
    expect(run('CreateStream', { StreamName: 'bad name!', ShardCount: 1 })).toThrow(
      "Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
    expect(run('GetRecords', { ShardIterator: 'x', Limit: 100000 })).toThrow('Member must have value less than or equal to 10000');
    expect(run('GetShardIterator', { StreamName: 's', ShardId: 's', ShardIteratorType: 'OLDEST' })).toThrow(
      "Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]",
    );
  });

  it('answers wrong JSON types and bad base64 with SerializationException', () => {
    const serialization = (f: () => unknown, message: string) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect((e as { type: string }).type).toBe('SerializationException');
        expect((e as Error).message).toBe(message);
      }
    };
    serialization(run('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: 'abc' }), "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3");
    serialization(run('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: 'ab!=' }), "'ab!=' can not be converted to a Blob: Invalid Base64 character: '!'");
    serialization(run('CreateStream', { StreamName: 's', ShardCount: 'one' }), 'class java.lang.String can not be converted to an Integer');
    serialization(run('CreateStream', { StreamName: 5, ShardCount: 1 }), 'class java.math.BigDecimal can not be converted to an String');
    serialization(run('PutRecords', { StreamName: 's', Records: {} }), 'Start of structure or map found where not expected.');
  });

  it('compiles every pattern of the Kinesis and Firehose models', async () => {
    const { firehoseService } = await import('../../lambdas/firehose/service');
    for (const m of [model, firehoseService.model]) {
      for (const shape of Object.values(m.shapes)) {
        if (shape.pattern) expect(() => compiled(shape.pattern!.replace(/^\^|\$$/g, ''))).not.toThrow();
      }
    }
  });

  it('returns SDK-typed input: blobs as bytes, timestamps as dates, unknown members dropped', () => {
    const out = validateInput(model, 'GetShardIteratorInput', { StreamName: 's', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 1459799926.48, Junk: 1 });
    expect(out).toEqual({ StreamName: 's', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(1459799926480) });
    const put = validateInput(model, 'PutRecordInput', { StreamName: 's', PartitionKey: 'k', Data: 'aGk=' });
    expect(Buffer.from(put.Data).toString()).toBe('hi');
  });
});
