/**
 * Checks a decoded JSON request against the generated Smithy shapes, the way AWS's Coral front end
 * does: wrong JSON types are a SerializationException; constraint violations (required, length,
 * pattern, range, enum) are collected into one ValidationException with AWS's exact wording. The
 * result is the SDK-typed input: blobs become Uint8Array, timestamps Date, unknown members and
 * nulls are dropped.
 */
import { createHash } from 'node:crypto';
import { SerializationException, ValidationException } from './errors';
import type { ServiceModel, Shape } from './service-model';

const MAX_REPORTED = 10;

export function validateInput(model: ServiceModel, shapeName: string | null, body: unknown): any {
  if (!shapeName) return {};
  const errors: string[] = [];
  const value = convert(model, model.shapes[shapeName], body ?? {});
  check(model, model.shapes[shapeName], value, '', errors);
  if (errors.length) {
    const shown = errors.slice(0, MAX_REPORTED);
    throw new ValidationException(
      `${shown.length} validation error${shown.length > 1 ? 's' : ''} detected: ${shown.join('; ')}`,
    );
  }
  return value;
}

function lowerFirst(s: string) {
  return s[0].toLowerCase() + s.slice(1);
}

function typeError(value: unknown, expected: string): SerializationException {
  if (Array.isArray(value)) return new SerializationException('Start of list found where not expected');
  if (value !== null && typeof value === 'object') {
    return new SerializationException('Start of structure or map found where not expected.');
  }
  const javaClass = typeof value === 'boolean' ? 'java.lang.Boolean' : typeof value === 'number' ? 'java.math.BigDecimal' : 'java.lang.String';
  return new SerializationException(`class ${javaClass} can not be converted to an ${expected}`);
}

function decodeBlob(v: unknown): Uint8Array {
  if (typeof v !== 'string') {
    if (typeof v === 'boolean' || typeof v === 'number') {
      throw new SerializationException(`class ${typeof v === 'boolean' ? 'java.lang.Boolean' : 'java.math.BigDecimal'} can not be converted to a Blob`);
    }
    throw typeError(v, 'Blob');
  }
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

function convert(model: ServiceModel, shape: Shape, v: unknown): any {
  if (v === null || v === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof v !== 'object' || Array.isArray(v)) {
        if (Array.isArray(v)) throw typeError(v, 'Structure');
        throw new SerializationException('Expected null');
      }
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const converted = convert(model, model.shapes[member.target], (v as Record<string, unknown>)[name]);
        if (converted !== undefined) out[name] = converted;
      }
      return out;
    }
    case 'list':
      if (!Array.isArray(v)) {
        if (typeof v === 'object') throw new SerializationException('Start of structure or map found where not expected.');
        throw new SerializationException('Expected list or null');
      }
      return v.map((item) => convert(model, model.shapes[shape.member!], item) ?? null);
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) {
        if (Array.isArray(v)) throw typeError(v, 'Map');
        throw new SerializationException('Expected map or null');
      }
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as object)) out[k] = convert(model, model.shapes[shape.value!], item) ?? null;
      return out;
    }
    case 'string':
      if (typeof v !== 'string') throw typeError(v, 'String');
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') {
        if (typeof v === 'string') throw new SerializationException(`'${v.toUpperCase()}' can not be converted to an Boolean`);
        if (typeof v === 'number') throw new SerializationException('class java.math.BigDecimal can not be converted to an Boolean');
        throw typeError(v, 'Boolean');
      }
      return v;
    case 'integer':
    case 'long':
    case 'double': {
      const javaName = shape.type === 'integer' ? 'Integer' : shape.type === 'long' ? 'Long' : 'Double';
      if (typeof v !== 'number') throw typeError(v, javaName);
      return shape.type === 'double' ? v : Math.trunc(v);
    }
    case 'timestamp': {
      if (typeof v === 'number') return new Date(Math.round(v * 1000));
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
      throw typeError(v, 'Date');
    }
    case 'blob':
      return decodeBlob(v);
  }
}

/**
 * How AWS's Java front end prints a value in a validation message: strings as they are, blobs as
 * byte buffers, structures as Java object references (so a long list stays a readable message).
 */
