/**
 * Output rows as destinations receive them (DestinationSchema.RecordFormatType): JSON, one object
 * per row keyed by the stream's column names as stored (unquoted DDL names are upper case), or CSV,
 * the values in column order joined by commas. ROWTIME is not included unless it is a column.
 * Numbers are JSON numbers (BIGINT and DECIMAL digits exactly, REAL as its shortest float digits),
 * timestamps `yyyy-MM-dd HH:mm:ss.SSS`, NULL null (empty in CSV).
 */
import { shortestFloat, valueText } from './cast';
import { formatTimestamp } from './datetime';
import type { Column, SqlType, Value } from './types';

/** The JSON text of one value. */
function jsonValue(type: SqlType, v: Value): string {
  if (v === null) return 'null';
  switch (type.name) {
    case 'TINYINT': case 'SMALLINT': case 'INTEGER': case 'BIGINT': case 'DECIMAL': return String(v);
    case 'DOUBLE': return Number.isFinite(v as number) ? String(v) : JSON.stringify(String(v));
    case 'REAL': return Number.isFinite(v as number) ? String(shortestFloat(v as number)) : JSON.stringify(String(v));
    case 'BOOLEAN': return v ? 'true' : 'false';
    case 'ROW': return `[${(v as Value[]).map((x, i) => jsonValue(type.fields![i].type, x)).join(',')}]`;
    default: return JSON.stringify(valueText(type, v));
  }
}

export function formatJsonRow(columns: Column[], values: Value[]): string {
  return `{${columns.map((c, i) => `${JSON.stringify(c.name)}:${jsonValue(c.type, values[i])}`).join(',')}}`;
}

function csvField(type: SqlType, v: Value): string {
  if (v === null) return '';
  const text = type.name === 'REAL' ? String(shortestFloat(v as number)) : type.name === 'DOUBLE' ? String(v) : valueText(type, v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function formatCsvRow(columns: Column[], values: Value[]): string {
  return columns.map((c, i) => csvField(c.type, values[i])).join(',');
}

/** One output record for a destination with this DestinationSchema.RecordFormatType. */
export function formatRow(recordFormatType: 'JSON' | 'CSV' | string, columns: Column[], values: Value[]): string {
  return recordFormatType === 'CSV' ? formatCsvRow(columns, values) : formatJsonRow(columns, values);
}

/** The test runner's line: the stream, its ROWTIME, then the row's columns. */
export function formatRunnerLine(stream: string, rowtime: number, columns: Column[], values: Value[]): string {
  const body = formatJsonRow(columns, values).slice(1);
  return `{"stream":${JSON.stringify(stream)},"ROWTIME":"${formatTimestamp(rowtime)}"${body === '}' ? '}' : `,${body}`}`;
}
