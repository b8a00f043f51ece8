/**
 * SQL types and the run-time representation of their values.
 *
 * Values are untagged JS values; the planner knows every expression's static type, so nothing at run
 * time needs to ask "what is this?". Representation per type:
 *   BOOLEAN boolean · TINYINT/SMALLINT/INTEGER number (32-bit, wraps like Java int) · BIGINT bigint
 *   (exact 64-bit) · DECIMAL Dec · REAL/DOUBLE number (REAL rounded to float32) · CHAR/VARCHAR string
 *   · BINARY/VARBINARY Uint8Array · TIMESTAMP/DATE ms since the epoch (UTC) · TIME ms of the day ·
 *   INTERVAL day-time ms, year-month months · ROW (log-parse results) Value[] · NULL is null for all.
 */
import type { Dec } from './decimal';

export type Value = null | boolean | number | bigint | string | Dec | Uint8Array | Value[];

export type TypeName =
  | 'BOOLEAN' | 'TINYINT' | 'SMALLINT' | 'INTEGER' | 'BIGINT' | 'DECIMAL' | 'REAL' | 'DOUBLE'
  | 'CHAR' | 'VARCHAR' | 'BINARY' | 'VARBINARY' | 'DATE' | 'TIME' | 'TIMESTAMP'
  | 'INTERVAL_DT' | 'INTERVAL_YM' | 'ROW' | 'NULL';

export interface SqlType {
  name: TypeName;
  /** Length for CHAR/VARCHAR/BINARY, precision for DECIMAL. */
  precision?: number;
  scale?: number;
  /** ROW fields (log-parse results). */
  fields?: Column[];
  /** Unit an interval is expressed in, for CAST(interval AS number). */
  unit?: string;
}

export interface Column {
  name: string;
  type: SqlType;
}

export const T = {
  BOOLEAN: { name: 'BOOLEAN' } as SqlType,
  INTEGER: { name: 'INTEGER' } as SqlType,
  BIGINT: { name: 'BIGINT' } as SqlType,
  DOUBLE: { name: 'DOUBLE' } as SqlType,
  REAL: { name: 'REAL' } as SqlType,
  VARCHAR: { name: 'VARCHAR', precision: 65535 } as SqlType,
  TIMESTAMP: { name: 'TIMESTAMP' } as SqlType,
  DATE: { name: 'DATE' } as SqlType,
  TIME: { name: 'TIME' } as SqlType,
  INTERVAL_DT: { name: 'INTERVAL_DT', unit: 'SECOND' } as SqlType,
  INTERVAL_YM: { name: 'INTERVAL_YM', unit: 'MONTH' } as SqlType,
  NULL: { name: 'NULL' } as SqlType,
};

const NUMERIC_RANK: Partial<Record<TypeName, number>> = { TINYINT: 1, SMALLINT: 2, INTEGER: 3, BIGINT: 4, DECIMAL: 5, REAL: 6, DOUBLE: 7 };

export const numericRank = (t: SqlType) => NUMERIC_RANK[t.name] ?? 0;
export const isNumeric = (t: SqlType) => numericRank(t) > 0;
export const isSmallInt = (t: SqlType) => numericRank(t) > 0 && numericRank(t) <= 3;
export const isString = (t: SqlType) => t.name === 'CHAR' || t.name === 'VARCHAR';
export const isBinary = (t: SqlType) => t.name === 'BINARY' || t.name === 'VARBINARY';
export const isDatetime = (t: SqlType) => t.name === 'TIMESTAMP' || t.name === 'DATE' || t.name === 'TIME';
export const isInterval = (t: SqlType) => t.name === 'INTERVAL_DT' || t.name === 'INTERVAL_YM';

/** The family a type belongs to for assignment and comparison compatibility. */
export function family(t: SqlType): string {
  if (isNumeric(t)) return 'numeric';
  if (isString(t)) return 'string';
  if (isBinary(t)) return 'binary';
  if (isDatetime(t)) return 'datetime';
  return t.name;
}

/** Type names as written in DDL, and their aliases. */
const ALIASES: Record<string, TypeName> = {
  BOOLEAN: 'BOOLEAN', TINYINT: 'TINYINT', SMALLINT: 'SMALLINT', INTEGER: 'INTEGER', INT: 'INTEGER', BIGINT: 'BIGINT',
  DECIMAL: 'DECIMAL', DEC: 'DECIMAL', NUMERIC: 'DECIMAL', REAL: 'REAL', FLOAT: 'DOUBLE', DOUBLE: 'DOUBLE',
  CHAR: 'CHAR', CHARACTER: 'CHAR', VARCHAR: 'VARCHAR', BINARY: 'BINARY', VARBINARY: 'VARBINARY',
  DATE: 'DATE', TIME: 'TIME', TIMESTAMP: 'TIMESTAMP',
};

/** A type from its SQL spelling (`VARCHAR(4)`, `DOUBLE PRECISION`, `decimal(10, 2)`); undefined if unknown. */
export function parseTypeName(text: string): SqlType | undefined {
  const m = /^\s*([A-Za-z]+)(?:\s+(PRECISION|VARYING))?\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/i.exec(text);
  if (!m) return undefined;
  let name = ALIASES[m[1].toUpperCase()];
  if (!name) return undefined;
  if (m[2]?.toUpperCase() === 'VARYING') name = name === 'CHAR' ? 'VARCHAR' : name;
  return typeOf(name, m[3] === undefined ? undefined : Number(m[3]), m[4] === undefined ? undefined : Number(m[4]));
}

export function typeOf(name: TypeName, precision?: number, scale?: number): SqlType {
  if (name === 'DECIMAL') return { name, precision: precision ?? 19, scale: scale ?? 0 };
  if (name === 'CHAR' || name === 'BINARY') return { name, precision: precision ?? 1 };
  if (name === 'VARCHAR' || name === 'VARBINARY') return { name, precision: precision ?? 65535 };
  return { name };
}

/** How a type is written back in messages (`VARCHAR(4)`, `INTEGER`). */
export function typeText(t: SqlType): string {
  if (t.name === 'DECIMAL') return `DECIMAL(${t.precision}, ${t.scale})`;
  if (isString(t) || isBinary(t)) return `${t.name}(${t.precision})`;
  if (t.name === 'INTERVAL_DT') return `INTERVAL ${t.unit ?? 'SECOND'}`;
  if (t.name === 'INTERVAL_YM') return `INTERVAL ${t.unit ?? 'MONTH'}`;
  return t.name;
}
