/**
 * The deterministic test runner behind `npm run sql -- test`: an application's SQL, its
 * InputSchema, and input lines `{"rowtime": ISO-8601 UTC, "data": {…} | "csv text"}` inserted into
 * SOURCE_SQL_STREAM_001 in file order at those ROWTIMEs; then time moves to `until` (default: the
 * last rowtime) so windows whose end has passed close. Returns one line per row the pumps wrote,
 * in emission order, and the error_stream rows separately. Same engine as a running application.
 */
import { parseTimestamp } from './datetime';
import { Engine, ERROR_STREAM } from './engine';
import { mapRecord, schemaColumns, type SourceSchema } from './input-schema';
import { formatRunnerLine } from './output-format';
import { T, type Column, type Value } from './types';

export interface Reference {
  name: string;
  data: string;
  /** The ReferenceSchema as the API takes it; without one, the first CSV line names VARCHAR columns. */
  schema?: SourceSchema;
}

export interface RunnerOptions {
  sql: string;
  schema: SourceSchema;
  input: string;
  references?: Reference[];
  until?: string;
}

export const INPUT_STREAM = 'SOURCE_SQL_STREAM_001';

export function parseRowtime(text: string, where: string): number {
  const t = typeof text === 'string' ? parseTimestamp(text) : undefined;
  if (t === undefined) throw new Error(`${where}: rowtime must be an ISO-8601 UTC time, got ${JSON.stringify(text)}`);
  return t;
}

export function referenceTable(ref: Reference): { name: string; columns: Column[]; rows: Value[][] } {
  if (ref.schema) {
    const mapped = mapRecord(ref.schema, ref.data);
    if ('error' in mapped) throw new Error(`Reference ${ref.name}: ${mapped.error}`);
    return { name: ref.name, columns: schemaColumns(ref.schema), rows: mapped.rows };
  }
  const [header, ...lines] = ref.data.split(/\r?\n/).filter((l) => l !== '');
  const columns = (header ?? '').split(',').map((n) => ({ name: n.trim(), type: T.VARCHAR }));
  return { name: ref.name, columns, rows: lines.map((l) => { const f = l.split(','); return columns.map((_, i) => f[i] ?? null); }) };
}

export function runSql(options: RunnerOptions): { lines: string[]; errors: string[] } {
  const engine = new Engine({
    sql: options.sql,
    inputs: [{ name: INPUT_STREAM, columns: schemaColumns(options.schema) }],
    tables: (options.references ?? []).map(referenceTable),
  });
  const lines: string[] = [];
  const errors: string[] = [];
  const drain = () => {
    for (const o of engine.takeOutput()) (o.stream === ERROR_STREAM ? errors : lines).push(formatRunnerLine(o.stream, o.rowtime, engine.columnsOf(o.stream), o.values));
  };
  let last: number | undefined;
  options.input.split('\n').forEach((text, i) => {
    if (!text.trim()) return;
    const where = `input line ${i + 1}`;
    let line: { rowtime: string; data: unknown; approximateArrivalTime?: string };
    try {
      line = JSON.parse(text);
    } catch {
      throw new Error(`${where}: not a JSON object`);
    }
    const t = parseRowtime(line.rowtime, where);
    const arrival = line.approximateArrivalTime === undefined ? t : parseRowtime(line.approximateArrivalTime, where);
    const raw = typeof line.data === 'string' ? line.data : JSON.stringify(line.data);
    engine.advanceTime(t);
    const mapped = mapRecord(options.schema, raw);
    if ('error' in mapped) engine.rejectRecord(Buffer.from(raw), mapped.error, t);
    else for (const row of mapped.rows) engine.insert(INPUT_STREAM, row, t, arrival);
    last = t;
    drain();
  });
  const until = options.until === undefined ? last : parseRowtime(options.until, '--until');
  if (until !== undefined) engine.advanceTime(until);
  drain();
  return { lines, errors };
}
