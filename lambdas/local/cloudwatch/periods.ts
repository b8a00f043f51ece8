/**
 * Statistics over periods, as GetMetricStatistics and GetMetricData compute them (pure).
 *
 * - A period is 1, 5, 10, 20 or 30 seconds, or a multiple of 60.
 * - The start is rounded down as CloudWatch rounds it: to a multiple of the period for periods
 *   under a minute (01:05:23 with 10 s → 01:05:20), to the whole minute otherwise; period N covers
 *   [start + N·period, start + (N+1)·period). The end is exclusive.
 * - Only periods holding data points are answered (CloudWatch leaves empty periods out).
 * - Stored aggregates are whole storage intervals (a minute, or a second for high-resolution
 *   data), each counted in the period its start falls in.
 */
import type { StandardUnit, Statistic } from '@aws-sdk/client-cloudwatch';
import { InvalidParameterValue } from './errors';
import { MESSAGES } from './messages';
import { merge, type Aggregate, type StoredDatapoint } from './metric-store';

export const STATISTICS: readonly Statistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];

const SUB_MINUTE_PERIODS = [1, 5, 10, 20, 30];

export function checkPeriod(seconds: number, param: string): number {
  if (!(SUB_MINUTE_PERIODS.includes(seconds) || (seconds > 0 && seconds % 60 === 0))) throw new InvalidParameterValue(MESSAGES.period(param));
  return seconds;
}

export function alignedStart(startMs: number, periodSeconds: number): number {
  const step = periodSeconds < 60 ? periodSeconds * 1000 : 60_000;
  return Math.floor(startMs / step) * step;
}

/** How many periods [start, end) spans once the start is aligned. */
export function periodCount(startMs: number, endMs: number, periodSeconds: number): number {
  return Math.ceil((endMs - alignedStart(startMs, periodSeconds)) / (periodSeconds * 1000));
}

export interface PeriodAggregate extends Aggregate {
  /** The period's start, ms. */
  t: number;
  unit: StandardUnit;
}

/**
 * The aggregate of each period in [start, end) that holds data, ascending. With `byUnit`, data
 * points of different units stay apart (one aggregate per period and unit); `unit` keeps only
 * that unit's.
 */
export function aggregatePeriods(
  datapoints: readonly StoredDatapoint[],
  q: { startMs: number; endMs: number; periodSeconds: number; unit?: StandardUnit; byUnit?: boolean },
): PeriodAggregate[] {
  const start = alignedStart(q.startMs, q.periodSeconds);
  const period = q.periodSeconds * 1000;
  const out = new Map<string, PeriodAggregate>();
  for (const dp of datapoints) {
    if (dp.t < start || dp.t >= q.endMs || (q.unit && dp.unit !== q.unit)) continue;
    const t = start + Math.floor((dp.t - start) / period) * period;
    const key = q.byUnit ? `${t} ${dp.unit}` : String(t);
    const agg = out.get(key);
    if (agg) {
      merge(agg, dp);
      if (agg.unit !== dp.unit) agg.unit = 'None';
    } else out.set(key, { t, unit: dp.unit, count: dp.count, sum: dp.sum, min: dp.min, max: dp.max });
  }
  return [...out.values()].sort((a, b) => a.t - b.t || (a.unit < b.unit ? -1 : 1));
}

export function statistic(agg: Aggregate, stat: Statistic): number {
  switch (stat) {
    case 'SampleCount':
      return agg.count;
    case 'Sum':
      return agg.sum;
    case 'Average':
      return agg.sum / agg.count;
    case 'Minimum':
      return agg.min;
    case 'Maximum':
      return agg.max;
  }
}
