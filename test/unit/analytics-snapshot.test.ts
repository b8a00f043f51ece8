import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine, ERROR_STREAM } from '../../lambdas/analytics/sql/engine';
import { mapRecord, schemaColumns, type SourceSchema } from '../../lambdas/analytics/sql/input-schema';
import { formatRunnerLine } from '../../lambdas/analytics/sql/output-format';
import { INPUT_STREAM, parseRowtime, referenceTable } from '../../lambdas/analytics/sql/runner';
import { examples } from '../support/analytics-fixtures';

/**
 * Runs an example as the runner does, but after `crashAfter` input lines the engine's state is
 * serialised to JSON text, the engine thrown away, and a new one built from the same code resumes
 * from the snapshot.
 */
function runWithRestart(ex: ReturnType<typeof examples>[number], crashAfter: number): string[] {
  const read = (f: string) => readFileSync(join(ex.dir, f), 'utf8');
  const schema: SourceSchema = JSON.parse(read(ex.spec.schema ?? 'schema.json'));
  const tables = (ex.spec.references ?? []).map((r) => referenceTable({ name: r.name, data: read(r.file), schema: r.schema ? JSON.parse(read(r.schema)) : undefined }));
  const build = () => new Engine({ sql: read('app.sql'), inputs: [{ name: INPUT_STREAM, columns: schemaColumns(schema) }], tables });
  let engine = build();
  const out: string[] = [];
  const drain = () => { for (const o of engine.takeOutput()) out.push(formatRunnerLine(o.stream, o.rowtime, engine.columnsOf(o.stream), o.values)); };
  const lines = read(ex.spec.input ?? 'input.jsonl').split('\n').filter(Boolean);
  let last = 0;
  lines.forEach((text, i) => {
    if (i === crashAfter) {
      const saved = JSON.stringify(engine.snapshot());
      engine = build();
      engine.restore(JSON.parse(saved));
    }
    const line = JSON.parse(text);
    const t = parseRowtime(line.rowtime, 'input');
    const raw = typeof line.data === 'string' ? line.data : JSON.stringify(line.data);
    engine.advanceTime(t);
    const mapped = mapRecord(schema, raw);
    if ('error' in mapped) engine.rejectRecord(Buffer.from(raw), mapped.error, t);
    else for (const row of mapped.rows) engine.insert(INPUT_STREAM, row, t, line.approximateArrivalTime ? parseRowtime(line.approximateArrivalTime, 'input') : t);
    last = t;
    drain();
  });
  engine.advanceTime(ex.spec.until ? parseRowtime(ex.spec.until, 'until') : last);
  drain();
  return out.filter((l) => !ex.spec.streams || JSON.parse(l).stream === ERROR_STREAM || ex.spec.streams.includes(JSON.parse(l).stream));
}

describe('snapshot and restore', () => {
  for (const ex of examples().filter((e) => !e.spec.error)) {
    it(`${ex.name}: a restart from a snapshot after any input row gives the same output as an uninterrupted run`, () => {
      const { lines, errors } = ex.run();
      const whole = runWithRestart(ex, -1);
      expect(whole.filter((l) => !l.startsWith(`{"stream":"${ERROR_STREAM}"`))).toEqual(lines);
      expect(whole.filter((l) => l.startsWith(`{"stream":"${ERROR_STREAM}"`))).toEqual(errors);
      const n = readFileSync(join(ex.dir, ex.spec.input ?? 'input.jsonl'), 'utf8').split('\n').filter(Boolean).length;
      for (let k = 1; k < n; k++) expect(runWithRestart(ex, k), `restart after row ${k}`).toEqual(whole);
    });
  }

  it('a random cut forest restored mid-stream scores the following rows exactly as the original', () => {
    const sql = `CREATE STREAM O (A DOUBLE, B INTEGER, SCORE DOUBLE);
CREATE PUMP P AS INSERT INTO O SELECT STREAM * FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM "${INPUT_STREAM}"), 20, 32, 1000, 1));`;
    const build = () => new Engine({ sql, inputs: [{ name: INPUT_STREAM, columns: [{ name: 'A', type: { name: 'DOUBLE' } }, { name: 'B', type: { name: 'INTEGER' } }] }] });
    const rows = Array.from({ length: 200 }, (_, i) => [Math.sin(i) * 10, i % 7]);
    const original = build();
    const resumed = build();
    rows.slice(0, 120).forEach((r, i) => { original.insert(INPUT_STREAM, r, i * 1000); resumed.insert(INPUT_STREAM, r, i * 1000); });
    original.takeOutput();
    const fresh = build();
    fresh.restore(JSON.parse(JSON.stringify(resumed.snapshot())));
    rows.slice(120).forEach((r, i) => { original.insert(INPUT_STREAM, r, (120 + i) * 1000); fresh.insert(INPUT_STREAM, r, (120 + i) * 1000); });
    expect(fresh.takeOutput()).toEqual(original.takeOutput());
  });
});
