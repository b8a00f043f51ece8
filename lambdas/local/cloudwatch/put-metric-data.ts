/**
 * PutMetricData: up to 1,000 data points for one namespace, all checked before any is stored (a
 * request is taken whole or refused whole). A datum carries exactly one of Value, Values (with
 * optional Counts, up to 150) or StatisticValues; values must be finite and within CloudWatch's
 * range; timestamps within the past two weeks and at most two hours ahead; StorageResolution 1
 * or 60. `EntityMetricData` items are taken as plain metric data (their entity is not kept).
 */
import type { StandardUnit } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchCall } from './context';
import { InvalidParameterCombination, InvalidParameterValue, MissingParameter } from './errors';
import { MESSAGES } from './messages';
import { readDimensions, readNamespace, type MetricId } from './metric-identity';
import type { Aggregate, Sample } from './metric-store';
import { UNITS } from './units';
import { integer, list, number, oneOf, required, struct, text, timestamp, type Raw } from './wire-input';

const MAX_DATA = 1_000;
const MAX_VALUES = 150;
const TWO_WEEKS = 14 * 24 * 3_600_000;
const TWO_HOURS = 2 * 3_600_000;
// CloudWatch refuses magnitudes outside [8.515920e-109, 1.174271e+108] (zero aside).
const SMALLEST = 8.51592e-109;
const LARGEST = 1.174271e108;

export function putMetricData(input: Raw, call: CloudWatchCall): void {
  const namespace = required(readNamespace(input.Namespace, 'Namespace', true), 'Namespace');
  const data: Array<[unknown, string]> = (list(input.MetricData, 'MetricData') ?? []).map((d, i) => [d, `MetricData.member.${i + 1}`]);
  (list(input.EntityMetricData, 'EntityMetricData') ?? []).forEach((e, i) => {
    const p = `EntityMetricData.member.${i + 1}`;
    const entity = struct(e, p) ?? {};
    (list(entity.MetricData, `${p}.MetricData`) ?? []).forEach((d, j) => data.push([d, `${p}.MetricData.member.${j + 1}`]));
  });
  if (!data.length) throw new MissingParameter(MESSAGES.required('MetricData'));
  if (data.length > MAX_DATA) throw new InvalidParameterValue(MESSAGES.tooMany('MetricData', MAX_DATA));
  const points = data.map(([d, p]) => readDatum(required(struct(d, p), p), p, namespace, call.now));
  for (const { id, sample } of points) if (sample.count > 0) call.store.record(call.scope, id, sample, call.now);
}

function readDatum(d: Raw, p: string, namespace: string, now: number): { id: MetricId; sample: Sample } {
  const name = required(text(d.MetricName, `${p}.MetricName`), `${p}.MetricName`);
  const dimensions = readDimensions(d.Dimensions, `${p}.Dimensions`);
  const time = timestamp(d.Timestamp, `${p}.Timestamp`) ?? now;
  if (time < now - TWO_WEEKS) throw new InvalidParameterValue(MESSAGES.tooOld(`${p}.Timestamp`));
  if (time > now + TWO_HOURS) throw new InvalidParameterValue(MESSAGES.tooNew(`${p}.Timestamp`));
  const unit: StandardUnit = oneOf(d.Unit, `${p}.Unit`, UNITS) ?? 'None';
  const resolution = integer(d.StorageResolution, `${p}.StorageResolution`) ?? 60;
  if (resolution !== 1 && resolution !== 60) throw new InvalidParameterValue(MESSAGES.invalidValue(`${p}.StorageResolution`, resolution));
  return { id: { namespace, name, dimensions }, sample: { timestamp: time, unit, resolution, ...readValues(d, p) } };
}

/** The datum's value(s) as one aggregate. */
function readValues(d: Raw, p: string): Aggregate {
  const value = checked(number(d.Value, `${p}.Value`), `${p}.Value`);
  const values = list(d.Values, `${p}.Values`) ?? [];
  const stats = struct(d.StatisticValues, `${p}.StatisticValues`);
  const given = [value !== undefined && 'Value', values.length > 0 && 'Values', stats && 'StatisticValues'].filter((x): x is string => !!x);
  if (given.length > 1) throw new InvalidParameterCombination(MESSAGES.exclusive(`${p}.${given[0]}`, `${p}.${given[1]}`));
  if (value !== undefined) return { count: 1, sum: value, min: value, max: value };
  if (stats) return readStatisticSet(stats, `${p}.StatisticValues`);
  if (!values.length) throw new MissingParameter(MESSAGES.required(`${p}.Value`));
  if (values.length > MAX_VALUES) throw new InvalidParameterValue(MESSAGES.tooMany(`${p}.Values`, MAX_VALUES));
  const counts = list(d.Counts, `${p}.Counts`) ?? [];
  if (counts.length && counts.length !== values.length) throw new InvalidParameterValue(MESSAGES.sameSize(`${p}.Values`, `${p}.Counts`));
  const agg = { count: 0, sum: 0, min: Infinity, max: -Infinity };
  values.forEach((raw, i) => {
    const v = checked(number(raw, `${p}.Values.member.${i + 1}`), `${p}.Values.member.${i + 1}`)!;
    const c = counts.length ? number(counts[i], `${p}.Counts.member.${i + 1}`)! : 1;
    if (!Number.isFinite(c) || c < 0) throw new InvalidParameterValue(MESSAGES.invalidValue(`${p}.Counts.member.${i + 1}`, c));
    if (c === 0) return;
    agg.count += c;
    agg.sum += v * c;
    agg.min = Math.min(agg.min, v);
    agg.max = Math.max(agg.max, v);
  });
  return agg;
}

function readStatisticSet(s: Raw, p: string): Aggregate {
  const field = (name: string) => required(checked(number(s[name], `${p}.${name}`), `${p}.${name}`), `${p}.${name}`);
  const count = field('SampleCount');
  const sum = field('Sum');
  const min = field('Minimum');
  const max = field('Maximum');
  if (count <= 0) throw new InvalidParameterValue(MESSAGES.invalidValue(`${p}.SampleCount`, count));
  if (min > max) throw new InvalidParameterValue(MESSAGES.minAboveMax(p));
  return { count, sum, min, max };
}

/** A value CloudWatch stores: finite, and zero or of a magnitude within its range. */
function checked(v: number | undefined, param: string): number | undefined {
  if (v === undefined) return undefined;
  const magnitude = Math.abs(v);
  if (!Number.isFinite(v) || (magnitude !== 0 && (magnitude < SMALLEST || magnitude > LARGEST))) throw new InvalidParameterValue(MESSAGES.invalidValue(param, v));
  return v;
}
