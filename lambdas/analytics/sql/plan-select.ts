/**
 * One SELECT → operators: FROM (plan-from), then WHERE, then either aggregation (plan-aggregate)
 * or ORDER BY buckets, sliding windows and the projection, in that order (WHERE filters rows before
 * they enter a window, as in SQL).
 */
import type { Expr, OrderItem, Select, SelectItem } from './ast';
import { makeAgg } from './aggregates';
import { comparator } from './arith';
import { compile, type Compiled, type Ctx } from './compile-expr';
import { SqlError } from './errors';
import { OrderOp } from './op-tablefn';
import { SlidingOp, type SlidingWindow } from './op-sliding';
import { Fanout, ProjectOp, type Sink } from './pipeline';
import type { Planner } from './plan';
import { aggregates, planAggregate } from './plan-aggregate';
import { planFrom } from './plan-from';
import { itemName, refsOf, walk, windowOf, type Relation } from './plan-util';
import type { Scope } from './scope';
import { typeText } from './types';

/** `*` and `q.*` replaced by the columns they stand for. */
function expandStars(items: SelectItem[], scope: Scope): SelectItem[] {
  return items.flatMap((item) => {
    if (item.expr.kind !== 'star') return [item];
    const span = item.expr.span;
    return scope.expand(item.expr.qualifier, span).map((c) => ({ expr: { kind: 'ident', parts: c.qualifier ? [c.qualifier, c.name] : [c.name], span } as Expr }));
  });
}

export function planSelect(sel: Select, orderBy: OrderItem[] | undefined, p: Planner): Relation {
  const input = planFrom(sel, p);
  if (input.rows) throw new SqlError('A reference table can only be joined to a stream', sel.from.span);
  const scope = input.scope;
  const ctx: Ctx = { scope, env: p.env };
  const items = expandStars(sel.items, scope);
  const where = sel.where ? compile(sel.where, ctx) : undefined;
  if (where && where.type.name !== 'BOOLEAN') throw new SqlError(`WHERE clause must be a condition, not ${typeText(where.type)}`, sel.where!.span);

  if (aggregates(sel, items)) {
    if (orderBy) throw new SqlError('ORDER BY is only supported on queries without aggregation', orderBy[0].expr.span);
    const { relation, op } = planAggregate(sel, items, scope, p);
    input.out.sinks.push(where ? new ProjectOp(p.env, where.fn, undefined, op) : op);
    return relation;
  }

  const out = new Fanout();
  const windows: SlidingWindow[] = [];
  const intercept = slidingCalls(sel, items, ctx, windows);
  const outputs = items.map((i) => compile(i.expr, { ...ctx, intercept }));
  let next: Sink = new ProjectOp(p.env, windows.length ? undefined : where?.fn, outputs.map((o) => o.fn), out);
  if (windows.length) next = p.register(new SlidingOp(windows, p.env, next));
  if (orderBy) next = p.register(orderOp(orderBy, ctx, p, next));
  input.out.sinks.push(windows.length && where ? new ProjectOp(p.env, where.fn, undefined, next) : next);
  return { columns: outputs.map((o, i) => ({ name: itemName(items[i], i), type: o.type })), out };
}

/**
 * Collects `f(…) OVER w` calls into per-window calculations and returns the intercept that reads
 * each result from the slot SlidingOp writes it to (after the input row's own columns).
 */
function slidingCalls(sel: Select, items: SelectItem[], ctx: Ctx, windows: SlidingWindow[]): (e: Expr) => Compiled | undefined {
  const slots = new Map<string, Compiled>();
  const byWindow = new Map<string, SlidingWindow>();
  const calls: Extract<Expr, { kind: 'call' }>[] = [];
  for (const item of items) walk(item.expr, (x) => { if (x.kind === 'call' && x.over) { calls.push(x); return false; } });
  for (const call of calls) {
    const key = ctx.scope.keyOf(call);
    if (slots.has(key)) continue;
    const spec = windowOf(call.over!, sel);
    const wkey = JSON.stringify([spec.partitionBy.map((e) => ctx.scope.keyOf(e)), spec.rangeMs, spec.rows]);
    let win = byWindow.get(wkey);
    if (!win) {
      win = { partition: spec.partitionBy.map((e) => compile(e, ctx).fn), rangeMs: spec.rangeMs, rows: spec.rows, calcs: [] };
      byWindow.set(wkey, win);
      windows.push(win);
    }
    const star = call.args.length === 0 || call.args[0].kind === 'star';
    const arg = star ? undefined : compile(call.args[0], ctx);
    const offsetArg = call.args[1];
    if (offsetArg && (offsetArg.kind !== 'literal' || typeof offsetArg.value !== 'number')) throw new SqlError(`${call.name} offset must be an integer literal`, call.span);
    const fallbackArg = call.args[2];
    if (fallbackArg && fallbackArg.kind !== 'literal') throw new SqlError(`${call.name} default must be a literal`, call.span);
    const agg = makeAgg(call.name, arg?.type, call.span, offsetArg ? (offsetArg.value as number) : 1, fallbackArg?.kind === 'literal' ? fallbackArg.value : null);
    const slot = ctx.scope.width + slots.size;
    win.calcs.push({ agg, arg: arg?.fn, slot });
    slots.set(key, { type: agg.type, fn: (v) => v[slot] });
  }
  return (e) => (e.kind === 'call' && e.over ? slots.get(ctx.scope.keyOf(e)) : undefined);
}

/** ORDER BY: a monotonic time expression first, then the keys rows of one bucket are sorted by. */
function orderOp(orderBy: OrderItem[], ctx: Ctx, p: Planner, next: Sink): OrderOp {
  const [lead, ...rest] = orderBy;
  const refs = refsOf(lead.expr, ctx.scope);
  if (refs.size === 0 || ![...refs].every((i) => i === -1)) throw new SqlError('The first ORDER BY expression must be a monotonic expression of ROWTIME', lead.expr.span);
  const keys = rest.map((o) => {
    const c = compile(o.expr, ctx);
    const cmp = comparator(c.type, c.type);
    if (!cmp) throw new SqlError(`Cannot order by ${typeText(c.type)}`, o.expr.span);
    return { fn: c.fn, cmp: cmp.cmp, desc: o.desc };
  });
  return new OrderOp(compile(lead.expr, ctx).fn, keys, p.env, next);
}
