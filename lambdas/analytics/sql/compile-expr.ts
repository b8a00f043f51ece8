/**
 * Expressions → closures over a row array and its ROWTIME, typed at plan time. NULL follows SQL's
 * three-valued logic: operators on NULL give NULL, AND/OR only know the answer when one side
 * decides it, and a WHERE keeps a row only when its condition is TRUE.
 *
 * `intercept` lets a planner substitute a node before normal compilation: aggregate queries map
 * aggregate calls and GROUP BY expressions to slots of a group's result row, and sliding-window
 * queries map `f(…) OVER w` to the values the window operator appended to the row.
 */
import type { Expr } from './ast';
import { comparator, numericBinary, numericCommon, temporalBinary } from './arith';
import type { Dec } from './decimal';
import { canCast, castFn, valueText } from './cast';
import { SqlError, type Span } from './errors';
import { callFunction } from './functions';
import { likeMatcher } from './functions-text';
import type { Scope } from './scope';
import { T, isNumeric, isString, numericRank, typeOf, typeText, type SqlType, type Value } from './types';

export type Fn = (v: Value[], t: number) => Value;

export interface Compiled {
  type: SqlType;
  fn: Fn;
}

/** Processing time, for CURRENT_ROW_TIMESTAMP and friends. */
export interface Env {
  now: number;
}

export interface Ctx {
  scope: Scope;
  env: Env;
  intercept?: (e: Expr) => Compiled | undefined;
}

export function compile(e: Expr, ctx: Ctx): Compiled {
  const hit = ctx.intercept?.(e);
  if (hit) return hit;
  const c = (x: Expr) => compile(x, ctx);
  switch (e.kind) {
    case 'literal': { const v = e.value; return { type: e.type, fn: () => v }; }
    case 'ident': return column(e, ctx) ;
    case 'star': throw new SqlError('Unknown identifier \'*\'', e.span);
    case 'unit': throw new SqlError(`Unexpected ${e.unit}`, e.span);
    case 'call': return callFunction(e, c, ctx);
    case 'unary': return unary(e.op, c(e.operand), e);
    case 'binary': return binary(e, c(e.left), c(e.right));
    case 'isnull': { const f = c(e.operand).fn; return { type: T.BOOLEAN, fn: e.not ? (v, t) => f(v, t) !== null : (v, t) => f(v, t) === null }; }
    case 'istruth': { const f = c(e.operand).fn; const want = e.truth; return { type: T.BOOLEAN, fn: (v, t) => (f(v, t) === want) !== e.not }; }
    case 'like': return like(e, c);
    case 'between': {
      const x = c(e.operand);
      const ge = compare('>=', x, c(e.low), e);
      const le = compare('<=', x, c(e.high), e);
      return { type: T.BOOLEAN, fn: (v, t) => not(e.not, and(ge(v, t), le(v, t))) };
    }
    case 'in': {
      const x = c(e.operand);
      const tests = e.list.map((item) => compare('=', x, c(item), e));
      return { type: T.BOOLEAN, fn: (v, t) => { let r: Value = false; for (const test of tests) { const m = test(v, t); if (m === true) return not(e.not, true); if (m === null) r = null; } return not(e.not, r); } };
    }
    case 'case': return caseExpr(e, c);
    case 'cast': return cast(c(e.operand), e.type, e);
    case 'qualify': {
      const x = c(e.operand);
      if (x.type.name !== 'INTERVAL_DT') throw new SqlError(`Interval qualifier ${e.unit} needs an interval, not ${typeText(x.type)}`, e.span);
      return { type: { ...x.type, unit: e.unit }, fn: x.fn };
    }
  }
}

