/**
 * Kinesis over CBOR (`application/x-amz-cbor-1.1`), the Java SDK's and the KCL's default. The client
 * here shares no code with Runnel: cbor-x's own encoder and decoder, requests shaped as the Java
 * SDK v2 writes them (indefinite-length maps and arrays, byte strings, timestamps as tag 1 around
 * epoch milliseconds), signed with @smithy/signature-v4 against a Runnel that verifies signatures.
 */
import { Decoder, Encoder, Tag, type Options } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunnel, type TestRunnel } from '../support/local';
import { signedPost, type RawResponse } from '../support/raw';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ auth: true });
});
afterAll(() => t.stop());

const CBOR = 'application/x-amz-cbor-1.1';
const scalars = new Encoder({ useRecords: false, tagUint8Array: false });
// 64-bit integers (epoch milliseconds) as numbers: cbor-x's date tag cannot take a bigint. The option is missing from its types.
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true, int64AsNumber: true } as Options);

/** Jackson's CBORGenerator, as the Java SDK drives it: indefinite containers, tag 1 + long millis for instants. */
function javaCbor(value: unknown): Buffer {
  if (value instanceof Date) return scalars.encode(new Tag(BigInt(value.getTime()), 1));
  if (Buffer.isBuffer(value)) return scalars.encode(value);
  if (Array.isArray(value)) return Buffer.concat([Buffer.from([0x9f]), ...value.map(javaCbor), Buffer.from([0xff])]);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).flatMap(([k, v]) => [scalars.encode(k), javaCbor(v)]);
    return Buffer.concat([Buffer.from([0xbf]), ...entries, Buffer.from([0xff])]);
  }
  return scalars.encode(value);
}

async function call(operation: string, input: object, http2 = true): Promise<RawResponse> {
  return signedPost(t.runnel.url, { target: `Kinesis_20131202.${operation}`, contentType: CBOR, body: javaCbor(input), credentials: t.runnel.accessKey!, http2 });
}

async function ok(operation: string, input: object, http2 = true): Promise<any> {
  const res = await call(operation, input, http2);
  expect(res.headers['content-type']).toBe(CBOR);
  expect(res.status, `${operation}: ${JSON.stringify(res.body.length ? decoder.decode(res.body) : '')}`).toBe(200);
  return decoder.decode(res.body);
}

/** cbor-x reads tag 1 as RFC 8949 seconds; AWS's tag 1 holds milliseconds, so divide back. */
const awsMillis = (d: Date) => d.getTime() / 1000;

