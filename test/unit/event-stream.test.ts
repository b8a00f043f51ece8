/**
 * The event-stream framing of SubscribeToShard answers, read back with the SDK's own decoder (the
 * one @aws-sdk/client-kinesis uses), and its CRCs checked against an independent CRC32 (zlib).
 */
import { EventStreamCodec, UniversalEventStreamMarshaller } from '@smithy/core/event-streams';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ResourceInUseException } from '../../lambdas/protocol/errors';
import { eventMessage, eventStreamBody, exceptionMessage } from '../../lambdas/protocol/event-stream';

const toUtf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const fromUtf8 = (s: string) => Buffer.from(s, 'utf8');
const sdkCodec = new EventStreamCodec(toUtf8, fromUtf8);

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Splits bytes into chunks of `size`, as a network would hand them over. */
async function* chunked(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

type Message = { headers: Record<string, { value: unknown }>; body: Uint8Array };

/**
 * What the SDK's event-stream pipeline yields for a body: events by type, or the error it throws.
 * Like the generated deserializers, this one turns an exception message into an error named by
 * its type, which the pipeline throws.
 */
async function sdkRead(bytes: Buffer, chunkSize: number) {
  const marshaller = new UniversalEventStreamMarshaller({ utf8Encoder: toUtf8, utf8Decoder: fromUtf8 });
  const events: { type: string; payload: unknown }[] = [];
  const stream = marshaller.deserialize(chunked(bytes, chunkSize), async (event: Record<string, Message>) => {
    const [type, message] = Object.entries(event)[0];
    const payload = JSON.parse(toUtf8(message.body));
    if (message.headers[':message-type'].value === 'exception') return { [type]: Object.assign(new Error(payload.message), { name: type }) };
    return { type, payload };
  });
  try {
    for await (const e of stream as AsyncIterable<{ type: string; payload: unknown }>) events.push(e);
    return { events };
  } catch (error) {
    return { events, error: error as Error };
  }
}

async function* events() {
  yield { SubscribeToShardEvent: { Records: [{ Data: new Uint8Array([1, 2, 3]), PartitionKey: 'k', SequenceNumber: '1', ApproximateArrivalTimestamp: new Date(1_700_000_000_123) }], ContinuationSequenceNumber: '1', MillisBehindLatest: 0 } };
  yield { SubscribeToShardEvent: { Records: [], ContinuationSequenceNumber: '2', MillisBehindLatest: 5 } };
  throw new ResourceInUseException('Another active subscription exists for this consumer: 000000000000:s:shardId-000000000000:c');
}

describe('event-stream framing', () => {
  it('frames an initial response, events and an exception so the SDK decoder reads them from any chunking', async () => {
    const body = await collect(eventStreamBody('json', {}, events(), (e) => e as ResourceInUseException));
    for (const size of [1, 7, 64, body.length]) {
      const read = await sdkRead(body, size);
      expect(read.events.map((e) => e.type)).toEqual(['initial-response', 'SubscribeToShardEvent', 'SubscribeToShardEvent']);
      expect(read.events[0].payload).toEqual({});
      expect(read.events[1].payload).toEqual({
        Records: [{ Data: 'AQID', PartitionKey: 'k', SequenceNumber: '1', ApproximateArrivalTimestamp: 1_700_000_000.123 }],
        ContinuationSequenceNumber: '1',
        MillisBehindLatest: 0,
      });
      expect(read.error?.name).toBe('ResourceInUseException');
      expect(read.error?.message).toBe('Another active subscription exists for this consumer: 000000000000:s:shardId-000000000000:c');
    }
  });

  it('writes the headers AWS sends: message type, event or exception type, content type', () => {
    const event = sdkCodec.decode(eventMessage('json', 'SubscribeToShardEvent', { Records: [] }));
    expect(event.headers).toEqual({
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: 'SubscribeToShardEvent' },
      ':content-type': { type: 'string', value: 'application/x-amz-json-1.1' },
    });
    const exception = sdkCodec.decode(exceptionMessage('cbor', new ResourceInUseException('busy')));
    expect(exception.headers[':message-type'].value).toBe('exception');
    expect(exception.headers[':exception-type'].value).toBe('ResourceInUseException');
    expect(exception.headers[':content-type'].value).toBe('application/x-amz-cbor-1.1');
  });

  it('carries lengths, a prelude CRC and a message CRC that an independent CRC32 confirms', () => {
    const message = Buffer.from(eventMessage('json', 'SubscribeToShardEvent', { Records: [], MillisBehindLatest: 0 }));
    expect(message.readUInt32BE(0)).toBe(message.length);
    expect(message.readUInt32BE(8)).toBe(crc32(message.subarray(0, 8)));
    expect(message.readUInt32BE(message.length - 4)).toBe(crc32(message.subarray(0, message.length - 4)));
  });

  it('is refused by the SDK decoder when a payload byte is corrupted', async () => {
    const message = Buffer.from(eventMessage('json', 'SubscribeToShardEvent', { Records: [], MillisBehindLatest: 0 }));
    message[message.length - 6] ^= 0xff;
    const read = await sdkRead(message, message.length);
    expect(read.events).toEqual([]);
    expect(read.error?.message).toMatch(/checksum/i);
  });

  it("ends cleanly after the event that reaches a host's byte limit, closing the events it read from", async () => {
    let closed = false;
    async function* many() {
      try {
        for (let i = 0; ; i++) yield { SubscribeToShardEvent: { Records: [], ContinuationSequenceNumber: String(i), MillisBehindLatest: 0 } };
      } finally {
        closed = true;
      }
    }
    const one = eventMessage('json', 'SubscribeToShardEvent', { Records: [], ContinuationSequenceNumber: '0', MillisBehindLatest: 0 }).byteLength;
    const body = await collect(eventStreamBody('json', {}, many(), (e) => e as ResourceInUseException, 2 * one + 1));
    const read = await sdkRead(body, 64);
    expect(read.error).toBeUndefined();
    expect(read.events.map((e) => (e.payload as { ContinuationSequenceNumber?: string }).ContinuationSequenceNumber)).toEqual([undefined, '0', '1', '2']);
    expect(closed).toBe(true);
  });
});
