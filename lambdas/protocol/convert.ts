/**
 * Turns a decoded request body into SDK-typed input the way AWS's Coral front end reads it: a value
 * of the wrong type is a SerializationException naming the Java class Coral saw (JSON numbers are
 * `TruncatingBigNumber`s), blobs become Uint8Array, timestamps Date, unknown members and nulls are
 * dropped. JSON carries blobs as base64 and timestamps as epoch seconds; CBOR carries byte strings
 * and epoch milliseconds (see cbor.ts).
 */
import { SerializationException } from './errors';
import type { ServiceModel, Shape } from './service-model';

export type BodyFormat = 'json' | 'cbor';

const JSON_NUMBER = 'com.amazon.coral.value.json.numbers.TruncatingBigNumber';
const INT_MAX: Record<string, number> = { integer: 2_147_483_647 };

export function convertInput(model: ServiceModel, shapeName: string, body: unknown, format: BodyFormat): any {
  return convert(model, model.shapes[shapeName], body ?? {}, format);
}

function javaClass(v: unknown): string {
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (typeof v === 'number') return JSON_NUMBER;
  return 'java.lang.String';
}

/** Lists and objects get Coral's parser texts whatever was expected. */
function structuralError(v: unknown): SerializationException | undefined {
  if (Array.isArray(v)) return new SerializationException('Start of list found where not expected');
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array) && !(v instanceof Date)) {
    return new SerializationException('Start of structure or map found where not expected.');
  }
  return undefined;
}

function convert(model: ServiceModel, shape: Shape, v: unknown, format: BodyFormat): any {
  if (v === null || v === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (Array.isArray(v)) throw structuralError(v);
      if (typeof v !== 'object') throw new SerializationException('Expected null');
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const converted = convert(model, model.shapes[member.target], (v as Record<string, unknown>)[name], format);
        if (converted !== undefined) out[name] = converted;
      }
      return out;
    }
    case 'list':
      if (!Array.isArray(v)) throw typeof v === 'object' ? structuralError(v)! : new SerializationException('Expected list or null');
      return v.map((item) => convert(model, model.shapes[shape.member!], item, format) ?? null);
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) throw structuralError(v) ?? new SerializationException('Expected map or null');
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as object)) out[k] = convert(model, model.shapes[shape.value!], item, format) ?? null;
      return out;
    }
    case 'string':
      if (typeof v !== 'string') throw structuralError(v) ?? new SerializationException(`class ${javaClass(v)} can not be converted to an String`);
      return v;
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') throw new SerializationException(`'${v.toUpperCase()}' can not be converted to an Boolean`);
      throw structuralError(v) ?? new SerializationException(`class ${javaClass(v)} can not be converted to an Boolean`);
    case 'integer':
    case 'long':
    case 'double': {
      const javaName = shape.type === 'integer' ? 'Integer' : shape.type === 'long' ? 'Long' : 'Double';
      if (typeof v !== 'number') throw structuralError(v) ?? new SerializationException(`class ${javaClass(v)} can not be converted to an ${javaName}`);
      return shape.type === 'double' ? v : Math.min(Math.floor(v), INT_MAX[shape.type] ?? Number.MAX_SAFE_INTEGER);
    }
    case 'timestamp': {
      const date = v instanceof Date ? v : typeof v === 'number' ? new Date(format === 'cbor' ? v : Math.round(v * 1000)) : undefined;
      // A number past what a date can hold (±8.64e15 ms) is as unreadable as a string.
      if (date && !Number.isNaN(date.getTime())) return date;
      throw structuralError(v) ?? new SerializationException(`class ${javaClass(v)} can not be converted to milliseconds since epoch`);
    }
    case 'blob':
      if (v instanceof Uint8Array) return v;
      if (typeof v !== 'string') throw structuralError(v) ?? new SerializationException(`class ${javaClass(v)} can not be converted to a Blob`);
      return decodeBase64(v);
  }
}

function decodeBase64(v: string): Uint8Array {
  const prefix = `'${v}' can not be converted to a Blob: `;
  if (v.length % 4) {
    throw new SerializationException(`${prefix}Base64 encoded length is expected a multiple of 4 bytes but found: ${v.length}`);
  }
  const bad = v.match(/[^A-Za-z0-9+/=]|=[^=]/);
  if (bad) throw new SerializationException(`${prefix}Invalid Base64 character: '${bad[0][0]}'`);
  const bytes = Buffer.from(v, 'base64');
  if (bytes.toString('base64') !== v) throw new SerializationException(`${prefix}Invalid last non-pad Base64 character dectected`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
