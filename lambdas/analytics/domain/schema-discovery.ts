/**
 * DiscoverInputSchema's inference, from sample records: JSON objects give a JSON schema with one
 * column per top-level key (`$.key`), anything else a CSV schema split on newlines and commas.
 * Rules follow the service's documented examples: names are kept where SQL allows them, otherwise
 * prefixed `COL_` (reserved words, leading digits, and names that lost characters other than
 * [A-Za-z0-9_]: `USER@DOMAIN` is `COL_USERDOMAIN`); VARCHAR widths are the next power of two, at least 4; whole numbers are INTEGER
 * (BIGINT beyond 32 bits), others DOUBLE. Pure.
 */
import type { RecordColumn, SourceSchema } from '@aws-sdk/client-kinesis-analytics';

const RESERVED = new Set(['YEAR', 'USER', 'TIMESTAMP', 'VALUES', 'SELECT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'BY', 'AS', 'AND', 'OR', 'NOT', 'NULL', 'TRUE', 'FALSE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'DATE', 'TIME', 'INTERVAL', 'STREAM', 'TABLE', 'JOIN', 'ON', 'IN', 'IS', 'LIKE', 'BETWEEN', 'UNION', 'ALL', 'DISTINCT', 'HAVING', 'WINDOW', 'OVER', 'ROWTIME', 'MINUTE', 'SECOND', 'HOUR', 'DAY', 'MONTH', 'CURRENT', 'ROW', 'ROWS', 'RANGE', 'PARTITION', 'INSERT', 'INTO', 'CREATE', 'PUMP']);

export interface Discovered {
  schema: SourceSchema;
  parsed: (string | null)[][];
}

export function columnName(raw: string, position: number): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_]/g, '').slice(0, 100);
  if (!cleaned) return `COL_${position}`;
  return cleaned !== raw || /^\d/.test(cleaned) || RESERVED.has(cleaned.toUpperCase()) ? `COL_${cleaned}` : cleaned;
}

const width = (n: number) => 2 ** Math.max(2, Math.ceil(Math.log2(Math.max(1, n))));

function sqlTypeOf(values: unknown[]): string {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length && present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (present.length && present.every((v) => typeof v === 'number')) {
    const nums = present as number[];
    if (!nums.every(Number.isInteger)) return 'DOUBLE';
    return nums.every((n) => Math.abs(n) < 2 ** 31) ? 'INTEGER' : 'BIGINT';
  }
  return `VARCHAR(${width(Math.max(0, ...present.map((v) => textOf(v)!.length)))})`;
}

function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function asObjects(samples: string[]): Record<string, unknown>[] | undefined {
  try {
    const docs = samples.map((s) => JSON.parse(s) as unknown);
    return docs.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d)) ? (docs as Record<string, unknown>[]) : undefined;
  } catch {
    return undefined;
  }
}

export function discoverSchema(samples: string[]): Discovered {
  const objects = asObjects(samples);
  if (objects) {
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    const columns: RecordColumn[] = keys.map((k, i) => ({ Name: columnName(k, i + 1), Mapping: `$.${k}`, SqlType: sqlTypeOf(objects.map((o) => o[k])) }));
    return {
      schema: { RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } }, RecordEncoding: 'UTF-8', RecordColumns: columns },
      parsed: objects.map((o) => keys.map((k) => textOf(o[k]))),
    };
  }
  const rows = samples.flatMap((s) => s.split('\n').filter((line) => line.length)).map((line) => line.split(','));
  const count = Math.max(0, ...rows.map((r) => r.length));
  const columns: RecordColumn[] = Array.from({ length: count }, (_, i) => {
    const values = rows.map((r) => r[i] ?? null);
    const numeric = values.every((v) => v === null || (v.trim() !== '' && Number.isFinite(Number(v))));
    return { Name: `COL_${i + 1}`, SqlType: sqlTypeOf(numeric ? values.map((v) => (v === null ? null : Number(v))) : values) };
  });
  return {
    schema: {
      RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } },
      RecordEncoding: 'UTF-8',
      RecordColumns: columns,
    },
    parsed: rows.map((r) => Array.from({ length: count }, (_, i) => r[i] ?? null)),
  };
}
