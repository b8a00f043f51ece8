/**
 * Aggregating SELECTs (GROUP BY or WINDOWED BY STAGGER). Select items and HAVING are compiled
 * against a group's result row [...GROUP BY/PARTITION BY values, ...aggregate results]: an
 * expression equal to a grouping expression reads its value, an aggregate call reads its result,
 * unqualified ROWTIME is the window end, and any other column is an error (it is not grouped).
 */
import type { Expr, Select, SelectItem } from './ast';
import { makeAgg } from './aggregates';
import { compile, type Compiled, type Ctx } from './compile-expr';
import { SqlError } from './errors';
import { AGGREGATES } from './functions';
import { StaggerOp, TumblingOp, type GroupSpec } from './op-group';
import { Fanout, type Sink } from './pipeline';
import type { Planner } from './plan';
import { itemName, refsOf, walk, type Relation } from './plan-util';
import type { Scope } from './scope';
import { T } from './types';

/** Does the SELECT aggregate (an aggregate call outside OVER in its items or HAVING)? */
export function aggregates(sel: Select, items: SelectItem[]): boolean {
  let found = false;
  const look = (e: Expr) => walk(e, (x) => {
    if (x.kind === 'call' && x.over) return false;
    if (x.kind === 'call' && AGGREGATES.has(x.name)) found = true;
    return !found;
  });
  items.forEach((i) => look(i.expr));
  if (sel.having) look(sel.having);
  return found || !!sel.groupBy || !!sel.stagger;
}

export function planAggregate(sel: Select, items: SelectItem[], scope: Scope, p: Planner): { relation: Relation; op: Sink } {
  const ctx: Ctx = { scope, env: p.env };
  const groupExprs = sel.stagger?.partitionBy ?? sel.groupBy ?? [];
  const keys = groupExprs.map((e) => compile(e, ctx));
  const keyIndex = new Map(groupExprs.map((e, i) => [scope.keyOf(e), i]));

  const aggSlots = new Map<string, number>();
  const aggs: GroupSpec['aggs'] = [];
  const collect = (e: Expr) => walk(e, (x) => {
    if (x.kind !== 'call' || !AGGREGATES.has(x.name)) return;
    if (x.over) throw new SqlError(`Windowed aggregate ${x.name} … OVER cannot be mixed with GROUP BY or STAGGER`, x.span);
    if (x.distinct) throw new SqlError(`${x.name}(DISTINCT …) is not supported in a streaming aggregation; use COUNT_DISTINCT_ITEMS_TUMBLING`, x.span);
    const k = scope.keyOf(x);
    if (aggSlots.has(k)) return false;
    const star = x.args.length === 0 || x.args[0].kind === 'star';
    const arg = star ? undefined : compile(x.args[0], ctx);
    if (star && x.name !== 'COUNT') throw new SqlError(`${x.name}(*) is not allowed`, x.span);
    aggSlots.set(k, aggs.length);
    aggs.push({ agg: makeAgg(x.name, arg?.type, x.span), arg: arg?.fn });
    return false;
  });
  items.forEach((i) => collect(i.expr));
  if (sel.having) collect(sel.having);

  const nk = keys.length;
  const intercept = (e: Expr): Compiled | undefined => {
    const k = scope.keyOf(e);
    const ki = keyIndex.get(k);
    if (ki !== undefined) return { type: keys[ki].type, fn: (r) => r[ki] };
    const ai = aggSlots.get(k);
    if (ai !== undefined) { const slot = nk + ai; return { type: aggs[ai].agg.type, fn: (r) => r[slot] }; }
    if (e.kind === 'ident') {
      if (scope.resolve(e.parts, e.span).index === -1) return { type: T.TIMESTAMP, fn: (_r, t) => t };
      throw new SqlError(`Expression '${e.parts.join('.')}' is not being grouped`, e.span);
    }
    return undefined;
  };
  const outCtx: Ctx = { ...ctx, intercept };
  const outputs = items.map((i) => compile(i.expr, outCtx));
  const having = sel.having ? compile(sel.having, outCtx).fn : undefined;
  const spec: GroupSpec = { keys: keys.map((k) => k.fn), aggs, having, outputs: outputs.map((o) => o.fn) };
  const out = new Fanout();

  let op: Sink;
  if (sel.stagger) op = p.register(new StaggerOp(spec, sel.stagger.rangeMs, p.env, out));
  else {
    const timeIndex = timeKey(groupExprs, scope);
    op = p.register(new TumblingOp(spec, keys[timeIndex.index].fn, timeIndex.timeOnly, p.env, out));
  }
  return { relation: { columns: outputs.map((o, i) => ({ name: itemName(items[i], i), type: o.type })), out }, op };
}

/** The monotonic GROUP BY key that delimits tumbling windows. */
function timeKey(groupExprs: Expr[], scope: Scope): { index: number; timeOnly: boolean } {
  const timeOnly = groupExprs.findIndex((e) => { const refs = refsOf(e, scope); return refs.size > 0 && [...refs].every((i) => i === -1); });
  if (timeOnly >= 0) return { index: timeOnly, timeOnly: true };
  const monotonic = groupExprs.findIndex((e) => e.kind === 'call' && e.name === 'MONOTONIC');
  if (monotonic >= 0) return { index: monotonic, timeOnly: false };
  throw new SqlError('Streaming aggregation requires at least one monotonic expression in GROUP BY clause', groupExprs[0]?.span);
}
