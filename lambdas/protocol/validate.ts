/**
 * Checks converted input (see convert.ts) against the generated Smithy constraints the way AWS's
 * Coral front end does: violations (required, length, pattern, range, enum) are collected into one
 * ValidationException with AWS's exact wording. Lists of plain values and maps are judged as a
 * whole, as Coral does: `Value '{k=v}' at 'tags' failed to satisfy constraint: Map keys must
 * satisfy constraint: [...]` names every constraint of the member shape.
 */
import { createHash } from 'node:crypto';
import { convertInput, type BodyFormat } from './convert';
import { ValidationException } from './errors';
import type { ServiceModel, Shape } from './service-model';

const MAX_REPORTED = 10;

/** Converts a decoded body to SDK-typed input and checks it; throws AWS's error for either step. */
export function validateInput(model: ServiceModel, shapeName: string | null, body: unknown, format: BodyFormat = 'json'): any {
  if (!shapeName) return {};
  const errors: string[] = [];
  const value = convertInput(model, shapeName, body, format);
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
 * The model's patterns are Java regular expressions, matched against the whole value as AWS's
 * front end does, except the few that only say how a value starts (`^arn:`, `^https://`): AWS
 * accepts any value that starts so (an MSK cluster ARN, an endpoint URL). Unicode mode is
 * needed for `\p{L}` classes, but rejects escapes Java allows (`\_`), so those patterns compile
 * without it.
 */
export function compiled(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    const prefixOnly = pattern.startsWith('^') && !pattern.endsWith('$');
    const source = prefixOnly ? pattern : `^(?:${pattern})$`;
    try {
      re = new RegExp(source, 'u');
    } catch {
      re = new RegExp(source);
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

/** The constraints a value of `shape` violates, in AWS's words and order. */
function violations(shape: Shape, v: unknown): string[] {
  const found: string[] = [];
  if (shape.range) {
    const [min, max] = shape.range;
    if (min !== null && (v as number) < min) found.push(`Member must have value greater than or equal to ${min}`);
    if (max !== null && (v as number) > max) found.push(`Member must have value less than or equal to ${max}`);
  }
  if (shape.pattern) {
    if (!compiled(shape.pattern).test(v as string)) found.push(`Member must satisfy regular expression pattern: ${barePattern(shape.pattern)}`);
  }
  if (shape.length) {
    const [min, max] = shape.length;
    const n = sizeOf(shape, v);
    if (min !== null && n < min) found.push(`Member must have length greater than or equal to ${min}`);
    if (max !== null && n > max) found.push(`Member must have length less than or equal to ${max}`);
  }
  if (shape.enum && !shape.enum.includes(v as string)) found.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return found;
}

/** Every constraint of a member shape, as Coral lists them when a list or map member breaks one. */
function allConstraints(shape: Shape): string {
  const all: string[] = [];
  if (shape.length) {
    if (shape.length[1] !== null) all.push(`Member must have length less than or equal to ${shape.length[1]}`);
    if (shape.length[0] !== null) all.push(`Member must have length greater than or equal to ${shape.length[0]}`);
  }
  if (shape.range) {
    if (shape.range[1] !== null) all.push(`Member must have value less than or equal to ${shape.range[1]}`);
    if (shape.range[0] !== null) all.push(`Member must have value greater than or equal to ${shape.range[0]}`);
  }
  if (shape.pattern) all.push(`Member must satisfy regular expression pattern: ${barePattern(shape.pattern)}`);
  if (shape.enum) all.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return `[${all.join(', ')}]`;
}

/** AWS quotes a pattern without the model's anchors (`[a-zA-Z0-9_.-]+`). */
function barePattern(pattern: string): string {
  return pattern.replace(/^\^|\$$/g, '');
}

const isPlain = (shape: Shape) => shape.type !== 'structure' && shape.type !== 'list' && shape.type !== 'map';

function check(model: ServiceModel, shape: Shape, v: unknown, path: string, errors: string[]): void {
  const fail = (constraint: string) =>
    errors.push(`Value ${describe(model, shape, v)} at '${path}' failed to satisfy constraint: ${constraint}`);
  if (v === undefined || v === null) return;
  for (const constraint of violations(shape, v)) fail(constraint);
  const prefix = path ? `${path}.` : '';
  if (shape.type === 'structure') {
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const child = (v as Record<string, unknown>)[name];
      const childPath = prefix + lowerFirst(name);
      if (member.required && (child === undefined || child === null)) {
        errors.push(`Value null at '${childPath}' failed to satisfy constraint: Member must not be null`);
        continue;
      }
      check(model, model.shapes[member.target], child, childPath, errors);
    }
  } else if (shape.type === 'list') {
    const member = model.shapes[shape.member!];
    const items = v as unknown[];
    if (!isPlain(member)) {
      items.forEach((item, i) => check(model, member, item, `${path}.${i + 1}.member`, errors));
    } else if (items.some((item) => item !== null && violations(member, item).length)) {
      fail(`Member must satisfy constraint: ${allConstraints(member)}`);
    }
  } else if (shape.type === 'map') {
    const entries = Object.entries(v as object);
    const key = model.shapes[shape.key!];
    const value = model.shapes[shape.value!];
    if (entries.some(([k]) => violations(key, k).length)) fail(`Map keys must satisfy constraint: ${allConstraints(key)}`);
    if (!isPlain(value)) {
      for (const [k, item] of entries) check(model, value, item, `${path}.${k}.value`, errors);
    } else if (entries.some(([, item]) => item !== null && violations(value, item).length)) {
      fail(`Map value must satisfy constraint: ${allConstraints(value)}`);
    }
  }
}
