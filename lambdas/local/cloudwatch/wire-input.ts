/**
 * Reading an operation's input whichever protocol carried it. awsJson 1.0 gives JSON values
 * (numbers, booleans, timestamps as epoch seconds, special doubles as the strings "NaN" and
 * "Infinity"); RPC v2 CBOR the same as CBOR values (timestamps as dates); AWS Query gives strings only (timestamps in ISO 8601, lists as `member.N`, already
 * unflattened by form-params.ts, an empty list as an empty string). Each reader takes the value
 * and the parameter's query path, so a value of the wrong kind is refused naming the parameter.
 */
import { InvalidParameterValue, MissingParameter } from './errors';
import { MESSAGES } from './messages';

export type Raw = Record<string, unknown>;

const invalid = (param: string, value: unknown) => new InvalidParameterValue(MESSAGES.invalidValue(param, typeof value === 'object' ? JSON.stringify(value) : value));

export function required<T>(value: T | undefined, param: string): T {
  if (value === undefined) throw new MissingParameter(MESSAGES.required(param));
  return value;
}

export function struct(value: unknown, param: string): Raw | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date || value instanceof Uint8Array) throw invalid(param, value);
  return value as Raw;
}

export function list(value: unknown, param: string): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === '') return [];
  if (!Array.isArray(value)) throw invalid(param, value);
  return value;
}

/** A string of 1–max characters (CloudWatch's names and values all have a length limit). */
export function text(value: unknown, param: string, max = 255): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(param, value);
  if (value.length === 0) throw invalid(param, value);
  if (value.length > max) throw new InvalidParameterValue(MESSAGES.tooLong(param, max));
  return value;
}

const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** A double as the wire wrote it; NaN and the infinities come back as such, for the caller to judge. */
export function number(value: unknown, param: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value in SPECIAL) return SPECIAL[value];
  if (typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) return Number(value);
  throw invalid(param, value);
}

export function integer(value: unknown, param: string): number | undefined {
  const n = number(value, param);
  if (n !== undefined && !Number.isSafeInteger(n)) throw invalid(param, value);
  return n;
}

export function bool(value: unknown, param: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalid(param, value);
}

/**
 * Milliseconds since the epoch, from epoch seconds (JSON, or a number in a query), ISO 8601
 * (query) or a date (CBOR's tag 1).
 */
export function timestamp(value: unknown, param: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  let ms = NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value * 1000;
  else if (typeof value === 'string') ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) throw invalid(param, value);
  return Math.round(ms);
}

export function oneOf<T extends string>(value: unknown, param: string, allowed: readonly T[]): T | undefined {
  const s = text(value, param, 1024);
  if (s !== undefined && !allowed.includes(s as T)) throw invalid(param, s);
  return s as T | undefined;
}
