/** The local CloudWatch's memory bound and its period arithmetic. */
import { describe, expect, it } from 'vitest';
import { MetricStore, RETENTION_MS, type Sample } from '../../lambdas/local/cloudwatch/metric-store';
import { aggregatePeriods, alignedStart, periodCount } from '../../lambdas/local/cloudwatch/periods';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const metric = (name: string) => ({ namespace: 'N', name, dimensions: [] });
const sample = (timestamp: number, value: number, resolution = 60): Sample => ({ timestamp, unit: 'Count', resolution, count: 1, sum: value, min: value, max: value });
const times = (store: MetricStore, name: string) => store.find('a/r', metric(name))?.datapoints.map((d) => (d.t - T0) / MINUTE);

describe('MetricStore bounds', () => {
  it('keeps at most maxDatapoints intervals per metric, dropping the oldest, in time order whatever the arrival order', () => {
    const store = new MetricStore({ maxMetrics: 10, maxDatapoints: 5 });
    for (const m of [3, 0, 6, 1, 5, 2, 4]) store.record('a/r', metric('m'), sample(T0 + m * MINUTE + 5_000, m), T0 + 10 * MINUTE);
    expect(times(store, 'm')).toEqual([2, 3, 4, 5, 6]);
  });

  it('merges data points of one interval and unit into one aggregate', () => {
    const store = new MetricStore();
    store.record('a/r', metric('m'), sample(T0 + 1_000, 4), T0);
    store.record('a/r', metric('m'), sample(T0 + 59_000, 10), T0);
    store.record('a/r', metric('m'), { ...sample(T0 + 30_000, 1), unit: 'Seconds' }, T0);
    expect(store.find('a/r', metric('m'))!.datapoints).toEqual([
      { t: T0, unit: 'Count', count: 2, sum: 14, min: 4, max: 10 },
      { t: T0, unit: 'Seconds', count: 1, sum: 1, min: 1, max: 1 },
    ]);
  });

  it('keeps at most maxMetrics metrics, dropping the one written least recently', () => {
    const store = new MetricStore({ maxMetrics: 3, maxDatapoints: 5 });
    for (const name of ['a', 'b', 'c']) store.record('a/r', metric(name), sample(T0, 1), T0);
    store.record('a/r', metric('a'), sample(T0, 1), T0); // a is now the most recent
    store.record('a/r', metric('d'), sample(T0, 1), T0);
    expect(store.size).toBe(3);
    expect([...store.metricsOf('a/r')].map((m) => m.id.name).sort()).toEqual(['a', 'c', 'd']);
  });

  it('drops intervals past the 15-day retention', () => {
    const store = new MetricStore();
    store.record('a/r', metric('m'), sample(T0, 1), T0);
    store.record('a/r', metric('m'), sample(T0 + RETENTION_MS + MINUTE, 2), T0 + RETENTION_MS + MINUTE);
    expect(times(store, 'm')).toEqual([RETENTION_MS / MINUTE + 1]);
  });

  it('keeps accounts and regions apart', () => {
    const store = new MetricStore();
    store.record('a/r', metric('m'), sample(T0, 1), T0);
    expect(store.find('a/other', metric('m'))).toBeUndefined();
    expect([...store.metricsOf('a/other')]).toEqual([]);
  });
});

describe('periods', () => {
  it('rounds the start down as CloudWatch does', () => {
    const at = (h: number, m: number, s: number) => Date.UTC(2024, 0, 1, h, m, s);
    expect(alignedStart(at(1, 5, 23), 10)).toBe(at(1, 5, 20));
    expect(alignedStart(at(1, 5, 23), 1)).toBe(at(1, 5, 23));
    expect(alignedStart(at(1, 5, 23), 300)).toBe(at(1, 5, 0));
    expect(periodCount(at(1, 0, 30), at(2, 0, 0), 60)).toBe(60);
  });

  it('counts each stored interval in the period its start falls in, and leaves the end out', () => {
    const dps = [0, 1, 2, 3, 4].map((m) => ({ t: T0 + m * MINUTE, unit: 'Count' as const, count: 1, sum: m, min: m, max: m }));
    expect(aggregatePeriods(dps, { startMs: T0, endMs: T0 + 4 * MINUTE, periodSeconds: 120 })).toEqual([
      { t: T0, unit: 'Count', count: 2, sum: 1, min: 0, max: 1 },
      { t: T0 + 2 * MINUTE, unit: 'Count', count: 2, sum: 5, min: 2, max: 3 },
    ]);
  });
});
