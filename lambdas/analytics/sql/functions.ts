/**
 * Scalar functions: numbers, NULL handling, time. String and regex functions live in
 * functions-text.ts. Each builder checks its arguments at plan time and returns a closure; NULL in
 * means NULL out unless the function says otherwise (COALESCE, NULLIF).
 */
import type { Expr } from './ast';
import { numericTo } from './arith';
import { ceilTo, extractField, floorTo, formatPattern, parsePattern, UNIT_MS } from './datetime';
import { Dec } from './decimal';
import { badArgument, SqlError } from './errors';
import type { Compiled, Ctx } from './compile-expr';
import { coerceTo, commonType } from './compile-expr';
import { TEXT_FUNCTIONS } from './functions-text';
import { T, isDatetime, isInterval, isNumeric, isSmallInt, isString, typeText, type SqlType, type Value } from './types';

export type Call = Extract<Expr, { kind: 'call' }>;
export type Builder = (call: Call, c: (e: Expr) => Compiled, ctx: Ctx) => Compiled;

/** NULL-propagating function of already-compiled arguments. */
export function strict(type: SqlType, args: Compiled[], f: (...xs: any[]) => Value): Compiled { // eslint-disable-line @typescript-eslint/no-explicit-any
  const fs = args.map((a) => a.fn);
  if (fs.length === 1) { const [a] = fs; return { type, fn: (v, t) => { const x = a(v, t); return x === null ? null : f(x); } }; }
  if (fs.length === 2) { const [a, b] = fs; return { type, fn: (v, t) => { const x = a(v, t); if (x === null) return null; const y = b(v, t); return y === null ? null : f(x, y); } }; }
  return { type, fn: (v, t) => { const xs: Value[] = []; for (const g of fs) { const x = g(v, t); if (x === null) return null; xs.push(x); } return f(...xs); } };
}

export function arity(call: Call, min: number, max = min): void {
  if (call.args.length < min || call.args.length > max) throw new SqlError(`Invalid number of arguments to function '${call.name}'. Was expecting ${min === max ? min : `${min} to ${max}`} arguments`, call.span);
}

export function expect(call: Call, x: Compiled, ok: (t: SqlType) => boolean, what: string): void {
  if (x.type.name !== 'NULL' && !ok(x.type)) throw new SqlError(`Cannot apply '${call.name}' to arguments of type '${call.name}(<${typeText(x.type)}>)'. Supported form(s): ${call.name}(<${what}>)`, call.span);
}

const unitOf = (e: Expr | undefined) => (e?.kind === 'unit' ? e.unit : undefined);

function roundTo(call: Call, c: (e: Expr) => Compiled, up: boolean): Compiled {
  const x = c(call.args[0]);
  const unit = unitOf(call.args[1]);
  if (unit) {
    if (isDatetime(x.type)) return strict(x.type, [x], up ? (a: number) => ceilTo(a, unit) : (a: number) => floorTo(a, unit));
    if (x.type.name === 'INTERVAL_DT') { const ms = UNIT_MS[unit]; return strict(x.type, [x], up ? (a: number) => Math.ceil(a / ms) * ms : (a: number) => Math.floor(a / ms) * ms); }
    throw new SqlError(`${call.name}(… TO ${unit}) needs a datetime or interval, not ${typeText(x.type)}`, call.span);
  }
  arity(call, 1);
  expect(call, x, isNumeric, 'NUMERIC');
  if (x.type.name === 'DECIMAL') return strict({ ...x.type, scale: 0 }, [x], (a: Dec) => { const t = a.rescale(0); const back = t.rescale(a.scale); const c2 = back.cmp(a); return up ? (c2 < 0 ? t.add(new Dec(1n, 0)) : t) : c2 > 0 ? t.sub(new Dec(1n, 0)) : t; });
  if (x.type.name === 'REAL' || x.type.name === 'DOUBLE') return strict(x.type, [x], up ? Math.ceil : Math.floor);
  return x;
}

