/**
 * What makes a metric: its namespace, its name and its set of dimensions (order does not matter;
 * a dimension name appears at most once). Two data points belong to the same metric exactly when
 * all three agree, which is also how GetMetricStatistics and GetMetricData find a metric;
 * ListMetrics instead matches dimension *filters* (a subset, values optional).
 */
import type { DimensionFilter } from '@aws-sdk/client-cloudwatch';
import { InvalidParameterValue } from './errors';
import { MESSAGES } from './messages';
import { list, required, struct, text, type Raw } from './wire-input';

export interface MetricId {
  namespace: string;
  name: string;
  /** Sorted by name. */
  dimensions: Array<{ Name: string; Value: string }>;
}

const MAX_DIMENSIONS = 30;

export function metricKey(id: MetricId): string {
  return JSON.stringify([id.namespace, id.name, id.dimensions.map((d) => [d.Name, d.Value])]);
}

/**
 * A namespace: 1–255 characters, not starting with a colon. Writing into AWS's own `AWS/` spaces
 * is refused; reading them is not (there is simply nothing there).
 */
export function readNamespace(value: unknown, param = 'Namespace', writing = false): string | undefined {
  const namespace = text(value, param);
  if (namespace === undefined) return undefined;
  if (namespace.startsWith(':')) throw new InvalidParameterValue(MESSAGES.invalidValue(param, namespace));
  if (writing && namespace.startsWith('AWS/')) throw new InvalidParameterValue(MESSAGES.reservedNamespace(namespace));
  return namespace;
}

/** The metric a request names: GetMetricStatistics' own members, or (`prefix`) GetMetricData's `….Metric.` ones; Namespace and MetricName are required. */
export function readMetricId(raw: Raw, prefix = ''): MetricId {
  return {
    namespace: required(readNamespace(raw.Namespace, `${prefix}Namespace`), `${prefix}Namespace`),
    name: required(text(raw.MetricName, `${prefix}MetricName`), `${prefix}MetricName`),
    dimensions: readDimensions(raw.Dimensions, `${prefix}Dimensions`),
  };
}

/** A metric's dimensions: names 1–255 characters, values 1–1,024, at most `max`, names unique. */
export function readDimensions(value: unknown, param: string, max = MAX_DIMENSIONS): MetricId['dimensions'] {
  const items = list(value, param) ?? [];
  if (items.length > max) throw new InvalidParameterValue(MESSAGES.tooMany(param, max));
  const seen = new Set<string>();
  return items
    .map((item, i) => {
      const p = `${param}.member.${i + 1}`;
      const d = required(struct(item, p), p);
      const name = required(text(d.Name, `${p}.Name`), `${p}.Name`);
      const dimensionValue = required(text(d.Value, `${p}.Value`, 1024), `${p}.Value`);
      if (seen.has(name)) throw new InvalidParameterValue(MESSAGES.duplicateDimension(param, name));
      seen.add(name);
      return { Name: name, Value: dimensionValue };
    })
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

/** ListMetrics' filters: a name, and optionally the value it must have. */
export function readDimensionFilters(value: unknown, param: string, max: number): DimensionFilter[] {
  const items = list(value, param) ?? [];
  if (items.length > max) throw new InvalidParameterValue(MESSAGES.tooMany(param, max));
  return items.map((item, i) => {
    const p = `${param}.member.${i + 1}`;
    const d = required(struct(item, p) as Raw | undefined, p);
    return { Name: required(text(d.Name, `${p}.Name`), `${p}.Name`), Value: text(d.Value, `${p}.Value`, 1024) };
  });
}

export function matchesFilters(id: MetricId, filters: DimensionFilter[]): boolean {
  return filters.every((f) => id.dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)));
}
