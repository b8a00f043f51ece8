/**
 * FROM clause → an input relation: a stream, a derived table, a table function over a CURSOR,
 * and joins onto reference tables or other streams. Yields the scope the rest of the SELECT
 * resolves names in, and the Fanout its rows come out of.
 */
import type { Expr, FromItem, Join, Select, WindowSpec } from './ast';
import { compile, type Fn } from './compile-expr';
import { SqlError } from './errors';
import { StreamJoinOp, TableJoinOp, type JoinSide } from './op-join';
import { CountDistinctOp, RcfOp, TopKOp } from './op-tablefn';
import { Fanout } from './pipeline';
import type { Planner } from './plan';
import { refsOf, windowOf } from './plan-util';
import { Scope, type ScopeColumn } from './scope';
import { numericTo } from './arith';
import { T, isNumeric, isString, type Column, type SqlType, type Value } from './types';

export interface Input {
  scope: Scope;
  out: Fanout;
  /** Reference table rows, when the item is a table. */
  rows?: Value[][];
  over?: WindowSpec;
}

const scoped = (qualifier: string, cols: Column[], hidden: Column[] = []): ScopeColumn[] => [
  ...cols.map((c, index) => ({ ...c, qualifier, index })),
  ...hidden.map((c, i) => ({ ...c, qualifier, index: cols.length + i, hidden: true })),
];

export function planFrom(sel: Select, p: Planner): Input {
  let input = planItem(sel.from, sel, p);
  for (const join of sel.joins) input = planJoin(input, join, sel, p);
  return input;
}

function planItem(item: FromItem, sel: Select, p: Planner): Input {
  const over = item.kind !== 'tablefn' && item.over ? windowOf(item.over, sel) : undefined;
  if (item.kind === 'stream') {
    const stream = p.catalog.streams.get(item.name);
    if (stream) return { scope: new Scope(scoped(item.alias ?? item.name, stream.columns, stream.hidden)), out: stream.out, over };
    const table = p.catalog.tables.get(item.name);
    if (table) return { scope: new Scope(scoped(item.alias ?? item.name, table.columns)), out: new Fanout(), rows: table.rows };
    throw new SqlError(`Object '${item.name}' not found`, item.span);
  }
  if (item.kind === 'subquery') {
    const rel = p.planQuery(item.query);
    if (item.columns && item.columns.length !== rel.columns.length) throw new SqlError(`List of column aliases must have same degree as table; table has ${rel.columns.length} columns, whereas alias list has ${item.columns.length} columns`, item.span);
    const cols = rel.columns.map((c, i) => ({ ...c, name: item.columns?.[i] ?? c.name }));
    return { scope: new Scope(scoped(item.alias ?? '', cols)), out: rel.out, over };
  }
  return planTableFunction(item, p);
}

function literalArgs(item: Extract<FromItem, { kind: 'tablefn' }>): Value[] {
  return item.args.map((a: Expr) => {
    if (a.kind !== 'literal') throw new SqlError(`${item.name} takes literal arguments after the CURSOR`, a.span);
    return typeof a.value === 'bigint' ? Number(a.value) : a.value;
  });
}

function planTableFunction(item: Extract<FromItem, { kind: 'tablefn' }>, p: Planner): Input {
  const rel = p.planQuery(item.cursor);
  const args = literalArgs(item);
  const out = new Fanout();
  const columnIndex = (name: Value) => {
    const i = rel.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new SqlError(`Column '${String(name)}' not found in the CURSOR of ${item.name}`, item.span);
    return i;
  };
  let cols: Column[];
  if (item.name === 'TOP_K_ITEMS_TUMBLING') {
    const i = columnIndex(args[0]);
    const op = p.register(new TopKOp(i, Number(args[2]) * 1000, Number(args[1]), out));
    rel.out.sinks.push(op);
    cols = [{ name: 'ITEM', type: rel.columns[i].type }, { name: 'ITEM_COUNT', type: T.BIGINT }];
  } else if (item.name === 'COUNT_DISTINCT_ITEMS_TUMBLING') {
    const op = p.register(new CountDistinctOp(columnIndex(args[0]), Number(args[1]) * 1000, out));
    rel.out.sinks.push(op);
    cols = [{ name: 'NUMBER_OF_DISTINCT_ITEMS', type: T.BIGINT }];
  } else if (item.name === 'RANDOM_CUT_FOREST') {
    const numeric = rel.columns.flatMap((c, i) => {
      if (!isNumeric(c.type) || c.type.name === 'DECIMAL') return [];
      const n = numericTo(c.type, T.DOUBLE);
      return [(v: Value[]) => (v[i] === null ? 0 : (n(v[i]) as number))];
    });
    const op = p.register(new RcfOp(numeric, args.map(Number), out));
    rel.out.sinks.push(op);
    cols = [...rel.columns, { name: 'ANOMALY_SCORE', type: T.DOUBLE }];
  } else throw new SqlError(`No match found for function signature ${item.name}(<CURSOR>, …)`, item.span);
  return { scope: new Scope(scoped(item.alias ?? '', cols)), out };
}