/** Niladic functions are written without parentheses (CURRENT_ROW_TIMESTAMP) but are not columns. */
const NILADIC = new Set(['CURRENT_ROW_TIMESTAMP', 'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'LOCALTIMESTAMP']);

function column(e: Extract<Expr, { kind: 'ident' }>, ctx: Ctx): Compiled {
  if (e.parts.length === 1 && NILADIC.has(e.parts[0]) && !ctx.scope.columns.some((col) => col.name === e.parts[0]))
    return callFunction({ kind: 'call', name: e.parts[0], args: [], seps: [], distinct: false, span: e.span }, (x) => compile(x, ctx), ctx);
  const r = ctx.scope.resolve(e.parts, e.span);
  if (r.index === -1) return { type: r.type, fn: (_v, t) => t };
  const i = r.index;
  if (r.path.length === 0) return { type: r.type, fn: (v) => v[i] };
  const path = r.path;
  return { type: r.type, fn: (v) => { let x: Value = v[i]; for (const p of path) x = x === null ? null : (x as Value[])[p] ?? null; return x; } };
}

const not = (negate: boolean, x: Value): Value => (negate && x !== null ? !x : x);
const and = (a: Value, b: Value): Value => (a === false || b === false ? false : a === null || b === null ? null : true);

export function cast(x: Compiled, to: SqlType, e: { span: Span }): Compiled {
  if (!canCast(x.type, to)) throw new SqlError(`Cast function cannot convert value of type ${typeText(x.type)} to type ${typeText(to)}`, e.span);
  const f = x.fn;
  const conv = castFn(x.type, to);
  return { type: to, fn: (v, t) => { const a = f(v, t); return a === null ? null : conv(a); } };
}

function unary(op: string, x: Compiled, e: Expr): Compiled {
  const f = x.fn;
  if (op === 'NOT') return { type: T.BOOLEAN, fn: (v, t) => { const a = f(v, t); return a === null ? null : !a; } };
  if (op === '+') return x;
  if (x.type.name === 'NULL') return x;
  if (isNumeric(x.type)) {
    const n = x.type.name;
    const neg: (a: Value) => Value =
      n === 'BIGINT' ? (a) => BigInt.asIntN(64, -(a as bigint)) : n === 'DECIMAL' ? (a) => (a as Dec).neg() : n === 'REAL' || n === 'DOUBLE' ? (a) => -(a as number) : (a) => -(a as number) | 0;
    return { type: numericCommon(x.type, x.type), fn: (v, t) => { const a = f(v, t); return a === null ? null : neg(a); } };
  }
  if (x.type.name.startsWith('INTERVAL')) return { type: x.type, fn: (v, t) => { const a = f(v, t); return a === null ? null : -(a as number); } };
  throw new SqlError(`Cannot apply '-' to arguments of type '-<${typeText(x.type)}>'`, e.span);
}

/** `a op b` for comparison operators, returning TRUE/FALSE/NULL. */
function compare(op: string, l: Compiled, r: Compiled, e: Expr): Fn {
  const c = comparator(l.type, r.type);
  if (!c) throw new SqlError(`Cannot apply '${op}' to arguments of type '<${typeText(l.type)}> ${op} <${typeText(r.type)}>'`, e.span);
  const lf = c.coerceLeft ? cast(l, c.coerceLeft, e).fn : l.fn;
  const rf = c.coerceRight ? cast(r, c.coerceRight, e).fn : r.fn;
  const cmp = c.cmp;
  const test: (n: number) => boolean =
    op === '=' ? (n) => n === 0 : op === '<>' ? (n) => n !== 0 : op === '<' ? (n) => n < 0 : op === '<=' ? (n) => n <= 0 : op === '>' ? (n) => n > 0 : (n) => n >= 0;
  return (v, t) => { const a = lf(v, t); if (a === null) return null; const b = rf(v, t); return b === null ? null : test(cmp(a, b)); };
}

function binary(e: Extract<Expr, { kind: 'binary' }>, l: Compiled, r: Compiled): Compiled {
  const { op } = e;
  const lf = l.fn;
  const rf = r.fn;
  if (op === 'AND') return { type: T.BOOLEAN, fn: (v, t) => { const a = lf(v, t); if (a === false) return false; const b = rf(v, t); return b === false ? false : a === null || b === null ? null : true; } };
  if (op === 'OR') return { type: T.BOOLEAN, fn: (v, t) => { const a = lf(v, t); if (a === true) return true; const b = rf(v, t); return b === true ? true : a === null || b === null ? null : false; } };
  if (['=', '<>', '<', '<=', '>', '>='].includes(op)) return { type: T.BOOLEAN, fn: compare(op, l, r, e) };
  if (op === '||') {
    const ls = isString(l.type) ? lf : text(l);
    const rs = isString(r.type) ? rf : text(r);
    return { type: typeOf('VARCHAR', (l.type.precision ?? 0) + (r.type.precision ?? 0) || 65535), fn: (v, t) => { const a = ls(v, t); if (a === null) return null; const b = rs(v, t); return b === null ? null : (a as string) + (b as string); } };
  }
  if (l.type.name === 'NULL' || r.type.name === 'NULL') return { type: l.type.name === 'NULL' ? r.type : l.type, fn: () => null };
  const arith = isNumeric(l.type) && isNumeric(r.type) ? numericBinary(op, l.type, r.type) : temporalBinary(op, l.type, r.type);
  if (!arith) throw new SqlError(`Cannot apply '${op}' to arguments of type '<${typeText(l.type)}> ${op} <${typeText(r.type)}>'`, e.span);
  const f = arith.fn;
  return { type: arith.type, fn: (v, t) => { const a = lf(v, t); if (a === null) return null; const b = rf(v, t); return b === null ? null : f(a, b); } };
}

function text(x: Compiled): Fn {
  const f = x.fn;
  return (v, t) => { const a = f(v, t); return a === null ? null : valueText(x.type, a); };
}

function like(e: Extract<Expr, { kind: 'like' }>, c: (x: Expr) => Compiled): Compiled {
  const x = c(e.operand).fn;
  const p = c(e.pattern).fn;
  const esc = e.escape ? c(e.escape).fn : undefined;
  const matcher = likeMatcher(e.similar);
  return { type: T.BOOLEAN, fn: (v, t) => {
    const s = x(v, t);
    const pat = p(v, t);
    const escape = esc ? esc(v, t) : undefined;
    if (s === null || pat === null || escape === null) return null;
    return matcher(pat as string, escape as string | undefined).test(s as string) !== e.not;
  } };
}

/** The type values of several branches (CASE, COALESCE, UNION ALL) are brought to. */
export function commonType(types: SqlType[]): SqlType {
  const known = types.filter((t) => t.name !== 'NULL');
  if (known.length === 0) return T.NULL;
  if (known.every(isNumeric)) return known.reduce((a, b) => (numericRank(a) === numericRank(b) && a.name !== 'DECIMAL' ? a : numericCommon(a, b)));
  if (known.every(isString)) return typeOf('VARCHAR', Math.max(...known.map((t) => t.precision ?? 65535)));
  return known[0];
}

export function coerceTo(x: Compiled, to: SqlType, e: { span: Span }): Compiled {
  return x.type.name === to.name && x.type.precision === to.precision && x.type.scale === to.scale ? x : x.type.name === 'NULL' ? { type: to, fn: x.fn } : cast(x, to, e);
}

function caseExpr(e: Extract<Expr, { kind: 'case' }>, c: (x: Expr) => Compiled): Compiled {
  const thens = e.whens.map((w) => c(w.then));
  const otherwise = e.otherwise ? c(e.otherwise) : { type: T.NULL, fn: () => null };
  const type = commonType([...thens.map((x) => x.type), otherwise.type]);
  const results = [...thens, otherwise].map((x) => coerceTo(x, type, e).fn);
  const conds = e.whens.map((w) => (e.operand ? compare('=', c(e.operand), c(w.when), e) : c(w.when).fn));
  const last = results[results.length - 1];
  return { type, fn: (v, t) => { for (let i = 0; i < conds.length; i++) if (conds[i](v, t) === true) return results[i](v, t); return last(v, t); } };
}
