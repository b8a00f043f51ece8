/**
 * AWS event streams (`application/vnd.amazon.eventstream`), the body SubscribeToShard answers with:
 * a sequence of binary messages, each framed by the SDK's own codec (total and header lengths,
 * prelude CRC32, typed headers, payload, message CRC32), so the framing is exactly what the SDKs'
 * decoders read.
 *
 * The first message is the `initial-response` event carrying the rest of the operation's output
 * (the JS SDK does not resolve `send()` before it arrives). Then one `event` message per event the
 * action yields, `:event-type` naming the union member. An error thrown while the stream runs is
 * sent as an `exception` message (`:exception-type` and a `{message}` payload) and ends the stream,
 * as AWS ends a subscription that fails.
 */
import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { CBOR_TYPE, JSON_TYPE } from './edge';
import type { AwsError } from './errors';
import type { BodyFormat } from './convert';
import { encodeBody } from './wire';

export const EVENT_STREAM_TYPE = 'application/vnd.amazon.eventstream';

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => Buffer.from(text, 'utf8'),
);

/** One event of a stream: a single-member object naming the union member, as the SDK types it. */
export type StreamEvent = Record<string, object>;

function frame(format: BodyFormat, headers: Record<string, string>, payload: object): Uint8Array {
  const typed: MessageHeaders = { ':content-type': { type: 'string', value: format === 'json' ? JSON_TYPE : CBOR_TYPE } };
  for (const [name, value] of Object.entries(headers)) typed[name] = { type: 'string', value };
  const body = encodeBody(format, payload);
  return codec.encode({ headers: typed, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body });
}

export function eventMessage(format: BodyFormat, eventType: string, payload: object): Uint8Array {
  return frame(format, { ':message-type': 'event', ':event-type': eventType }, payload);
}

export function exceptionMessage(format: BodyFormat, error: AwsError): Uint8Array {
  return frame(format, { ':message-type': 'exception', ':exception-type': error.type }, error.text === undefined ? {} : { message: error.text });
}

/**
 * The body of an event-stream answer. `asAwsError` turns whatever the events throw into the error
 * the client is told (unexpected failures become InternalFailureException). A host that caps a
 * streamed response (Lambda: 200 MB) passes `maxBytes`: the body ends cleanly after the event that
 * reaches it, as a subscription ends at its lifetime, and the client carries on from that event.
 */
export async function* eventStreamBody(
  format: BodyFormat,
  initial: object,
  events: AsyncIterable<StreamEvent>,
  asAwsError: (e: unknown) => AwsError,
  maxBytes = Infinity,
): AsyncGenerator<Uint8Array> {
  let written = 0;
  yield eventMessage(format, 'initial-response', initial);
  try {
    for await (const event of events) {
      const [type, payload] = Object.entries(event)[0];
      const message = eventMessage(format, type, payload);
      written += message.byteLength;
      yield message;
      if (written >= maxBytes) return;
    }
  } catch (e) {
    yield exceptionMessage(format, asAwsError(e));
  }
}
