import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSql } from '../../lambdas/analytics/sql/runner';
import { FIXTURES } from '../support/analytics-fixtures';

/** Heart rates 60–100 NORMAL with every 50th row HIGH (150–200), 4 rows a second, seeded. */
function heartRates(n: number): string {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, (_, i) => {
    const high = i % 50 === 49;
    const data = { heartRate: Math.floor(high ? 150 + rand() * 50 : 60 + rand() * 40), rateType: high ? 'HIGH' : 'NORMAL' };
    return JSON.stringify({ rowtime: new Date(Date.UTC(2024, 0, 1, 10) + i * 250).toISOString(), data });
  }).join('\n');
}

describe('RANDOM_CUT_FOREST (anomaly-detection example, shape test)', () => {
  const dir = join(FIXTURES, 'e16-anomaly-detection');
  const { lines } = runSql({ sql: readFileSync(join(dir, 'app.sql'), 'utf8'), schema: JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')), input: heartRates(1000), until: '2024-01-01T10:05:00Z' });
  const rows = lines.map((l) => JSON.parse(l)).filter((r) => r.stream === 'DESTINATION_SQL_STREAM');

  it('scores every input row once', () => {
    expect(rows).toHaveLength(1000);
    expect(lines.filter((l) => l.includes('"TEMP_STREAM"'))).toHaveLength(1000);
  });

  it('after warm-up, every HIGH row scores above every NORMAL row of its second and far above NORMAL rows on average', () => {
    const warm = rows.slice(300);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const high = warm.filter((r) => r.rateType === 'HIGH').map((r) => r.ANOMALY_SCORE);
    const normal = warm.filter((r) => r.rateType === 'NORMAL').map((r) => r.ANOMALY_SCORE);
    expect(high.length).toBeGreaterThan(10);
    expect(mean(high)).toBeGreaterThan(3 * mean(normal));
    const seconds = new Map<string, typeof warm>();
    for (const r of warm) seconds.set(r.ROWTIME.slice(0, 19), [...(seconds.get(r.ROWTIME.slice(0, 19)) ?? []), r]);
    for (const group of seconds.values()) {
      const top = Math.max(...group.filter((r) => r.rateType === 'NORMAL').map((r) => r.ANOMALY_SCORE));
      for (const r of group.filter((x) => x.rateType === 'HIGH')) expect(r.ANOMALY_SCORE).toBeGreaterThan(top);
    }
  });

  it('rows within each second come out by score, highest first, and ROWTIME never decreases', () => {
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].ROWTIME >= rows[i - 1].ROWTIME).toBe(true);
      if (rows[i].ROWTIME.slice(0, 19) === rows[i - 1].ROWTIME.slice(0, 19)) expect(rows[i].ANOMALY_SCORE).toBeLessThanOrEqual(rows[i - 1].ANOMALY_SCORE);
    }
  });
});
