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

  it('answers wrong JSON types and bad base64 with the Java classes and texts AWS names', () => {
    const serialization = (f: () => unknown, message: string) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect((e as { type: string }).type).toBe('SerializationException');
        expect((e as Error).message).toBe(message);
        expect((e as { fields(): object }).fields()).toEqual({ __type: 'SerializationException', Message: message });
      }
    };
    const number = 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber';
    serialization(run('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: 'abc' }), "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3");
    serialization(run('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: 'ab!=' }), "'ab!=' can not be converted to a Blob: Invalid Base64 character: '!'");
    serialization(run('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: 23 }), `${number} can not be converted to a Blob`);
    serialization(run('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: true }), 'class java.lang.Boolean can not be converted to a Blob');
    serialization(run('CreateStream', { StreamName: 's', ShardCount: 'one' }), 'class java.lang.String can not be converted to an Integer');
    serialization(run('CreateStream', { StreamName: 5, ShardCount: 1 }), `${number} can not be converted to an String`);
    serialization(run('CreateStream', { StreamName: 34.56, ShardCount: 1 }), `${number} can not be converted to an String`);
    serialization(run('DeleteStream', { StreamName: 's', EnforceConsumerDeletion: 23 }), `${number} can not be converted to an Boolean`);
    serialization(run('DeleteStream', { StreamName: 's', EnforceConsumerDeletion: 'yes' }), "'YES' can not be converted to an Boolean");
    serialization(run('GetShardIterator', { StreamName: 's', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: '2016-04-04T19:58:46Z' }), 'class java.lang.String can not be converted to milliseconds since epoch');
    serialization(run('GetShardIterator', { StreamName: 's', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: true }), 'class java.lang.Boolean can not be converted to milliseconds since epoch');
    serialization(run('PutRecords', { StreamName: 's', Records: {} }), 'Start of structure or map found where not expected.');
    serialization(run('AddTagsToStream', { StreamName: 's', Tags: [] }), 'Start of list found where not expected');
    serialization(run('AddTagsToStream', { StreamName: 's', Tags: 23 }), 'Expected map or null');
    serialization(run('RemoveTagsFromStream', { StreamName: 's', TagKeys: 'a' }), 'Expected list or null');
  });

  it('reports map keys and values at the map, with every constraint of the member shape', () => {
    const longKey = 'k'.repeat(129);
    expect(run('AddTagsToStream', { StreamName: 's', Tags: { a: '1', [longKey]: '2' } })).toThrow(
      `1 validation error detected: Value '{a=1, ${longKey}=2}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`,
    );
    const longValue = 'v'.repeat(257);
    expect(run('AddTagsToStream', { StreamName: 's', Tags: { a: longValue } })).toThrow(
      `1 validation error detected: Value '{a=${longValue}}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]`,
    );
  });

  it('reports lists of strings at the list, with every constraint of the member shape', () => {
    const longKey = 'k'.repeat(129);
    expect(run('RemoveTagsFromStream', { StreamName: 's', TagKeys: ['a', longKey, 'b'] })).toThrow(
      `1 validation error detected: Value '[a, ${longKey}, b]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`,
    );
    expect(run('EnableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: ['IncomingBytes', 'Nope'] })).toThrow(
      "Value '[IncomingBytes, Nope]' at 'shardLevelMetrics' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]]",
    );
  });

  it('compiles every pattern of the Kinesis and Firehose models', async () => {
    const { firehoseService } = await import('../../lambdas/firehose/service');
    for (const m of [model, firehoseService.model]) {
      for (const shape of Object.values(m.shapes)) {
        if (shape.pattern) expect(() => compiled(shape.pattern!.replace(/^\^|\$$/g, ''))).not.toThrow();
      }
    }
  });

  it('matches patterns against the whole value, except those that only say how a value starts', () => {
    expect(compiled('[a-zA-Z0-9_.-]+').test('a b')).toBe(false);
    expect(compiled('^0|([1-9]\\d{0,128})$').test('x5')).toBe(false);
    expect(compiled('^0|([1-9]\\d{0,128})$').test('15')).toBe(true);
    expect(compiled('^arn:').test('arn:aws:kafka:us-east-1:123456789012:cluster/demo/abc')).toBe(true);
    expect(compiled('^arn:').test('urn:arn:')).toBe(false);
  });

  it('reads CBOR input: byte strings as blobs, numbers as epoch milliseconds', () => {
    const out = validateInput(model, 'PutRecordInput', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array([1, 2]) }, 'cbor');
    expect(Buffer.from(out.Data)).toEqual(Buffer.from([1, 2]));
    const at = validateInput(model, 'GetShardIteratorInput', { StreamName: 's', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 1459799926480 }, 'cbor');
    expect(at.Timestamp).toEqual(new Date(1459799926480));
  });

  it('returns SDK-typed input: blobs as bytes, timestamps as dates, unknown members dropped', () => {
    const out = validateInput(model, 'GetShardIteratorInput', { StreamName: 's', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 1459799926.48, Junk: 1 });
    expect(out).toEqual({ StreamName: 's', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(1459799926480) });
    const put = validateInput(model, 'PutRecordInput', { StreamName: 's', PartitionKey: 'k', Data: 'aGk=' });
    expect(Buffer.from(put.Data).toString()).toBe('hi');
  });
});
