/**
 * Name resolution for one SELECT: the columns its FROM clause provides, under which qualifier
 * (alias, else the stream or table name), at which index of the row array the operators build.
 * ROWTIME is not a stored column of a single source: it is the time the row carries; in a join each
 * side's ROWTIME is kept in a hidden column so `o.ROWTIME` and `s.ROWTIME` can differ.
 */
import type { Expr } from './ast';
import { SqlError, type Span } from './errors';
import type { Column, SqlType } from './types';
import { T } from './types';

export interface ScopeColumn extends Column {
  qualifier: string;
  index: number;
  /** Not part of `*` (ROWTIME copies, APPROXIMATE_ARRIVAL_TIME). */
  hidden?: boolean;
}

export interface Resolved {
  /** Row index, or -1 for the row's own ROWTIME. */
  index: number;
  type: SqlType;
  /** Field positions inside a ROW value (`T.REC.COLUMN1`). */
  path: number[];
}

export class Scope {
  constructor(
    readonly columns: ScopeColumn[],
    /** Qualifier → index of that source's ROWTIME copy (joins only). */
    readonly rowtimes: Map<string, number> = new Map(),
  ) {}

  get width(): number {
    return this.columns.reduce((w, c) => Math.max(w, c.index + 1), 0);
  }

  qualifiers(): Set<string> {
    return new Set(this.columns.map((c) => c.qualifier));
  }

  resolve(parts: string[], span: Span): Resolved {
    const quals = this.qualifiers();
    if (parts.length >= 2 && quals.has(parts[0])) {
      const hit = this.find(parts[1], parts[0], span);
      if (hit) return this.fields(hit, parts.slice(2), span);
      if (parts[1] === 'ROWTIME') return { index: this.rowtimes.get(parts[0]) ?? -1, type: T.TIMESTAMP, path: [] };
      throw new SqlError(`Column '${parts[1]}' not found in table '${parts[0]}'`, span);
    }
    const hit = this.find(parts[0], undefined, span);
    if (hit) return this.fields(hit, parts.slice(1), span);
    if (parts[0] === 'ROWTIME' && parts.length === 1) return { index: -1, type: T.TIMESTAMP, path: [] };
    if (parts.length >= 2) throw new SqlError(`Table '${parts[0]}' not found`, span);
    throw new SqlError(`Column '${parts[0]}' not found in any table`, span);
  }

  private find(name: string, qualifier: string | undefined, span: Span): ScopeColumn | undefined {
    const hits = this.columns.filter((c) => c.name === name && (qualifier === undefined || c.qualifier === qualifier));
    if (hits.length > 1) throw new SqlError(`Column '${name}' is ambiguous`, span);
    return hits[0];
  }

  private fields(col: ScopeColumn, rest: string[], span: Span): Resolved {
    let type = col.type;
    const path: number[] = [];
    for (const name of rest) {
      const i = type.fields?.findIndex((f) => f.name === name) ?? -1;
      if (i < 0) throw new SqlError(`Unknown field '${name}'`, span);
      path.push(i);
      type = type.fields![i].type;
    }
    return { index: col.index, type, path };
  }

  /** Columns `*` or `q.*` stands for. */
  expand(qualifier: string | undefined, span: Span): ScopeColumn[] {
    if (qualifier !== undefined && !this.qualifiers().has(qualifier)) throw new SqlError(`Table '${qualifier}' not found`, span);
    return this.columns.filter((c) => !c.hidden && (qualifier === undefined || c.qualifier === qualifier));
  }

  /**
   * A structural key of an expression with names resolved, so `TICKER`, `s.TICKER` and `"TICKER"`
   * are the same GROUP BY key. Unresolvable names keep their text (the compiler reports them).
   */
  keyOf(e: Expr): string {
    return JSON.stringify(e, (k, v) => {
      if (k === 'span') return undefined;
      if (typeof v === 'bigint') return `${v}n`;
      if (v && typeof v === 'object' && v.kind === 'ident') {
        try {
          const r = this.resolve(v.parts, v.span);
          return { ref: r.index, path: r.path };
        } catch {
          return { name: v.parts };
        }
      }
      return v;
    });
  }
}
