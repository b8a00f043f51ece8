/**
 * AWS's CBOR dialect (`application/x-amz-cbor-1.1`), which the Java SDK and the KCL speak to Kinesis
 * by default. Member names and shapes are those of JSON 1.1; the differences are:
 *
 * - blobs are CBOR byte strings, not base64 text;
 * - timestamps are tag 1 wrapping an integer of epoch *milliseconds*, where RFC 8949 says seconds
 *   (aws-sdk-java-v2 SdkCborGenerator, AwsCborProtocolFactory: UNIX_TIMESTAMP_MILLIS);
 * - AWS answers with indefinite-length maps and arrays.
 *
 * cbor-x does the byte-level work; this module only applies those conventions.
 */
import { Decoder, Encoder, type Options } from 'cbor-x';

// int64AsNumber (64-bit integers such as epoch milliseconds as numbers, not bigints) is missing from cbor-x's types.
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true, int64AsNumber: true } as Options);
const scalars = new Encoder({ useRecords: false, tagUint8Array: false });

const BREAK = Buffer.from([0xff]);
const MAP_START = Buffer.from([0xbf]);
const ARRAY_START = Buffer.from([0x9f]);
const EPOCH_TAG = Buffer.from([0xc1]);
const UINT32_MAX = 0xffff_ffff;

/** Decodes one complete CBOR item; throws on malformed, truncated or trailing data. */
export function decodeCbor(body: Uint8Array): unknown {
  return fromAws(decoder.decode(body));
}

/**
 * cbor-x reads tag 1 as RFC 8949 seconds and multiplies by 1000; AWS's tag 1 already holds
 * milliseconds, so every decoded date is 1000 times too late.
 */
function fromAws(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime() / 1000);
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(fromAws);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromAws(v)]));
  }
  return value;
}

export function encodeCbor(value: unknown): Buffer {
  const out: Buffer[] = [];
  write(value, out);
  return Buffer.concat(out);
}

function write(value: unknown, out: Buffer[]): void {
  if (value instanceof Date) {
    out.push(EPOCH_TAG, scalar(value.getTime()));
  } else if (value instanceof Uint8Array) {
    out.push(scalars.encode(Buffer.from(value.buffer, value.byteOffset, value.byteLength)));
  } else if (Array.isArray(value)) {
    out.push(ARRAY_START);
    for (const item of value) write(item, out);
    out.push(BREAK);
  } else if (value && typeof value === 'object') {
    out.push(MAP_START);
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out.push(scalars.encode(k));
      write(v, out);
    }
    out.push(BREAK);
  } else {
    out.push(scalar(value));
  }
}

/** cbor-x writes integers beyond 32 bits as doubles; AWS (and Java's readers) expect CBOR integers. */
function scalar(value: unknown): Buffer {
  if (typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) > UINT32_MAX) return scalars.encode(BigInt(value));
  return scalars.encode(value);
}
