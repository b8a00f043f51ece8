/**
 * Numeric and datetime operators with Java/SQLstream semantics: INTEGER arithmetic wraps at 32 bits
 * and divides by truncation (154/4 = 38), BIGINT is exact 64-bit, DECIMAL is exact, REAL rounds to
 * float32, and division by zero of any type is a row error (SQL, not IEEE, rules). Callers handle
 * NULL before calling these functions.
 */
import { addMonths } from './datetime';
import { Dec } from './decimal';
import { divisionByZero } from './errors';
import { T, isDatetime, isInterval, isNumeric, isSmallInt, isString, numericRank, typeOf, type SqlType, type Value } from './types';

export type Binary = (a: any, b: any) => Value; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The type both operands of an arithmetic operator or a comparison are brought to. */
export function numericCommon(a: SqlType, b: SqlType): SqlType {
  const top = numericRank(a) >= numericRank(b) ? a : b;
  if (top.name === 'DECIMAL') {
    const scale = Math.max(a.scale ?? 0, b.scale ?? 0);
    return typeOf('DECIMAL', 19, scale);
  }
  if (top.name === 'REAL' && (a.name === 'DOUBLE' || b.name === 'DOUBLE')) return T.DOUBLE;
  return isSmallInt(top) ? T.INTEGER : top;
}

/** Converter of a non-null numeric value of type `from` into the representation of `to`. */
export function numericTo(from: SqlType, to: SqlType): (v: Value) => Value {
  const f = numericRank(from);
  switch (to.name) {
    case 'BIGINT':
      return f <= 3 ? (v) => BigInt(v as number) : (v) => v;
    case 'DECIMAL':
      return f <= 3 ? (v) => new Dec(BigInt(v as number), 0) : f === 4 ? (v) => new Dec(v as bigint, 0) : (v) => v;
    case 'REAL':
    case 'DOUBLE':
      return f === 4 ? (v) => Number(v) : f === 5 ? (v) => (v as Dec).toNumber() : (v) => v;
    default:
      return (v) => v;
  }
}

const INT_OPS: Record<string, Binary> = {
  '+': (a, b) => (a + b) | 0,
  '-': (a, b) => (a - b) | 0,
  '*': (a, b) => Math.imul(a, b),
  '/': (a, b) => { if (b === 0) throw divisionByZero(); return (a / b) | 0; },
  '%': (a, b) => { if (b === 0) throw divisionByZero(); return a % b; },
};
const BIG_OPS: Record<string, Binary> = {
  '+': (a: bigint, b: bigint) => BigInt.asIntN(64, a + b),
  '-': (a: bigint, b: bigint) => BigInt.asIntN(64, a - b),
  '*': (a: bigint, b: bigint) => BigInt.asIntN(64, a * b),
  '/': (a: bigint, b: bigint) => { if (b === 0n) throw divisionByZero(); return BigInt.asIntN(64, a / b); },
  '%': (a: bigint, b: bigint) => { if (b === 0n) throw divisionByZero(); return a % b; },
};
const DEC_OPS: Record<string, Binary> = {
  '+': (a: Dec, b: Dec) => a.add(b),
  '-': (a: Dec, b: Dec) => a.sub(b),
  '*': (a: Dec, b: Dec) => a.mul(b),
  '/': (a: Dec, b: Dec) => { if (b.isZero()) throw divisionByZero(); return a.div(b); },
  '%': (a: Dec, b: Dec) => { if (b.isZero()) throw divisionByZero(); return a.mod(b); },
};
const DOUBLE_OPS: Record<string, Binary> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => { if (b === 0) throw divisionByZero(); return a / b; },
  '%': (a, b) => { if (b === 0) throw divisionByZero(); return a % b; },
};

function decimalResultType(op: string, a: SqlType, b: SqlType): SqlType {
  const sa = a.name === 'DECIMAL' ? a.scale! : 0;
  const sb = b.name === 'DECIMAL' ? b.scale! : 0;
  const scale = op === '*' ? sa + sb : op === '/' ? Math.max(sa, sb, 6) : Math.max(sa, sb);
  return typeOf('DECIMAL', 19, scale);
}

