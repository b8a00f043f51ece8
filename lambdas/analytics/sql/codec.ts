/**
 * JSON form of engine state. Operator state is plain objects, arrays and values; the values that
 * JSON cannot carry (BIGINT, DECIMAL, binary, non-finite doubles) are tagged, so a snapshot
 * restores to exactly the same values.
 */
import { Dec } from './decimal';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function encode(x: unknown): Json {
  if (x === null || x === undefined) return null;
  if (typeof x === 'bigint') return { $b: x.toString() };
  if (typeof x === 'number') return Number.isFinite(x) ? x : { $f: String(x) };
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (x instanceof Dec) return { $d: x.unscaled.toString(), s: x.scale };
  if (x instanceof Uint8Array) return { $x: Buffer.from(x).toString('hex') };
  if (Array.isArray(x)) return x.map(encode);
  if (x instanceof Map) return { $m: [...x].map(([k, v]) => [encode(k), encode(v)]) };
  return Object.fromEntries(Object.entries(x as object).filter(([, v]) => v !== undefined).map(([k, v]) => [k, encode(v)]));
}

export function decode(x: Json): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) return x.map(decode);
  if ('$b' in x) return BigInt(x.$b as string);
  if ('$f' in x) return Number(x.$f);
  if ('$d' in x) return new Dec(BigInt(x.$d as string), x.s as number);
  if ('$x' in x) return Uint8Array.from(Buffer.from(x.$x as string, 'hex'));
  if ('$m' in x) return new Map((x.$m as Json[][]).map(([k, v]) => [decode(k), decode(v)]));
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, decode(v)]));
}
