/**
 * Aggregate functions as (init, add, remove, result) over a plain, JSON-encodable state, so the same
 * definitions serve tumbling and stagger groups (add only) and sliding windows (rows leave in
 * arrival order through `remove`). NULL arguments are skipped except by COUNT(*), FIRST_VALUE,
 * LAST_VALUE and LAG, which see every row. SUM/AVG keep the argument's type: AVG over an INTEGER
 * column truncates (30.5 → 30), as the hosted engine did.
 */
import { comparator, numericBinary, numericTo } from './arith';
import { SqlError, type Span } from './errors';
import { T, isNumeric, isSmallInt, typeText, type SqlType, type Value } from './types';

/** A row's argument when the aggregate has none (COUNT(*)). */
export const ROW_MARK = true;

export interface Agg {
  type: SqlType;
  /** Sees NULL arguments (otherwise they are skipped). */
  seesNulls?: boolean;
  init(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
  add(s: any, x: Value): void; // eslint-disable-line @typescript-eslint/no-explicit-any
  remove(s: any, x: Value): void; // eslint-disable-line @typescript-eslint/no-explicit-any
  result(s: any): Value; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function count(): Agg {
  return { type: T.BIGINT, init: () => ({ n: 0 }), add: (s) => { s.n++; }, remove: (s) => { s.n--; }, result: (s) => BigInt(s.n) };
}

function sum(type: SqlType, avg: boolean): Agg {
  const t = isSmallInt(type) ? T.INTEGER : type;
  const widen = numericTo(type, t);
  const plus = numericBinary('+', t, t).fn;
  const minus = numericBinary('-', t, t).fn;
  const div = numericBinary('/', t, T.INTEGER);
  return {
    type: avg ? div.type : t,
    init: () => ({ n: 0, sum: null as Value }),
    add: (s, x) => { s.n++; s.sum = s.sum === null ? widen(x) : plus(s.sum, widen(x)); },
    remove: (s, x) => { s.n--; s.sum = s.n === 0 ? null : minus(s.sum, widen(x)); },
    result: (s) => (s.n === 0 ? null : avg ? div.fn(s.sum, s.n) : s.sum),
  };
}

/** MIN/MAX: a monotonic queue of candidates, so removing the oldest row is O(1). */
function extreme(type: SqlType, max: boolean, span: Span): Agg {
  const c = comparator(type, type);
  if (!c) throw new SqlError(`Cannot apply ${max ? 'MAX' : 'MIN'} to ${typeText(type)}`, span);
  const worse = max ? (a: Value, b: Value) => c.cmp(a, b) < 0 : (a: Value, b: Value) => c.cmp(a, b) > 0;
  return {
    type,
    init: () => ({ q: [] as Value[], h: 0 }),
    add: (s, x) => {
      while (s.q.length > s.h && worse(s.q[s.q.length - 1], x)) s.q.pop();
      s.q.push(x);
    },
    remove: (s, x) => {
      if (s.q.length > s.h && c.cmp(s.q[s.h], x) === 0) s.h++;
      if (s.h > 64 && s.h * 2 > s.q.length) { s.q = s.q.slice(s.h); s.h = 0; }
    },
    result: (s) => (s.q.length > s.h ? s.q[s.h] : null),
  };
}

/** The window's rows in order (FIRST_VALUE, LAST_VALUE, LAG, NTH_VALUE); `fallback` when the row picked is not there. */
function ordered(type: SqlType, pick: (q: Value[], h: number) => Value | undefined, fallback: Value = null): Agg {
  return {
    type,
    seesNulls: true,
    init: () => ({ q: [] as Value[], h: 0 }),
    add: (s, x) => { s.q.push(x); },
    remove: (s) => {
      s.h++;
      if (s.h > 64 && s.h * 2 > s.q.length) { s.q = s.q.slice(s.h); s.h = 0; }
    },
    result: (s) => {
      const x = s.q.length > s.h ? pick(s.q, s.h) : undefined;
      return x === undefined ? fallback : x;
    },
  };
}

function variance(type: SqlType, sample: boolean, root: boolean): Agg {
  const n = numericTo(type, T.DOUBLE);
  return {
    type: T.DOUBLE,
    init: () => ({ n: 0, s1: 0, s2: 0 }),
    add: (s, x) => { const v = n(x) as number; s.n++; s.s1 += v; s.s2 += v * v; },
    remove: (s, x) => { const v = n(x) as number; s.n--; s.s1 -= v; s.s2 -= v * v; },
    result: (s) => {
      const d = sample ? s.n - 1 : s.n;
      if (d <= 0) return null;
      const v = Math.max(0, (s.s2 - (s.s1 * s.s1) / s.n) / d);
      return root ? Math.sqrt(v) : v;
    },
  };
}

/** An aggregate by name for an argument type; `offset` is LAG's and NTH_VALUE's N, `fallback` LAG's default. */
export function makeAgg(name: string, argType: SqlType | undefined, span: Span, offset = 1, fallback: Value = null): Agg {
  const type = argType ?? T.BIGINT;
  const numeric = () => { if (!isNumeric(type) && type.name !== 'NULL') throw new SqlError(`Cannot apply '${name}' to arguments of type '${name}(<${typeText(type)}>)'`, span); };
  switch (name) {
    case 'COUNT': return count();
    case 'SUM': numeric(); return sum(type, false);
    case 'AVG': numeric(); return sum(type, true);
    case 'MIN': return extreme(type, false, span);
    case 'MAX': return extreme(type, true, span);
    case 'FIRST_VALUE': return ordered(type, (q, h) => q[h]);
    case 'LAST_VALUE': return ordered(type, (q) => q[q.length - 1]);
    case 'LAG': return ordered(type, (q, h) => (q.length - 1 - offset >= h ? q[q.length - 1 - offset] : undefined), fallback);
    case 'NTH_VALUE': return ordered(type, (q, h) => (h + offset - 1 < q.length ? q[h + offset - 1] : undefined));
    case 'VAR_POP': numeric(); return variance(type, false, false);
    case 'VAR_SAMP': case 'VARIANCE': numeric(); return variance(type, true, false);
    case 'STDDEV_POP': numeric(); return variance(type, false, true);
    case 'STDDEV_SAMP': case 'STDDEV': numeric(); return variance(type, true, true);
    default: throw new SqlError(`Aggregate function ${name} is not supported`, span);
  }
}
