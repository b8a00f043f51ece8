/** Bodies built to break a parser or a validator: each is refused with AWS's error, quickly and without a crash. */
import { describe, expect, it } from 'vitest';
import { kinesisService } from '../../lambdas/kinesis/service';
import { bodyLimit, MAX_BODY_BYTES } from '../../lambdas/protocol/limits';
import { validateInput } from '../../lambdas/protocol/validate';
import { decodeBody } from '../../lambdas/protocol/wire';

const model = kinesisService.model;
const validate = (op: string, body: unknown, format: 'json' | 'cbor' = 'json') => () => validateInput(model, model.operations[op].input, body, format);
const serialization = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { type: (e as { type?: string }).type, message: (e as { text?: string }).text };
  }
  throw new Error('expected a SerializationException');
};

describe('bodies that are not what they claim', () => {
  it('refuses JSON that is not UTF-8 instead of reading it with replacement characters', () => {
    expect(serialization(() => decodeBody('json', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])))).toEqual({ type: 'SerializationException', message: undefined });
  });

  it('refuses nesting hundreds of thousands deep, in JSON and CBOR', () => {
    expect(serialization(() => decodeBody('json', Buffer.from('['.repeat(300_000) + ']'.repeat(300_000)))).message).toBe('Start of list found where not expected');
    expect(serialization(() => decodeBody('cbor', Buffer.concat([Buffer.alloc(300_000, 0x81), Buffer.from([0])])))).toEqual({ type: 'SerializationException', message: undefined });
    const deepMember = Buffer.from(`{"StreamName":${'{"a":'.repeat(300_000)}1${'}'.repeat(300_000)}}`);
    expect(serialization(validate('DescribeStream', decodeBody('json', deepMember))).message).toBe('Start of structure or map found where not expected.');
  });

  it('refuses CBOR that declares a 4 GiB array or byte string without allocating it', () => {
    const started = Date.now();
    for (const header of [0x9b, 0x5b]) {
      const body = Buffer.from([0xbf, 0x63, 0x61, 0x62, 0x63, header, 0, 0, 0, 1, 0, 0, 0, 0, 0xff]);
      expect(serialization(() => decodeBody('cbor', body)).type).toBe('SerializationException');
    }
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reads numbers past any range as Coral does (truncated), so range checks answer', () => {
    expect(validate('ListStreams', decodeBody('json', Buffer.from('{"Limit":1e999}')))).toThrow(
      "1 validation error detected: Value '2147483647' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
    expect(validate('ListStreams', decodeBody('json', Buffer.from(`{"Limit":${'9'.repeat(400)}}`)))).toThrow(/Value '2147483647' at 'limit'/);
  });

  it('refuses timestamps no date can hold (they used to reach storage as NaN)', () => {
    for (const ts of [1e20, -1e20, 1e308, 8.64e15]) {
      const input = { StreamName: 's', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: ts };
      expect(serialization(validate('GetShardIterator', input))).toEqual({
        type: 'SerializationException',
        message: 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to milliseconds since epoch',
      });
    }
    expect(serialization(validate('GetShardIterator', { StreamName: 's', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(NaN) }, 'cbor')).type).toBe('SerializationException');
  });

  it('keeps the last of duplicate keys (the rule of JSON.parse; AWS documents none)', () => {
    expect(decodeBody('json', Buffer.from('{"StreamName":"a","StreamName":"b"}'))).toEqual({ StreamName: 'b' });
  });
});

describe('body limits per operation', () => {
  it('lets the data plane carry its AWS maximum once base64-encoded, and caps the rest at 1 MiB', () => {
    expect(bodyLimit('Kinesis_20131202.PutRecords')).toBeGreaterThan(Math.ceil((10 * 1024 * 1024 * 4) / 3));
    expect(bodyLimit('Firehose_20150804.PutRecordBatch')).toBeGreaterThan(Math.ceil((4 * 1024 * 1024 * 4) / 3));
    expect(bodyLimit('Firehose_20150804.PutRecord')).toBeGreaterThan(Math.ceil((1000 * 1024 * 4) / 3));
    expect(bodyLimit('Kinesis_20131202.CreateStream')).toBe(1024 * 1024);
    expect(bodyLimit(undefined)).toBe(1024 * 1024);
    expect(MAX_BODY_BYTES).toBe(bodyLimit('Kinesis_20131202.PutRecords'));
  });
});
