/**
 * How AWS rounds what it bills: each rule is one pure function of one request, record or item, so
 * the model applies rounding where AWS does (per record, per request, per item), never to totals.
 */

export const KiB = 1024;
export const MiB = 1024 * KiB;
/** AWS bills a GB as 2^30 bytes. */
export const GB = 1024 * MiB;

function roundUp(value: number, increment: number): number {
  return Math.ceil(value / increment) * increment;
}

/** Kinesis on-demand (and Advantage): each record in or out counts as a whole number of KB. */
export function kinesisBilledBytes(recordBytes: number): number {
  return roundUp(recordBytes, KiB);
}

/** Kinesis provisioned: a record is billed in 25 KB PUT payload units (5 KB: 1, 45 KB: 2). */
export function putPayloadUnits(recordBytes: number): number {
  return Math.max(1, Math.ceil(recordBytes / (25 * KiB)));
}

/** Firehose: each record ingested counts as a whole number of 5 KB. */
export function firehoseBilledBytes(recordBytes: number): number {
  return roundUp(recordBytes, 5 * KiB);
}

/** API Gateway HTTP APIs meter a request in 512 KB increments: 1.2 MB is three requests. */
export function apiRequestUnits(requestBytes: number): number {
  return Math.max(1, Math.ceil(requestBytes / (512 * KiB)));
}

/** Lambda: duration rounded up to the millisecond, times the configured memory. */
export function lambdaGbSeconds(durationMs: number, memoryMB: number): number {
  return (Math.ceil(durationMs) / 1000) * (memoryMB / 1024);
}

/** Step Functions Express: duration rounded up to 100 ms, memory to 64 MB chunks. */
export function expressGbSeconds(durationMs: number, memoryMB: number): number {
  return (roundUp(Math.max(durationMs, 1), 100) / 1000) * (roundUp(Math.max(memoryMB, 1), 64) / 1024);
}

/** DynamoDB write request units of one item write: per started KB, at least one. */
export function writeUnits(itemBytes: number): number {
  return Math.max(1, Math.ceil(itemBytes / KiB));
}

/**
 * DynamoDB read request units: per started 4 KB of what one read returns (GetItem: the item;
 * Query: the summed size of all items read), at least one unit even when nothing is found;
 * eventually consistent reads cost half.
 */
export function readUnits(bytes: number, consistent: boolean): number {
  return Math.max(1, Math.ceil(bytes / (4 * KiB))) * (consistent ? 1 : 0.5);
}

/**
 * Bytes DynamoDB counts for a number: one per two significant digits (stored as base-100 pairs
 * aligned on the exponent, so an even count on an even exponent spills into one more) plus one.
 */
function numberBytes(n: number): number {
  if (n === 0) return 1;
  const [mantissa, exponent] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '').length;
  const spill = digits % 2 || Number(exponent) % 2 ? 0 : 1;
  return 1 + Math.ceil(digits / 2) + spill + (n < 0 ? 1 : 0);
}

/** A value in DynamoDB's wire form ({S: ...}, {N: ...}, {M: {...}}, ...). */
export type AttributeValue = Record<string, unknown>;

function attributeValueBytes(av: AttributeValue): number {
  const [type, v] = Object.entries(av)[0];
  switch (type) {
    case 'S':
    case 'B':
      return valueBytes(v);
    case 'N':
      return numberBytes(Number(v));
    case 'SS':
    case 'BS':
      return (v as unknown[]).reduce((n: number, x) => n + valueBytes(x), 0);
    case 'NS':
      return (v as string[]).reduce((n, x) => n + numberBytes(Number(x)), 0);
    case 'L':
      return 3 + (v as AttributeValue[]).reduce((n, x) => n + 1 + attributeValueBytes(x), 0);
    case 'M':
      return 3 + Object.keys(v as object).length + marshalledItemBytes(v as Record<string, AttributeValue>);
    default:
      return 1; // BOOL, NULL
  }
}

/** itemBytes for an item in wire form, as the SDK sends it to DynamoDB. */
export function marshalledItemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((n, [name, v]) => n + Buffer.byteLength(name, 'utf8') + attributeValueBytes(v), 0);
}

function valueBytes(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (typeof v === 'number') return numberBytes(v);
  if (typeof v === 'boolean' || v === null) return 1;
  if (v instanceof Uint8Array) return v.byteLength;
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + valueBytes(x), 0);
  if (typeof v === 'object') return 3 + Object.keys(v as object).length + itemBytes(v as Record<string, unknown>);
  throw new TypeError(`no DynamoDB size for ${typeof v}`);
}

/**
 * Size DynamoDB bills for an item given as plain JavaScript values (what the document client
 * sends): every attribute name plus its value; maps and lists add 3 bytes and 1 per element.
 */
export function itemBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((n, [name, v]) => (v === undefined ? n : n + Buffer.byteLength(name, 'utf8') + valueBytes(v)), 0);
}
