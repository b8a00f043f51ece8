/**
 * Records → rows, as an application's InputSchema (or a reference source's ReferenceSchema) says:
 * RecordFormat JSON (RecordRowPath, a JSONPath Mapping per column) or CSV (row and column
 * delimiters, columns by position), RecordColumns with SqlType. One record may carry several JSON
 * documents or CSV lines, and a flattened array yields a row per element (an empty or absent one
 * still yields one row, its columns NULL). Coercion follows the service's rules: JSON null → NULL,
 * true/false → 1/0 for numbers, numbers → text for VARCHAR, strings parsed for numbers and times,
 * too-long text truncated; a value that cannot be coerced rejects its row (it goes to error_stream).
 */
import { castFn } from './cast';
import { Dec } from './decimal';
import { RowError } from './errors';
import { flattenAt, follow, parsePath, samePrefix, type Step } from './json-path';
import { isBinary, isDatetime, isNumeric, isString, parseTypeName, type Column, type Value } from './types';

export interface RecordColumn {
  Name: string;
  Mapping?: string;
  SqlType: string;
}

/** The API's SourceSchema (InputSchema / ReferenceSchema), as KinesisAnalytics takes it. */
export interface SourceSchema {
  RecordFormat: {
    RecordFormatType: 'JSON' | 'CSV' | string;
    MappingParameters?: {
      JSONMappingParameters?: { RecordRowPath: string };
      CSVMappingParameters?: { RecordRowDelimiter: string; RecordColumnDelimiter: string };
    };
  };
  RecordEncoding?: string;
  RecordColumns: RecordColumn[];
}

export function schemaColumns(schema: SourceSchema): Column[] {
  return schema.RecordColumns.map((c) => {
    const type = parseTypeName(c.SqlType);
    if (!type) throw new Error(`Unknown SqlType '${c.SqlType}' for column ${c.Name}`);
    return { name: c.Name, type };
  });
}

const coercionError = (why: string) => new RowError('CoercionError', why);

/** A JSON value into a column of the given type. */
function coerceJson(x: unknown, col: Column): Value {
  const { type } = col;
  if (x === null || x === undefined) return null;
  if (typeof x === 'string') return x === '' && !isString(type) ? null : type.name === 'BOOLEAN' ? x.trim().toLowerCase() === 'true' : castFn({ name: 'VARCHAR', precision: x.length }, type)(x);
  if (typeof x === 'boolean') {
    if (isNumeric(type)) return castFn({ name: 'INTEGER' }, type)(x ? 1 : 0);
    if (type.name === 'BOOLEAN') return x;
    if (isString(type)) return castFn({ name: 'VARCHAR' }, type)(String(x));
    throw coercionError(`Cannot coerce boolean to ${type.name} for column ${col.name}`);
  }
  if (typeof x === 'number') {
    if (type.name === 'BOOLEAN') return x !== 0;
    if (isString(type)) return castFn({ name: 'VARCHAR' }, type)(String(x));
    if (isDatetime(type) || isBinary(type)) throw coercionError(`Cannot coerce number to ${type.name} for column ${col.name}`);
    if (type.name === 'REAL' || type.name === 'DOUBLE') return type.name === 'REAL' ? Math.fround(x) : x;
    if (type.name === 'DECIMAL') { const d = Dec.fromNumber(x); return castFn({ name: 'DECIMAL', precision: 19, scale: d.scale }, type)(d); }
    if (!Number.isInteger(x)) throw coercionError(`Cannot coerce ${x} to ${type.name} for column ${col.name}: precision would be lost`);
    return type.name === 'BIGINT' ? BigInt(x) : castFn({ name: 'BIGINT' }, type)(BigInt(x));
  }
  if (isString(type)) return castFn({ name: 'VARCHAR' }, type)(JSON.stringify(x));
  throw coercionError(`Cannot coerce ${Array.isArray(x) ? 'array' : 'object'} to ${type.name} for column ${col.name}`);
}

/** Split concatenated JSON documents (`{…}{…}` or one per line). */
function documents(text: string): unknown[] {
  const docs: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) { if (ch === '\\') i++; else if (ch === '"') inString = false; continue; }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') { if (depth++ === 0) start = i; }
    else if (ch === '}' || ch === ']') { if (--depth === 0) docs.push(JSON.parse(text.slice(start, i + 1))); }
  }
  if (depth !== 0 || docs.length === 0) throw coercionError('The record is not valid JSON');
  return docs;
}

function jsonRows(schema: SourceSchema, cols: Column[], text: string): Value[][] {
  const rowPath = parsePath(schema.RecordFormat.MappingParameters?.JSONMappingParameters?.RecordRowPath ?? '$');
  const mappings = schema.RecordColumns.map((c) => {
    if (!c.Mapping) throw new Error(`Column ${c.Name} has no Mapping (required for JSON)`);
    const steps = parsePath(c.Mapping);
    return samePrefix(steps, rowPath, rowPath.length) ? steps.slice(rowPath.length) : steps;
  });
  const flat = mappings.map(flattenAt);
  const pivot = flat.findIndex((i) => i >= 0);
  const rows: Value[][] = [];
  for (const doc of documents(text)) {
    const rowAt = rowPath.findIndex((step) => 'all' in step);
    const roots = rowAt >= 0 ? ((follow(doc, rowPath.slice(0, rowAt)) as unknown[] | undefined) ?? []).map((el) => follow(el, rowPath.slice(rowAt + 1))) : [follow(doc, rowPath)];
    for (const root of roots) {
      const prefix: Step[] = pivot >= 0 ? mappings[pivot].slice(0, flat[pivot]) : [];
      const elements = pivot >= 0 ? (follow(root, prefix) as unknown[] | undefined) : undefined;
      const each = pivot >= 0 && Array.isArray(elements) && elements.length ? elements : [undefined];
      for (const el of each) {
        rows.push(mappings.map((steps, i) => {
          const inArray = pivot >= 0 && flat[i] === prefix.length && samePrefix(steps, prefix, prefix.length);
          const x = inArray ? (el === undefined ? undefined : follow(el, steps.slice(prefix.length + 1))) : follow(root, steps);
          return coerceJson(x, cols[i]);
        }));
      }
    }
  }
  return rows;
}

function csvRows(schema: SourceSchema, cols: Column[], text: string): Value[][] {
  const csv = schema.RecordFormat.MappingParameters?.CSVMappingParameters;
  const rowDelimiter = csv?.RecordRowDelimiter ?? '\n';
  const columnDelimiter = csv?.RecordColumnDelimiter ?? ',';
  const lines = text.split(rowDelimiter);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => {
    const fields = line.split(columnDelimiter);
    return cols.map((col, i) => coerceJson(fields[i] === undefined ? null : fields[i], col));
  });
}

/** Rows of one record, or the reason it cannot be read. */
export function mapRecord(schema: SourceSchema, data: Uint8Array | string): { rows: Value[][] } | { error: string } {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
  const cols = schemaColumns(schema);
  try {
    return { rows: schema.RecordFormat.RecordFormatType === 'CSV' ? csvRows(schema, cols, text) : jsonRows(schema, cols, text) };
  } catch (e) {
    if (e instanceof RowError || e instanceof SyntaxError) return { error: e.message };
    throw e;
  }
}