async function activeStream(name: string, shards: number, http2 = true): Promise<void> {
  expect(await ok('CreateStream', { StreamName: name, ShardCount: shards }, http2)).toEqual({});
  for (let i = 0; i < 200; i++) {
    const s = await ok('DescribeStreamSummary', { StreamName: name }, http2);
    if (s.StreamDescriptionSummary.StreamStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${name} never became ACTIVE`);
}

describe('Kinesis over CBOR', () => {
  it('round-trips CreateStream, PutRecords, GetShardIterator and GetRecords over HTTP/2', async () => {
    const before = Date.now();
    await activeStream('cbor-h2', 1);
    const payloads = [Buffer.from([0, 255, 128, 10]), Buffer.from('hello'), Buffer.alloc(0)];
    const put = await ok('PutRecords', { StreamName: 'cbor-h2', Records: payloads.map((Data, i) => ({ Data, PartitionKey: `k${i}` })) });
    expect(put.FailedRecordCount).toBe(0);
    expect(put.Records).toHaveLength(3);

    const summary = await ok('DescribeStreamSummary', { StreamName: 'cbor-h2' });
    const created = awsMillis(summary.StreamDescriptionSummary.StreamCreationTimestamp);
    expect(created).toBeGreaterThanOrEqual(before - 1000);
    expect(created).toBeLessThanOrEqual(Date.now());

    const { ShardIterator } = await ok('GetShardIterator', { StreamName: 'cbor-h2', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    const got = await ok('GetRecords', { ShardIterator, Limit: 10 });
    expect(got.Records.map((r: { Data: Uint8Array }) => Buffer.from(r.Data))).toEqual(payloads);
    expect(got.Records.map((r: { SequenceNumber: string }) => r.SequenceNumber)).toEqual(put.Records.map((r: { SequenceNumber: string }) => r.SequenceNumber));
    expect(got.Records.map((r: { PartitionKey: string }) => r.PartitionKey)).toEqual(['k0', 'k1', 'k2']);
    const arrival = awsMillis(got.Records[0].ApproximateArrivalTimestamp);
    expect(arrival).toBeGreaterThanOrEqual(before);
    expect(arrival).toBeLessThanOrEqual(Date.now());
    expect(got.MillisBehindLatest).toBe(0);
    expect(typeof got.NextShardIterator).toBe('string');

    const at = await ok('GetShardIterator', { StreamName: 'cbor-h2', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(arrival) });
    expect((await ok('GetRecords', { ShardIterator: at.ShardIterator })).Records).toHaveLength(3);
  });

  it('writes timestamps as tag 1 around an integer of epoch milliseconds, and maps with indefinite length', async () => {
    await activeStream('cbor-bytes', 1);
    const res = await call('DescribeStreamSummary', { StreamName: 'cbor-bytes' });
    const hex = res.body.toString('hex');
    expect(hex.startsWith('bf')).toBe(true);
    expect(hex.endsWith('ff')).toBe(true);
    const key = Buffer.from('StreamCreationTimestamp').toString('hex');
    expect(hex).toMatch(new RegExp(`${key}c11b[0-9a-f]{16}`));
  });

  it('serves the same operations over HTTP/1.1', async () => {
    await activeStream('cbor-h1', 2, false);
    const put = await ok('PutRecord', { StreamName: 'cbor-h1', PartitionKey: 'a', Data: Buffer.from([1, 2, 3]) }, false);
    const { ShardIterator } = await ok('GetShardIterator', { StreamName: 'cbor-h1', ShardId: put.ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: put.SequenceNumber }, false);
    const got = await ok('GetRecords', { ShardIterator }, false);
    expect(got.Records.map((r: { Data: Uint8Array }) => Buffer.from(r.Data))).toEqual([Buffer.from([1, 2, 3])]);
  });

  it('answers errors as CBOR maps with __type and message, and the error type header', async () => {
    const missing = await call('DescribeStream', { StreamName: 'cbor-missing' });
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toBe(CBOR);
    expect(missing.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(decoder.decode(missing.body)).toEqual({ __type: 'ResourceNotFoundException', message: 'Stream cbor-missing under account 000000000000 not found.' });

    const invalid = await call('PutRecord', { StreamName: 'cbor-h2', PartitionKey: '', Data: Buffer.alloc(0) });
    expect(decoder.decode(invalid.body)).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });

    const unknown = await call('DoSomething', {});
    expect(decoder.decode(unknown.body)).toEqual({ __type: 'UnknownOperationException' });

    const garbled = await signedPost(t.runnel.url, { target: 'Kinesis_20131202.ListStreams', contentType: CBOR, body: Buffer.from('bf6161', 'hex'), credentials: t.runnel.accessKey!, http2: true });
    expect(garbled.status).toBe(400);
    expect(decoder.decode(garbled.body)).toEqual({ __type: 'SerializationException' });

    const forged = await signedPost(t.runnel.url, { target: 'Kinesis_20131202.ListStreams', contentType: CBOR, body: javaCbor({}), credentials: { ...t.runnel.accessKey!, secretAccessKey: 'wrong' }, http2: true });
    expect(decoder.decode(forged.body)).toMatchObject({ __type: 'InvalidSignatureException' });
  });
});
