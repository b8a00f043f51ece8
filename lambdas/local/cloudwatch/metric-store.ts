/**
 * The metrics, in memory (they are gone when the process stops, as the local endpoint's purpose is
 * to let CloudWatch publishers run, not to keep their numbers).
 *
 * Data points are aggregated as CloudWatch stores them: per metric, per unit and per interval of
 * the storage resolution (one minute, or one second for `StorageResolution: 1`), an aggregate of
 * sample count, sum, minimum and maximum. Statistics over any period of whole intervals are exact;
 * percentiles, which need the raw values, are not kept.
 *
 * Bounds (METRIC_STORE_LIMITS): at most `maxMetrics` metrics for the whole endpoint (all accounts
 * and regions); writing a new one past that drops the metric written least recently. Per metric at
 * most `maxDatapoints` aggregates — a day of one-minute data — the oldest dropped first; aggregates
 * older than CloudWatch's 15-day retention of one-minute data are dropped too. At the defaults
 * that is at most 2.9 million aggregates, a few hundred MB at worst, and nothing near it for what
 * a KCL or KPL publishes.
 */
import type { StandardUnit } from '@aws-sdk/client-cloudwatch';
import { metricKey, type MetricId } from './metric-identity';

const METRIC_STORE_LIMITS = { maxMetrics: 2_000, maxDatapoints: 1_440 };

const MINUTE = 60_000;
export const RETENTION_MS = 15 * 24 * 60 * MINUTE;

export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** The data points of one metric, unit and storage interval starting at `t` (ms). */
export interface StoredDatapoint extends Aggregate {
  t: number;
  unit: StandardUnit;
}

export interface StoredMetric {
  /** The account and region it belongs to. */
  scope: string;
  id: MetricId;
  /** Ascending by `t`. */
  datapoints: StoredDatapoint[];
  lastWrite: number;
}

export interface Sample extends Aggregate {
  timestamp: number;
  unit: StandardUnit;
  /** Seconds: 60 or 1. */
  resolution: number;
}

export function merge(into: Aggregate, add: Aggregate): void {
  into.count += add.count;
  into.sum += add.sum;
  into.min = Math.min(into.min, add.min);
  into.max = Math.max(into.max, add.max);
}

export class MetricStore {
  /** By scope and metric key, least recently written first (a Map keeps insertion order). */
  private readonly metrics = new Map<string, StoredMetric>();

  constructor(readonly limits = METRIC_STORE_LIMITS) {}

  get size(): number {
    return this.metrics.size;
  }

  record(scope: string, id: MetricId, sample: Sample, now: number): void {
    const key = `${scope}\n${metricKey(id)}`;
    const metric = this.metrics.get(key) ?? { scope, id, datapoints: [], lastWrite: now };
    this.metrics.delete(key);
    this.metrics.set(key, metric);
    metric.lastWrite = now;
    const interval = sample.resolution * 1000;
    insert(metric.datapoints, { t: Math.floor(sample.timestamp / interval) * interval, unit: sample.unit, count: sample.count, sum: sample.sum, min: sample.min, max: sample.max });
    const dps = metric.datapoints;
    let drop = Math.max(0, dps.length - this.limits.maxDatapoints);
    while (drop < dps.length && dps[drop].t < now - RETENTION_MS) drop++;
    if (drop) dps.splice(0, drop);
    for (const oldest of this.metrics.keys()) {
      if (this.metrics.size <= this.limits.maxMetrics) break;
      this.metrics.delete(oldest);
    }
  }

  /** The metrics of one account and region. */
  *metricsOf(scope: string): Iterable<StoredMetric> {
    for (const m of this.metrics.values()) if (m.scope === scope) yield m;
  }

  find(scope: string, id: MetricId): StoredMetric | undefined {
    return this.metrics.get(`${scope}\n${metricKey(id)}`);
  }
}

/** Adds to the aggregate of the same interval and unit, or inserts one in time order. */
function insert(dps: StoredDatapoint[], dp: StoredDatapoint): void {
  let lo = 0;
  let hi = dps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dps[mid].t <= dp.t) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && dps[i].t === dp.t; i--) {
    if (dps[i].unit === dp.unit) return merge(dps[i], dp);
  }
  dps.splice(lo, 0, dp);
}