function step(call: Call, c: (e: Expr) => Compiled): Compiled {
  arity(call, 2);
  const x = c(call.args[0]);
  const by = c(call.args[1]);
  if (isDatetime(x.type) && by.type.name === 'INTERVAL_DT') return strict(x.type, [x, by], (a: number, n: number) => Math.floor(a / n) * n);
  if (isDatetime(x.type) && by.type.name === 'INTERVAL_YM') return strict(x.type, [x, by], (a: number, n: number) => {
    const d = new Date(a);
    const months = d.getUTCFullYear() * 12 + d.getUTCMonth() - 1970 * 12;
    const m = Math.floor(months / n) * n + 1970 * 12;
    return Date.UTC(Math.floor(m / 12), m % 12, 1);
  });
  if (isNumeric(x.type) && isNumeric(by.type) && x.type.name !== 'DECIMAL') {
    if (x.type.name === 'BIGINT' || by.type.name === 'BIGINT') { const ca = numericTo(x.type, T.BIGINT); const cb = numericTo(by.type, T.BIGINT); return strict(T.BIGINT, [x, by], (a, n) => { const p = ca(a) as bigint; const q = cb(n) as bigint; const r = p % q; return p - (r < 0n ? r + q : r); }); }
    return strict(isSmallInt(x.type) ? T.INTEGER : x.type, [x, by], (a: number, n: number) => Math.floor(a / n) * n);
  }
  throw new SqlError(`Cannot apply 'STEP' to arguments of type 'STEP(<${typeText(x.type)}> BY <${typeText(by.type)}>)'`, call.span);
}

function sameType(call: Call, c: (e: Expr) => Compiled, f: (xs: Value[]) => Value): Compiled {
  const xs = call.args.map(c);
  const type = commonType(xs.map((x) => x.type));
  const fs = xs.map((x) => coerceTo(x, type, call).fn);
  return { type, fn: (v, t) => f(fs.map((g) => g(v, t))) };
}

const doubleFn = (f: (x: number) => number): Builder => (call, c) => {
  arity(call, 1);
  const x = c(call.args[0]);
  expect(call, x, isNumeric, 'NUMERIC');
  const n = numericTo(x.type, T.DOUBLE);
  return strict(T.DOUBLE, [x], (a) => f(n(a) as number));
};

const timeArg = (call: Call, c: (e: Expr) => Compiled, i: number) => {
  const x = c(call.args[i]);
  expect(call, x, isDatetime, 'TIMESTAMP');
  return x;
};

const now = (type: SqlType, f: (ms: number) => number): Builder => (_call, _c, ctx) => ({ type, fn: () => f(ctx.env.now) });

