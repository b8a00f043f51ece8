/** The parsed form of application code. Names are already normalised (unquoted → upper case). */
import type { Span } from './errors';
import type { SqlType, Value } from './types';

export type Expr =
  | { kind: 'literal'; type: SqlType; value: Value; span: Span }
  | { kind: 'ident'; parts: string[]; span: Span }
  | { kind: 'star'; qualifier?: string; span: Span }
  | { kind: 'unit'; unit: string; span: Span }
  | { kind: 'call'; name: string; args: Expr[]; seps: string[]; distinct: boolean; over?: WindowRef; ignoreNulls?: boolean; span: Span }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; span: Span }
  | { kind: 'unary'; op: string; operand: Expr; span: Span }
  | { kind: 'isnull'; not: boolean; operand: Expr; span: Span }
  | { kind: 'istruth'; not: boolean; truth: boolean | null; operand: Expr; span: Span }
  | { kind: 'like'; similar: boolean; not: boolean; operand: Expr; pattern: Expr; escape?: Expr; span: Span }
  | { kind: 'between'; not: boolean; operand: Expr; low: Expr; high: Expr; span: Span }
  | { kind: 'in'; not: boolean; operand: Expr; list: Expr[]; span: Span }
  | { kind: 'case'; operand?: Expr; whens: { when: Expr; then: Expr }[]; otherwise?: Expr; span: Span }
  | { kind: 'cast'; operand: Expr; type: SqlType; span: Span }
  | { kind: 'qualify'; operand: Expr; unit: string; span: Span };

export interface WindowSpec {
  partitionBy: Expr[];
  /** RANGE INTERVAL … PRECEDING, in ms; 0 for RANGE CURRENT ROW. */
  rangeMs?: number;
  /** ROWS n PRECEDING; 0 for ROWS CURRENT ROW. */
  rows?: number;
  span: Span;
}

export type WindowRef = { name: string; span: Span } | { spec: WindowSpec };

export interface SelectItem {
  expr: Expr;
  alias?: string;
}

export interface OrderItem {
  expr: Expr;
  desc: boolean;
}

export type FromItem =
  | { kind: 'stream'; name: string; over?: WindowRef; alias?: string; span: Span }
  | { kind: 'subquery'; query: Query; alias?: string; columns?: string[]; over?: WindowRef; span: Span }
  | { kind: 'tablefn'; name: string; cursor: Query; args: Expr[]; alias?: string; span: Span };

export interface Join {
  type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
  item: FromItem;
  on?: Expr;
}

export interface Select {
  items: SelectItem[];
  from: FromItem;
  joins: Join[];
  where?: Expr;
  groupBy?: Expr[];
  stagger?: { partitionBy: Expr[]; rangeMs: number; span: Span };
  having?: Expr;
  windows: { name: string; spec: WindowSpec }[];
  orderBy?: OrderItem[];
  span: Span;
}

export interface Query {
  selects: Select[];
  orderBy?: OrderItem[];
  span: Span;
}

export type Statement =
  | { kind: 'stream'; name: string; columns: { name: string; type: SqlType }[]; span: Span }
  | { kind: 'pump'; name: string; target: string; columns?: string[]; query: Query; span: Span; targetSpan: Span };
