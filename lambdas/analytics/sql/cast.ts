/**
 * CAST between types, and the text form of values (CAST(x AS VARCHAR), `||`). Numbers print the way
 * Java prints them (Double.toString: `1.0`, `1.5E7`; REAL as the shortest float32 digits), and
 * timestamps as `yyyy-MM-dd HH:mm:ss.SSS`. Impossible conversions of a particular value (`'abc'`
 * to INTEGER, 300 to TINYINT) are row errors.
 */
import { formatDate, formatTime, formatTimestamp, parseTime, parseTimestamp, UNIT_MS } from './datetime';
import { Dec } from './decimal';
import { castFailed } from './errors';
import { numericTo } from './arith';
import { family, isBinary, isInterval, isNumeric, isString, typeText, type SqlType, type Value } from './types';

const INT_RANGE: Record<string, [number, number]> = { TINYINT: [-128, 127], SMALLINT: [-32768, 32767], INTEGER: [-2147483648, 2147483647] };

/** The shortest decimal digits that read back as the same float32. */
export function shortestFloat(v: number): number {
  if (!Number.isFinite(v)) return v;
  for (let p = 1; p <= 9; p++) {
    const n = Number(v.toPrecision(p));
    if (Math.fround(n) === v) return n;
  }
  return v;
}