function describe(model: ServiceModel, shape: Shape, v: unknown): string {
  if (v === undefined || v === null) return 'null';
  return `'${javaString(model, shape, v)}'`;
}

function javaString(model: ServiceModel, shape: Shape, v: unknown): string {
  switch (shape.type) {
    case 'blob': {
      const n = (v as Uint8Array).byteLength;
      return `java.nio.HeapByteBuffer[pos=0 lim=${n} cap=${n}]`;
    }
    case 'list':
      return `[${(v as unknown[]).map((x) => (x === null ? 'null' : javaString(model, model.shapes[shape.member!], x))).join(', ')}]`;
    case 'map':
      return `{${Object.entries(v as object).map(([k, x]) => `${k}=${x === null ? 'null' : javaString(model, model.shapes[shape.value!], x)}`).join(', ')}}`;
    case 'structure': {
      const hash = createHash('md5').update(JSON.stringify(v, (_, x) => (x instanceof Uint8Array ? x.byteLength : x))).digest('hex').slice(0, 8);
      return `com.amazonaws.${model.targetPrefix.split('_')[0].toLowerCase()}.model.${shapeName(model, shape)}@${hash}`;
    }
    case 'timestamp':
      return (v as Date).toISOString();
    default:
      return String(v);
  }
}

function shapeName(model: ServiceModel, shape: Shape): string {
  return Object.entries(model.shapes).find(([, s]) => s === shape)?.[0] ?? 'Object';
}

const patterns = new Map<string, RegExp>();
/**
 * The model's patterns are Java regular expressions. Unicode mode is needed for `\p{L}` classes,
 * but rejects escapes Java allows (`\_`), so those patterns compile without it.
 */
export function compiled(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      re = new RegExp(`^(?:${pattern})$`);
    }
    patterns.set(pattern, re);
  }
  return re;
}

function sizeOf(shape: Shape, v: unknown): number {
  if (shape.type === 'blob') return (v as Uint8Array).byteLength;
  if (shape.type === 'string') return [...(v as string)].length;
  if (Array.isArray(v)) return v.length;
  return Object.keys(v as object).length;
}

function check(model: ServiceModel, shape: Shape, v: unknown, path: string, errors: string[]): void {
  const fail = (constraint: string) =>
    errors.push(`Value ${describe(model, shape, v)} at '${path}' failed to satisfy constraint: ${constraint}`);
  if (v === undefined || v === null) return;
  if (shape.range) {
    const [min, max] = shape.range;
    if (min !== null && (v as number) < min) fail(`Member must have value greater than or equal to ${min}`);
    if (max !== null && (v as number) > max) fail(`Member must have value less than or equal to ${max}`);
  }
  if (shape.pattern) {
    // AWS quotes the pattern without the model's anchors (`[a-zA-Z0-9_.-]+`).
    const bare = shape.pattern.replace(/^\^|\$$/g, '');
    if (!compiled(bare).test(v as string)) fail(`Member must satisfy regular expression pattern: ${bare}`);
  }
  if (shape.length) {
    const [min, max] = shape.length;
    const n = sizeOf(shape, v);
    if (min !== null && n < min) fail(`Member must have length greater than or equal to ${min}`);
    if (max !== null && n > max) fail(`Member must have length less than or equal to ${max}`);
  }
  if (shape.enum && !shape.enum.includes(v as string)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  const prefix = path ? `${path}.` : '';
  if (shape.type === 'structure') {
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const memberShape = model.shapes[member.target];
      const child = (v as Record<string, unknown>)[name];
      const childPath = prefix + lowerFirst(name);
      if (member.required && (child === undefined || child === null)) {
        errors.push(`Value null at '${childPath}' failed to satisfy constraint: Member must not be null`);
        continue;
      }
      check(model, memberShape, child, childPath, errors);
    }
  } else if (shape.type === 'list') {
    (v as unknown[]).forEach((item, i) => check(model, model.shapes[shape.member!], item, `${path}.${i + 1}.member`, errors));
  } else if (shape.type === 'map') {
    for (const [k, item] of Object.entries(v as object)) {
      check(model, model.shapes[shape.key!], k, `${path}.${k}.key`, errors);
      check(model, model.shapes[shape.value!], item, `${path}.${k}.value`, errors);
    }
  }
}