const FUNCTIONS: Record<string, Builder> = {
  ABS: (call, c) => {
    arity(call, 1);
    const x = c(call.args[0]);
    expect(call, x, (t) => isNumeric(t) || isInterval(t), 'NUMERIC');
    const n = x.type.name;
    return strict(x.type, [x], n === 'BIGINT' ? (a: bigint) => (a < 0n ? -a : a) : n === 'DECIMAL' ? (a: Dec) => (a.unscaled < 0n ? a.neg() : a) : isSmallInt(x.type) ? (a: number) => Math.abs(a) | 0 : Math.abs);
  },
  FLOOR: (call, c) => roundTo(call, c, false),
  CEIL: (call, c) => roundTo(call, c, true),
  CEILING: (call, c) => roundTo(call, c, true),
  STEP: step,
  EXP: doubleFn(Math.exp),
  LN: doubleFn((x) => { if (x <= 0) throw badArgument('LN', `cannot take the logarithm of ${x}`); return Math.log(x); }),
  LOG10: doubleFn((x) => { if (x <= 0) throw badArgument('LOG10', `cannot take the logarithm of ${x}`); return Math.log10(x); }),
  SQRT: doubleFn((x) => { if (x < 0) throw badArgument('SQRT', `cannot take the square root of ${x}`); return Math.sqrt(x); }),
  POWER: (call, c) => {
    arity(call, 2);
    const [a, b] = call.args.map(c);
    const na = numericTo(a.type, T.DOUBLE);
    const nb = numericTo(b.type, T.DOUBLE);
    return strict(T.DOUBLE, [a, b], (x, y) => Math.pow(na(x) as number, nb(y) as number));
  },
  MOD: (call, c) => {
    arity(call, 2);
    return c({ kind: 'binary', op: '%', left: call.args[0], right: call.args[1], span: call.span });
  },
  COALESCE: (call, c) => sameType(call, c, (xs) => xs.find((x) => x !== null) ?? null),
  NULLIF: (call, c) => {
    arity(call, 2);
    const eq = c({ kind: 'binary', op: '=', left: call.args[0], right: call.args[1], span: call.span }).fn;
    const a = c(call.args[0]);
    return { type: a.type, fn: (v, t) => (eq(v, t) === true ? null : a.fn(v, t)) };
  },
  MONOTONIC: (call, c) => { arity(call, 1); return c(call.args[0]); },
  EXTRACT: (call, c) => {
    const field = unitOf(call.args[0]);
    if (!field || call.seps[0] !== 'FROM') throw new SqlError('EXTRACT expects EXTRACT(unit FROM datetime)', call.span);
    const x = c(call.args[1]);
    if (isInterval(x.type)) return strict(T.BIGINT, [x], (ms: number) => BigInt(Math.trunc(ms / (UNIT_MS[field] ?? 1))));
    expect(call, x, isDatetime, 'DATETIME');
    return strict(T.INTEGER, [x], (ms: number) => extractField(field, ms));
  },
  TSDIFF: (call, c) => { arity(call, 2); return strict(T.BIGINT, [timeArg(call, c, 0), timeArg(call, c, 1)], (a: number, b: number) => BigInt(a - b)); },
  UNIX_TIMESTAMP: (call, c) => { arity(call, 1); return strict(T.BIGINT, [timeArg(call, c, 0)], (a: number) => BigInt(a)); },
  TO_TIMESTAMP: (call, c) => {
    arity(call, 1);
    const x = c(call.args[0]);
    expect(call, x, isNumeric, 'BIGINT');
    const n = numericTo(x.type, T.DOUBLE);
    return strict(T.TIMESTAMP, [x], (a) => Math.trunc(n(a) as number));
  },
  TIMESTAMP_TO_CHAR: (call, c) => toChar(call, c),
  DATE_TO_CHAR: (call, c) => toChar(call, c),
  TIME_TO_CHAR: (call, c) => toChar(call, c),
  CHAR_TO_TIMESTAMP: (call, c) => fromChar(call, c, T.TIMESTAMP),
  CHAR_TO_DATE: (call, c) => fromChar(call, c, T.DATE),
  CHAR_TO_TIME: (call, c) => fromChar(call, c, T.TIME),
  CURRENT_ROW_TIMESTAMP: now(T.TIMESTAMP, (ms) => ms),
  CURRENT_TIMESTAMP: now(T.TIMESTAMP, (ms) => ms),
  LOCALTIMESTAMP: now(T.TIMESTAMP, (ms) => ms),
  CURRENT_DATE: now(T.DATE, (ms) => floorTo(ms, 'DAY')),
  CURRENT_TIME: now(T.TIME, (ms) => ms % 86_400_000),
  LOCALTIME: now(T.TIME, (ms) => ms % 86_400_000),
  ...TEXT_FUNCTIONS,
};

function toChar(call: Call, c: (e: Expr) => Compiled): Compiled {
  arity(call, 2);
  const fmt = c(call.args[0]);
  expect(call, fmt, isString, 'VARCHAR');
  return strict(T.VARCHAR, [fmt, timeArg(call, c, 1)], (f: string, ms: number) => formatPattern(f, ms));
}

function fromChar(call: Call, c: (e: Expr) => Compiled, type: SqlType): Compiled {
  arity(call, 2);
  const [fmt, s] = call.args.map(c);
  expect(call, fmt, isString, 'VARCHAR');
  expect(call, s, isString, 'VARCHAR');
  return strict(type, [fmt, s], (f: string, text: string) => {
    const ms = parsePattern(f, text);
    if (ms === undefined) throw badArgument(call.name, `'${text}' does not match the format '${f}'`);
    return type.name === 'TIME' ? ms % 86_400_000 : type.name === 'DATE' ? floorTo(ms, 'DAY') : ms;
  });
}

/** Aggregate and analytic names: only meaningful in GROUP BY/STAGGER queries or with OVER. */
export const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'FIRST_VALUE', 'LAST_VALUE', 'STDDEV_POP', 'STDDEV_SAMP', 'STDDEV', 'VAR_POP', 'VAR_SAMP', 'VARIANCE', 'EXP_AVG', 'LAG', 'NTH_VALUE']);

export function callFunction(call: Call, c: (e: Expr) => Compiled, ctx: Ctx): Compiled {
  if (AGGREGATES.has(call.name)) {
    throw new SqlError(call.over ? `Window function ${call.name} is not allowed here` : `Aggregate function ${call.name} needs GROUP BY, WINDOWED BY STAGGER or an OVER window`, call.span);
  }
  const builder = FUNCTIONS[call.name];
  if (!builder) throw new SqlError(`No match found for function signature ${call.name}(${call.args.map(() => '<ANY>').join(', ')})`, call.span);
  return builder(call, c, ctx);
}