/** Java's Double.toString. */
function javaDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(v);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exp] = v.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exp)}`;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** Text of a non-null value, as CAST(v AS VARCHAR) gives it. */
export function valueText(type: SqlType, v: Value): string {
  switch (type.name) {
    case 'DOUBLE': return javaDouble(v as number);
    case 'REAL': return javaDouble(shortestFloat(v as number));
    case 'TIMESTAMP': return formatTimestamp(v as number);
    case 'DATE': return formatDate(v as number);
    case 'TIME': return formatTime(v as number);
    case 'BOOLEAN': return v ? 'TRUE' : 'FALSE';
    case 'BINARY': case 'VARBINARY': return hex(v as Uint8Array);
    case 'INTERVAL_DT': return String((v as number) / (UNIT_MS[type.unit ?? 'SECOND'] ?? 1000));
    case 'ROW': return JSON.stringify(v);
    default: return String(v);
  }
}

export function canCast(from: SqlType, to: SqlType): boolean {
  if (from.name === 'NULL' || isString(from) || isString(to)) return true;
  if (isNumeric(from) && (isInterval(to) || to.name === 'BOOLEAN')) return true;
  if (isInterval(from) && isNumeric(to)) return true;
  return family(from) === family(to);
}

function fitString(to: SqlType): (s: string) => string {
  const n = to.precision ?? 65535;
  if (to.name === 'CHAR') return (s) => (s.length >= n ? s.slice(0, n) : s.padEnd(n, ' '));
  return (s) => (s.length > n ? s.slice(0, n) : s);
}

function checkRange(to: SqlType): (v: number, text: () => string) => number {
  const [lo, hi] = INT_RANGE[to.name];
  return (v, text) => {
    if (!(v >= lo && v <= hi)) throw castFailed(text(), typeText(to));
    return v;
  };
}

function parseNumber(to: SqlType): (s: string) => Value {
  switch (to.name) {
    case 'BIGINT': return (s) => { if (!/^\s*[+-]?\d+\s*$/.test(s)) throw castFailed(s, 'BIGINT'); const b = BigInt(s.trim()); if (BigInt.asIntN(64, b) !== b) throw castFailed(s, 'BIGINT'); return b; };
    case 'DECIMAL': return (s) => { const d = Dec.parse(s); if (!d) throw castFailed(s, typeText(to)); return toDecimal(d, to, s); };
    case 'REAL': case 'DOUBLE': return (s) => { const n = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$|^\s*[+-]?(?:Infinity|NaN)\s*$/.test(s) ? Number(s) : NaN; if (Number.isNaN(n) && !/NaN/.test(s)) throw castFailed(s, to.name); return to.name === 'REAL' ? Math.fround(n) : n; };
    default: { const range = checkRange(to); return (s) => { if (!/^\s*[+-]?\d+\s*$/.test(s)) throw castFailed(s, to.name); return range(Number(s), () => s); }; }
  }
}

function toDecimal(d: Dec, to: SqlType, text: string): Dec {
  const r = d.rescale(to.scale ?? 0);
  if (r.integerDigits() > (to.precision ?? 19) - (to.scale ?? 0)) throw castFailed(text, typeText(to));
  return r;
}

/** Converter for a non-null value from `from` to `to` (checked with canCast first). */
export function castFn(from: SqlType, to: SqlType): (v: Value) => Value {
  if (isString(to)) {
    const fit = fitString(to);
    return isString(from) ? (v) => fit(v as string) : (v) => fit(valueText(from, v));
  }
  if (isString(from)) {
    if (isNumeric(to)) return parseNumber(to) as (v: Value) => Value;
    if (to.name === 'BOOLEAN') return (v) => { const s = (v as string).trim().toUpperCase(); if (s !== 'TRUE' && s !== 'FALSE') throw castFailed(v as string, 'BOOLEAN'); return s === 'TRUE'; };
    if (to.name === 'TIME') return (v) => { const t = parseTime(v as string) ?? (parseTimestamp(v as string)! % 86_400_000); if (Number.isNaN(t)) throw castFailed(v as string, 'TIME'); return t; };
    if (to.name === 'TIMESTAMP' || to.name === 'DATE') return (v) => { const t = parseTimestamp(v as string); if (t === undefined) throw castFailed(v as string, to.name); return to.name === 'DATE' ? Math.floor(t / 86_400_000) * 86_400_000 : t; };
    if (isBinary(to)) return (v) => Uint8Array.from(Buffer.from(v as string, 'hex'));
  }
  if (isNumeric(from) && isNumeric(to)) return numericCast(from, to);
  if (isNumeric(from) && to.name === 'BOOLEAN') { const n = numericTo(from, { name: 'DOUBLE' }); return (v) => n(v) !== 0; }
  if (isInterval(from) && isNumeric(to)) { const per = UNIT_MS[from.unit ?? 'SECOND'] ?? 1; const n = numericCast({ name: 'BIGINT' }, to); return (v) => n(BigInt(Math.trunc((v as number) / per))); }
  if (isNumeric(from) && isInterval(to)) { const per = UNIT_MS[to.unit ?? 'SECOND'] ?? 1; const n = numericTo(from, { name: 'DOUBLE' }); return (v) => Math.trunc((n(v) as number) * per); }
  if (from.name === 'TIMESTAMP' && to.name === 'DATE') return (v) => Math.floor((v as number) / 86_400_000) * 86_400_000;
  if (from.name === 'TIMESTAMP' && to.name === 'TIME') return (v) => (((v as number) % 86_400_000) + 86_400_000) % 86_400_000;
  return (v) => v;
}

function numericCast(from: SqlType, to: SqlType): (v: Value) => Value {
  const fromName = from.name;
  if (to.name === 'REAL') { const n = numericTo(from, to); return (v) => Math.fround(n(v) as number); }
  if (to.name === 'DOUBLE') return numericTo(from, to);
  if (to.name === 'DECIMAL') {
    if (fromName === 'REAL' || fromName === 'DOUBLE') return (v) => toDecimal(Dec.fromNumber(v as number), to, String(v));
    const n = numericTo(from, to);
    return (v) => toDecimal(n(v) as Dec, to, String(v));
  }
  if (to.name === 'BIGINT') {
    if (fromName === 'DECIMAL') return (v) => (v as Dec).toBigInt();
    if (fromName === 'REAL' || fromName === 'DOUBLE') return (v) => { if (!Number.isFinite(v as number)) throw castFailed(String(v), 'BIGINT'); return BigInt(Math.trunc(v as number)); };
    return numericTo(from, to);
  }
  const range = checkRange(to);
  if (fromName === 'DECIMAL') return (v) => range(Number((v as Dec).toBigInt()), () => String(v));
  if (fromName === 'BIGINT') return (v) => range(Number(v as bigint), () => String(v));
  return (v) => range(Math.trunc(v as number), () => String(v));
}