function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  return e.kind === 'binary' && e.op === 'AND' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

function planJoin(left: Input, join: Join, sel: Select, p: Planner): Input {
  if (left.rows) throw new SqlError('A reference table can only be joined to a stream', sel.from.span);
  const right = planItem(join.item, sel, p);
  return right.rows ? planTableJoin(left, right, join, p) : planStreamJoin(left, right, join, p);
}

/** Equality keys compare by their text form, so both sides must be represented alike. */
const hashable = (a: SqlType, b: SqlType) => a.name === b.name || (isString(a) && isString(b));

function planTableJoin(left: Input, right: Input, join: Join, p: Planner): Input {
  if (join.type !== 'INNER' && join.type !== 'LEFT') throw new SqlError(`${join.type} JOIN with a reference table is not supported; use INNER or LEFT`, join.item.span);
  const lw = left.scope.width;
  const scope = new Scope([...left.scope.columns, ...right.scope.columns.map((c) => ({ ...c, index: c.index + lw }))], left.scope.rowtimes);
  const ctx = { scope, env: p.env };
  const leftKeys: Fn[] = [];
  const rightKeys: ((r: Value[]) => Value)[] = [];
  const onLeft = (refs: Set<number>) => refs.size > 0 && [...refs].every((i) => i >= 0 && i < lw);
  const onRight = (refs: Set<number>) => refs.size > 0 && [...refs].every((i) => i >= lw);
  for (const c of conjuncts(join.on)) {
    if (c.kind !== 'binary' || c.op !== '=') continue;
    const a = refsOf(c.left, scope);
    const b = refsOf(c.right, scope);
    const [l, r] = onLeft(a) && onRight(b) ? [c.left, c.right] : onLeft(b) && onRight(a) ? [c.right, c.left] : [];
    if (!l || !r) continue;
    const lc = compile(l, ctx);
    const rc = compile(r, ctx);
    if (!hashable(lc.type, rc.type)) continue;
    const pad: Value[] = new Array(lw).fill(null);
    leftKeys.push(lc.fn);
    rightKeys.push((row) => rc.fn(pad.concat(row), 0));
  }
  const on = join.on ? compile(join.on, ctx).fn : undefined;
  const out = new Fanout();
  left.out.sinks.push(new TableJoinOp(right.rows!, leftKeys, rightKeys, on, join.type === 'LEFT', p.env, out));
  return { scope, out };
}

function planStreamJoin(left: Input, right: Input, join: Join, p: Planner): Input {
  if (!left.over && !right.over && join.type !== 'CROSS') throw new SqlError('A stream-to-stream join needs a window (OVER) on at least one side', join.item.span);
  const lw = left.scope.width;
  const shift = lw + 1;
  const rowtimes = new Map(left.scope.rowtimes);
  for (const q of left.scope.qualifiers()) if (!rowtimes.has(q)) rowtimes.set(q, lw);
  for (const q of right.scope.qualifiers()) rowtimes.set(q, (right.scope.rowtimes.get(q) ?? right.scope.width) + shift);
  const scope = new Scope([...left.scope.columns, ...right.scope.columns.map((c) => ({ ...c, index: c.index + shift }))], rowtimes);
  const on = join.on ? compile(join.on, { scope, env: p.env }).fn : undefined;
  const side = (i: Input, preserve: boolean): JoinSide => ({ width: i.scope.width, rangeMs: i.over?.rangeMs, rows: i.over?.rows, preserve });
  const out = new Fanout();
  const op = p.register(new StreamJoinOp([side(left, join.type === 'LEFT' || join.type === 'FULL'), side(right, join.type === 'RIGHT' || join.type === 'FULL')], on, p.env, out));
  left.out.sinks.push(op.left);
  right.out.sinks.push(op.right);
  return { scope, out };
}
