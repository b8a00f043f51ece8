/**
 * `npm run bench -- --analytics`: SQL engine throughput on one core, rows already mapped (no I/O,
 * no record parsing): a filter/project, a tumbling GROUP BY over 1,000 groups and a 1-minute
 * sliding window partitioned by 1,000 keys; then the end-to-end latency of a running application on
 * a local Runnel, from PutRecords acknowledgement to the row on the output stream
 * (bench-analytics-latency.ts; `--samples N`, `--analytics-interval-ms MS`, `--no-latency`).
 * Prints one JSON line with rows/s per query and the latency.
 */
import { parseArgs } from 'node:util';
import { Engine } from '../lambdas/analytics/sql/engine';
import { T, type Value } from '../lambdas/analytics/sql/types';
import { benchAnalyticsLatency } from './bench-analytics-latency';

const SOURCE = 'SOURCE_SQL_STREAM_001';
const COLUMNS = [{ name: 'TICKER', type: { name: 'VARCHAR' as const, precision: 8 } }, { name: 'SECTOR', type: { name: 'VARCHAR' as const, precision: 16 } }, { name: 'PRICE', type: T.DOUBLE }, { name: 'QTY', type: T.INTEGER }];

const QUERIES = {
  filterProject: `SELECT STREAM TICKER, PRICE * QTY AS NOTIONAL, UPPER(SECTOR) AS SECTOR FROM "${SOURCE}" WHERE PRICE > 20 AND SECTOR LIKE 'TECH%'`,
  tumbling1000Groups: `SELECT STREAM TICKER, COUNT(*) AS N, SUM(QTY) AS QTY, MIN(PRICE) AS LO, MAX(PRICE) AS HI, AVG(PRICE) AS MEAN FROM "${SOURCE}" GROUP BY TICKER, STEP("${SOURCE}".ROWTIME BY INTERVAL '10' SECOND)`,
  sliding1Minute: `SELECT STREAM TICKER, AVG(PRICE) OVER W AS MEAN, MAX(PRICE) OVER W AS HI, COUNT(*) OVER W AS N FROM "${SOURCE}" WINDOW W AS (PARTITION BY TICKER RANGE INTERVAL '1' MINUTE PRECEDING)`,
};

function app(select: string): string {
  return `CREATE STREAM OUT_STREAM (${select.includes('NOTIONAL') ? 'TICKER VARCHAR(8), NOTIONAL DOUBLE, SECTOR VARCHAR(16)' : select.includes('GROUP BY') ? 'TICKER VARCHAR(8), N BIGINT, QTY INTEGER, LO DOUBLE, HI DOUBLE, MEAN DOUBLE' : 'TICKER VARCHAR(8), MEAN DOUBLE, HI DOUBLE, N BIGINT'});
CREATE PUMP P AS INSERT INTO OUT_STREAM ${select};`;
}

function measure(select: string, rows: Value[][]): { rowsPerSecond: number; outputRows: number } {
  const engine = new Engine({ sql: app(select), inputs: [{ name: SOURCE, columns: COLUMNS }] });
  let out = 0;
  const start = performance.now();
  for (let i = 0; i < rows.length; i++) {
    engine.insert(SOURCE, rows[i], 1_700_000_000_000 + i);
    if ((i & 1023) === 0) out += engine.takeOutput().length;
  }
  out += engine.takeOutput().length;
  const seconds = (performance.now() - start) / 1000;
  return { rowsPerSecond: Math.round(rows.length / seconds), outputRows: out };
}

export async function benchAnalytics(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      analytics: { type: 'boolean' },
      rows: { type: 'string', default: '500000' },
      samples: { type: 'string', default: '100' },
      'analytics-interval-ms': { type: 'string', default: '1000' },
      'no-latency': { type: 'boolean', default: false },
    },
  });
  const n = Number(values.rows);
  const sectors = ['TECHNOLOGY', 'ENERGY', 'RETAIL', 'HEALTHCARE'];
  const rows: Value[][] = Array.from({ length: n }, (_, i) => [`T${i % 1000}`, sectors[i % 4], 10 + ((i * 7919) % 1000) / 10, 1 + (i % 50)]);
  const results: Record<string, unknown> = {};
  for (const [name, select] of Object.entries(QUERIES)) {
    measure(select, rows.slice(0, Math.min(n, 50_000)));
    results[name] = measure(select, rows);
  }
  const intervalMs = Number(values['analytics-interval-ms']);
  // Samples spread over five runner intervals; the consumer polls every 20 ms (at most 20 ms of the figure).
  const latency = values['no-latency'] ? undefined : await benchAnalyticsLatency({ samples: Number(values.samples), intervalMs, spacingMs: Math.max(5, Math.round((5 * intervalMs) / Number(values.samples))), pollMs: 20 });
  console.log(JSON.stringify({ rows: n, rowtimeStepMs: 1, ...results, ...(latency ? { latency } : {}) }));
}
