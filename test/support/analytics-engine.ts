/** Small drivers for engine tests: build an application, feed rows at times, read what it wrote. */
import { Engine } from '../../lambdas/analytics/sql/engine';
import { formatJsonRow } from '../../lambdas/analytics/sql/output-format';
import { formatTimestamp } from '../../lambdas/analytics/sql/datetime';
import { parseTypeName, type Column, type Value } from '../../lambdas/analytics/sql/types';

export const SOURCE = 'SOURCE_SQL_STREAM_001';

export const at = (hms: string) => Date.parse(`2024-01-01T${hms}Z`);

export function columns(spec: string): Column[] {
  return spec.split(',').map((c) => {
    const [name, ...type] = c.trim().split(/\s+/);
    return { name, type: parseTypeName(type.join(' '))! };
  });
}

export function app(sql: string, input: string, tables: { name: string; columns: Column[]; rows: Value[][] }[] = []): Engine {
  return new Engine({ sql, inputs: [{ name: SOURCE, columns: columns(input) }], tables });
}

/** Output rows as `ROWTIME-hh:mm:ss.SSS {json}` strings, compact enough to assert whole lists. */
export function drain(engine: Engine, stream?: string): string[] {
  return engine
    .takeOutput()
    .filter((o) => stream === undefined || o.stream === stream)
    .map((o) => `${formatTimestamp(o.rowtime).slice(11)} ${o.stream === 'error_stream' ? `error_stream ${o.values[2]}` : formatJsonRow(engine.columnsOf(o.stream), o.values)}`);
}
