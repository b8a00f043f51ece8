/**
 * GetMetricData: up to 500 queries, each a MetricStat (a metric, a period, a statistic, optionally
 * a unit) answered as a time series of the periods of [StartTime, EndTime) that hold data, newest
 * first (ScanBy TimestampDescending, the default) or oldest first. Results come in query order;
 * queries with ReturnData false are computed but not returned. A page holds at most MaxDatapoints
 * values in all (default 100,800); a series cut short is `PartialData` and NextToken resumes
 * right after the last value returned. Metric math and Metrics Insights (`Expression`) and
 * percentile statistics are refused: the store keeps aggregates only.
 */
import type { GetMetricDataOutput, MetricDataResult, StandardUnit, Statistic } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchCall } from './context';
import { InvalidParameterCombination, InvalidParameterValue, MissingParameter } from './errors';
import { MESSAGES } from './messages';
import { readMetricId, type MetricId } from './metric-identity';
import { decodeToken, encodeToken, fingerprint } from './page-token';
import { aggregatePeriods, checkPeriod, statistic, STATISTICS } from './periods';
import { readTimeRange } from './time-range';
import { UNITS } from './units';
import { bool, integer, list, oneOf, required, struct, text, type Raw } from './wire-input';

const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const ID = /^[a-z][a-zA-Z0-9_]*$/;

interface Query {
  id: string;
  label: string | undefined;
  returnData: boolean;
  metric: MetricId;
  periodSeconds: number;
  stat: Statistic;
  unit: StandardUnit | undefined;
}

export function getMetricData(input: Raw, call: CloudWatchCall): GetMetricDataOutput {
  const raw = required(list(input.MetricDataQueries, 'MetricDataQueries'), 'MetricDataQueries');
  if (!raw.length) throw new MissingParameter(MESSAGES.required('MetricDataQueries'));
  if (raw.length > MAX_QUERIES) throw new InvalidParameterValue(MESSAGES.tooMany('MetricDataQueries', MAX_QUERIES));
  const queries = raw.map((q, i) => readQuery(q, `MetricDataQueries.member.${i + 1}`));
  const ids = new Set<string>();
  for (const q of queries) {
    if (ids.has(q.id)) throw new InvalidParameterValue(MESSAGES.duplicateId(q.id));
    ids.add(q.id);
  }
  const { startMs, endMs } = readTimeRange(input);
  const ascending = (oneOf(input.ScanBy, 'ScanBy', ['TimestampDescending', 'TimestampAscending']) ?? 'TimestampDescending') === 'TimestampAscending';
  const maxDatapoints = integer(input.MaxDatapoints, 'MaxDatapoints') ?? DEFAULT_MAX_DATAPOINTS;
  if (maxDatapoints < 1) throw new InvalidParameterValue(MESSAGES.invalidValue('MaxDatapoints', maxDatapoints));
  const request = fingerprint([queries, startMs, endMs, ascending]);
  const offset = decodeToken<number>(text(input.NextToken, 'NextToken', 4096), request, 'number') ?? 0;

  // Every returned value has a place in one sequence (query order, then time order); a page is a
  // window of it.
  let position = 0;
  const end = offset + maxDatapoints;
  const results: MetricDataResult[] = [];
  for (const q of queries) {
    if (!q.returnData) continue;
    const series = aggregatePeriods(call.store.find(call.scope, q.metric)?.datapoints ?? [], { startMs, endMs, periodSeconds: q.periodSeconds, unit: q.unit });
    if (!ascending) series.reverse();
    const from = Math.min(Math.max(offset - position, 0), series.length);
    const to = Math.min(Math.max(end - position, 0), series.length);
    const page = series.slice(from, to);
    position += series.length;
    results.push({
      Id: q.id,
      Label: q.label ?? q.metric.name,
      Timestamps: page.map((a) => new Date(a.t)),
      Values: page.map((a) => statistic(a, q.stat)),
      StatusCode: to < series.length ? 'PartialData' : 'Complete',
      Messages: [],
    });
  }
  return { MetricDataResults: results, Messages: [], ...(position > end ? { NextToken: encodeToken(end, request) } : {}) };
}

function readQuery(value: unknown, p: string): Query {
  const q = required(struct(value, p), p);
  const id = required(text(q.Id, `${p}.Id`), `${p}.Id`);
  if (!ID.test(id)) throw new InvalidParameterValue(MESSAGES.invalidValue(`${p}.Id`, id));
  const stat = struct(q.MetricStat, `${p}.MetricStat`);
  const expression = text(q.Expression, `${p}.Expression`, 2048);
  if (stat && expression !== undefined) throw new InvalidParameterCombination(MESSAGES.exclusive(`${p}.MetricStat`, `${p}.Expression`));
  if (expression !== undefined) throw new InvalidParameterValue(MESSAGES.unsupportedExpression(`${p}.Expression`));
  if (!stat) throw new MissingParameter(MESSAGES.eitherOf(`${p}.MetricStat`, `${p}.Expression`));
  const s = `${p}.MetricStat`;
  const metric = required(struct(stat.Metric, `${s}.Metric`), `${s}.Metric`);
  const statName = required(text(stat.Stat, `${s}.Stat`, 100), `${s}.Stat`);
  if (!STATISTICS.includes(statName as Statistic)) throw new InvalidParameterValue(MESSAGES.unsupportedStatistic(`${s}.Stat`, statName));
  return {
    id,
    label: text(q.Label, `${p}.Label`, 1024),
    returnData: bool(q.ReturnData, `${p}.ReturnData`) ?? true,
    metric: readMetricId(metric, `${s}.Metric.`),
    periodSeconds: checkPeriod(required(integer(stat.Period, `${s}.Period`), `${s}.Period`), `${s}.Period`),
    stat: statName as Statistic,
    unit: oneOf(stat.Unit, `${s}.Unit`, UNITS),
  };
}
