/**
 * Application code → a graph of operators between in-application streams. Streams are declared
 * first (in any order relative to pumps); each pump's query is planned into operators that read
 * its FROM streams and end in an insert into its target. Stateful operators are kept in plan order,
 * which is the same for the same code, so a snapshot maps back onto a freshly planned graph.
 */
import type { Query, Statement } from './ast';
import { coerceTo, commonType } from './compile-expr';
import { SqlError } from './errors';
import { BoundMerge, Fanout, ProjectOp, type PumpEnv, type Stateful } from './pipeline';
import { planSelect } from './plan-select';
import type { Relation } from './plan-util';
import { family, typeText, type Column, type SqlType, type Value } from './types';

export interface CatalogStream {
  columns: Column[];
  /** Columns not in `*` (APPROXIMATE_ARRIVAL_TIME on input streams). */
  hidden: Column[];
  out: Fanout;
}

export interface Catalog {
  streams: Map<string, CatalogStream>;
  tables: Map<string, { columns: Column[]; rows: Value[][] }>;
}

export class Planner {
  constructor(
    readonly catalog: Catalog,
    readonly env: PumpEnv,
    private readonly stateful: Stateful[],
  ) {}

  register<T extends Stateful>(op: T): T {
    this.stateful.push(op);
    return op;
  }

  planQuery(q: Query): Relation {
    if (q.selects.length === 1) return planSelect(q.selects[0], q.orderBy, this);
    if (q.orderBy) throw new SqlError('ORDER BY over UNION ALL is not supported', q.orderBy[0].expr.span);
    const branches = q.selects.map((s) => planSelect(s, undefined, this));
    const width = branches[0].columns.length;
    for (const b of branches) if (b.columns.length !== width) throw new SqlError('Column count mismatch in UNION ALL', q.span);
    const types = branches[0].columns.map((_, i) => commonType(branches.map((b) => b.columns[i].type)));
    const out = new Fanout();
    const merge = this.register(new BoundMerge(out));
    for (const b of branches) {
      const coerce = b.columns.map((c, i) => coerceTo({ type: c.type, fn: (v) => v[i] }, types[i], q.selects[0]).fn);
      b.out.sinks.push(new ProjectOp(this.env, undefined, coerce, merge.input()));
    }
    return { columns: branches[0].columns.map((c, i) => ({ name: c.name, type: types[i] })), out };
  }
}

function assignable(from: SqlType, to: SqlType): boolean {
  return from.name === 'NULL' || family(from) === family(to);
}

/** How a pump's query columns land in its target stream. */
export interface PumpTarget {
  /** For each target column: the query column it comes from, or -1 (NULL). */
  sources: number[];
  /** The query column that sets the row's ROWTIME, or -1. */
  rowtime: number;
}

export function mapTarget(stmt: Extract<Statement, { kind: 'pump' }>, target: Column[], query: Column[]): PumpTarget {
  const names = stmt.columns ?? target.map((c) => c.name);
  const positions = names.map((n) => {
    const i = target.findIndex((c) => c.name === n);
    if (i < 0) throw new SqlError(`Unknown target column '${n}'`, stmt.targetSpan);
    return i;
  });
  let rowtime = -1;
  let cols = query.map((_, i) => i);
  if (query.length === names.length + 1) {
    rowtime = query.findIndex((c) => c.name === 'ROWTIME');
    if (rowtime >= 0) cols = cols.filter((i) => i !== rowtime);
  }
  if (cols.length !== names.length) throw new SqlError(`Number of INSERT target columns (${names.length}) does not equal number of source items (${query.length})`, stmt.targetSpan);
  if (rowtime >= 0 && query[rowtime].type.name !== 'TIMESTAMP') throw new SqlError(`ROWTIME must be a TIMESTAMP, not ${typeText(query[rowtime].type)}`, stmt.targetSpan);
  const sources = target.map(() => -1);
  positions.forEach((pos, k) => {
    const from = query[cols[k]];
    if (!assignable(from.type, target[pos].type))
      throw new SqlError(`Cannot assign to target field '${target[pos].name}' of type ${typeText(target[pos].type)} from source field '${from.name}' of type ${typeText(from.type)}`, stmt.targetSpan);
    sources[pos] = cols[k];
  });
  return { sources, rowtime };
}
