/** Helpers the planner modules share: walking expressions, naming output columns, window lookup. */
import type { Expr, FromItem, Query, Select, SelectItem, WindowRef, WindowSpec } from './ast';
import { SqlError } from './errors';
import type { Scope } from './scope';
import type { Column } from './types';

export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'call': return [...e.args, ...(e.over && 'spec' in e.over ? e.over.spec.partitionBy : [])];
    case 'binary': return [e.left, e.right];
    case 'unary': case 'isnull': case 'istruth': case 'cast': case 'qualify': return [e.operand];
    case 'like': return [e.operand, e.pattern, ...(e.escape ? [e.escape] : [])];
    case 'between': return [e.operand, e.low, e.high];
    case 'in': return [e.operand, ...e.list];
    case 'case': return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.otherwise ? [e.otherwise] : [])];
    default: return [];
  }
}

/** Visit e and its sub-expressions; `visit` returning false skips a node's children. */
export function walk(e: Expr, visit: (x: Expr) => boolean | void): void {
  if (visit(e) === false) return;
  for (const c of children(e)) walk(c, visit);
}

/** Row indices an expression reads (-1: the row's own ROWTIME). */
export function refsOf(e: Expr, scope: Scope): Set<number> {
  const refs = new Set<number>();
  walk(e, (x) => {
    if (x.kind === 'ident') {
      try { refs.add(scope.resolve(x.parts, x.span).index); } catch { refs.add(Number.NaN); }
    }
  });
  return refs;
}

/** The name an unaliased select item gets: its column name, else EXPR$<position>. */
export function itemName(item: SelectItem, i: number): string {
  if (item.alias) return item.alias;
  if (item.expr.kind === 'ident') return item.expr.parts[item.expr.parts.length - 1];
  return `EXPR$${i}`;
}

export function windowOf(ref: WindowRef, sel: Select): WindowSpec {
  if ('spec' in ref) return ref.spec;
  const w = sel.windows.find((x) => x.name === ref.name);
  if (!w) throw new SqlError(`Window '${ref.name}' not found`, ref.span);
  return w.spec;
}

export interface Relation {
  columns: Column[];
  /** Where the relation's rows come out; downstream operators add themselves as sinks. */
  out: import('./pipeline').Fanout;
}

/** The in-application streams and tables a query reads, through derived tables and cursors. */
export function sourcesOf(q: Query): string[] {
  const item = (f: FromItem): string[] => (f.kind === 'stream' ? [f.name] : sourcesOf(f.kind === 'subquery' ? f.query : f.cursor));
  return q.selects.flatMap((s) => [...item(s.from), ...s.joins.flatMap((j) => item(j.item))]);
}
