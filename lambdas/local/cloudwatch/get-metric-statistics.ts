/**
 * GetMetricStatistics: one metric (namespace, name and exactly its dimensions), the statistics
 * asked for over each period of [StartTime, EndTime) that holds data, in time order, one datapoint
 * per period and unit (or only `Unit`'s). At most 1,440 periods may be asked for, as on AWS.
 * ExtendedStatistics (percentiles) are refused: the store keeps no raw values.
 */
import type { Datapoint, GetMetricStatisticsOutput, Statistic } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchCall } from './context';
import { InvalidParameterCombination, InvalidParameterValue, MissingParameter } from './errors';
import { MESSAGES } from './messages';
import { readMetricId } from './metric-identity';
import { aggregatePeriods, checkPeriod, periodCount, statistic, STATISTICS } from './periods';
import { readTimeRange } from './time-range';
import { UNITS } from './units';
import { integer, list, oneOf, required, type Raw } from './wire-input';

const MAX_DATAPOINTS = 1_440;

export function getMetricStatistics(input: Raw, call: CloudWatchCall): GetMetricStatisticsOutput {
  const id = readMetricId(input);
  const { startMs, endMs } = readTimeRange(input);
  const periodSeconds = checkPeriod(required(integer(input.Period, 'Period'), 'Period'), 'Period');
  const statistics = readStatistics(input);
  const unit = oneOf(input.Unit, 'Unit', UNITS);
  const periods = periodCount(startMs, endMs, periodSeconds);
  if (periods > MAX_DATAPOINTS) throw new InvalidParameterCombination(MESSAGES.tooManyDatapoints(periods));

  const metric = call.store.find(call.scope, id);
  const aggregates = aggregatePeriods(metric?.datapoints ?? [], { startMs, endMs, periodSeconds, unit, byUnit: true });
  return {
    Label: id.name,
    Datapoints: aggregates.map((agg) => {
      const dp: Datapoint = { Timestamp: new Date(agg.t), Unit: agg.unit };
      for (const s of statistics) dp[s] = statistic(agg, s);
      return dp;
    }),
  };
}

function readStatistics(input: Raw): Statistic[] {
  const statistics = list(input.Statistics, 'Statistics') ?? [];
  const extended = list(input.ExtendedStatistics, 'ExtendedStatistics') ?? [];
  if (statistics.length && extended.length) throw new InvalidParameterCombination(MESSAGES.exclusive('Statistics', 'ExtendedStatistics'));
  if (!statistics.length && !extended.length) throw new MissingParameter(MESSAGES.eitherOf('Statistics', 'ExtendedStatistics'));
  if (extended.length) throw new InvalidParameterValue(MESSAGES.unsupportedStatistic('ExtendedStatistics.member.1', String(extended[0])));
  if (statistics.length > STATISTICS.length) throw new InvalidParameterValue(MESSAGES.tooMany('Statistics', STATISTICS.length));
  return [...new Set(statistics.map((s, i) => required(oneOf(s, `Statistics.member.${i + 1}`, STATISTICS), `Statistics.member.${i + 1}`)))];
}