/** `a op b` for numeric operands: the result type and a function on non-null values. */
export function numericBinary(op: string, a: SqlType, b: SqlType): { type: SqlType; fn: Binary } {
  const common = numericCommon(a, b);
  const ca = numericTo(a, common);
  const cb = numericTo(b, common);
  let ops: Record<string, Binary>;
  let type = common;
  if (common.name === 'INTEGER') ops = INT_OPS;
  else if (common.name === 'BIGINT') ops = BIG_OPS;
  else if (common.name === 'DECIMAL') { ops = DEC_OPS; type = decimalResultType(op, a, b); }
  else ops = DOUBLE_OPS;
  const raw = ops[op];
  const fround = common.name === 'REAL';
  const fn: Binary =
    fround ? (x, y) => Math.fround(raw(ca(x), cb(y)) as number)
    : common.name === 'INTEGER' || common.name === 'DOUBLE' ? raw
    : (x, y) => raw(ca(x), cb(y));
  return { type, fn };
}

/** Datetime/interval arithmetic; undefined when the operand types don't combine. */
export function temporalBinary(op: string, a: SqlType, b: SqlType): { type: SqlType; fn: Binary } | undefined {
  const ym = (t: SqlType) => t.name === 'INTERVAL_YM';
  if (isDatetime(a) && isInterval(b) && (op === '+' || op === '-')) {
    const sign = op === '+' ? 1 : -1;
    const wrap = a.name === 'TIME' ? (v: number) => ((v % 86_400_000) + 86_400_000) % 86_400_000 : (v: number) => v;
    return { type: a, fn: ym(b) ? (x, y) => wrap(addMonths(x, sign * y)) : (x, y) => wrap(x + sign * y) };
  }
  if (isInterval(a) && isDatetime(b) && op === '+') return temporalBinary('+', b, a) && { type: b, fn: (x, y) => temporalBinary('+', b, a)!.fn(y, x) };
  if (isDatetime(a) && isDatetime(b) && op === '-') return { type: { ...T.INTERVAL_DT, unit: 'SECOND' }, fn: (x, y) => x - y };
  if (isInterval(a) && isInterval(b) && a.name === b.name && (op === '+' || op === '-')) return { type: a, fn: op === '+' ? (x, y) => x + y : (x, y) => x - y };
  if (isInterval(a) && isNumeric(b) && (op === '*' || op === '/')) {
    const n = numericTo(b, T.DOUBLE);
    return { type: a, fn: op === '*' ? (x, y) => Math.trunc(x * (n(y) as number)) : (x, y) => { const d = n(y) as number; if (d === 0) throw divisionByZero(); return Math.trunc(x / d); } };
  }
  if (isNumeric(a) && isInterval(b) && op === '*') {
    const n = numericTo(a, T.DOUBLE);
    return { type: b, fn: (x, y) => Math.trunc((n(x) as number) * y) };
  }
  return undefined;
}

export type Comparator = (a: Value, b: Value) => number;

const cmpPrimitive: Comparator = (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);

/** Three-way comparison of two non-null values of comparable types; undefined if not comparable. */
export function comparator(a: SqlType, b: SqlType): { cmp: Comparator; coerceLeft?: SqlType; coerceRight?: SqlType } | undefined {
  if (isNumeric(a) && isNumeric(b)) {
    const common = numericCommon(a, b);
    const ca = numericTo(a, common);
    const cb = numericTo(b, common);
    if (common.name === 'DECIMAL') return { cmp: (x, y) => (ca(x) as Dec).cmp(cb(y) as Dec) };
    if (common.name === 'BIGINT') return { cmp: (x, y) => cmpPrimitive(ca(x), cb(y)) };
    if (common.name === 'REAL' || common.name === 'DOUBLE') return { cmp: (x, y) => cmpPrimitive(ca(x), cb(y)) };
    return { cmp: cmpPrimitive };
  }
  if (isString(a) && isString(b)) return { cmp: cmpPrimitive };
  // A string compared with a number or a datetime is converted to the other side's type (as the
  // validator's implicit coercion did), so `"orders" = 1` works on a VARCHAR column.
  if (isString(a) && (isNumeric(b) || isDatetime(b))) return { cmp: comparator(b, b)!.cmp, coerceLeft: b };
  if ((isNumeric(a) || isDatetime(a)) && isString(b)) return { cmp: comparator(a, a)!.cmp, coerceRight: a };
  if (isDatetime(a) && isDatetime(b)) return { cmp: cmpPrimitive };
  if (a.name === b.name && (a.name === 'BOOLEAN' || isInterval(a))) return { cmp: cmpPrimitive };
  if (a.name === 'NULL' || b.name === 'NULL') return { cmp: () => 0 };
  if ((a.name === 'BINARY' || a.name === 'VARBINARY') && (b.name === 'BINARY' || b.name === 'VARBINARY'))
    return { cmp: (x, y) => Buffer.compare(x as Uint8Array, y as Uint8Array) };
  return undefined;
}
