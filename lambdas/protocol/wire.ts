/**
 * Response bodies in the request's format. awsJson 1.1 writes blobs as base64 and timestamps as
 * epoch seconds with a millisecond fraction; CBOR (cbor.ts) writes bytes and epoch milliseconds.
 */
import { decodeCbor, encodeCbor } from './cbor';
import type { BodyFormat } from './convert';
import { SerializationException } from './errors';

export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

export function encodeBody(format: BodyFormat, value: unknown): string | Uint8Array {
  return format === 'cbor' ? encodeCbor(value) : JSON.stringify(toWire(value));
}

/** JSON text must be UTF-8: bytes that are not are refused, not silently replaced by U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request body as a structure. AWS answers a body it cannot read as one with a bare
 * SerializationException (no message); a list where the structure belongs gets Coral's parser text.
 */
export function decodeBody(format: BodyFormat, body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = format === 'cbor' ? decodeCbor(body) : JSON.parse(UTF8.decode(body));
  } catch {
    throw new SerializationException();
  }
  if (Array.isArray(parsed)) throw new SerializationException('Start of list found where not expected');
  if (parsed === null || typeof parsed !== 'object' || parsed instanceof Uint8Array || parsed instanceof Date) throw new SerializationException();
  return parsed as Record<string, unknown>;
}
