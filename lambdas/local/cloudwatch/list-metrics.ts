/**
 * ListMetrics: the account and region's metrics with data in the past two weeks, filtered by
 * namespace, name and up to 10 dimension filters (each a name, optionally with the value it must
 * have), 500 a page in a stable order (namespace, name, dimensions). `RecentlyActive: PT3H` keeps
 * metrics written in the past three hours. Unlike CloudWatch, a new metric is listed at once.
 */
import type { ListMetricsOutput, Metric } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchCall } from './context';
import { metricKey, matchesFilters, readDimensionFilters, readNamespace } from './metric-identity';
import { decodeToken, encodeToken, fingerprint } from './page-token';
import { bool, oneOf, text, type Raw } from './wire-input';

const PAGE = 500;
const LISTED_FOR = 14 * 24 * 3_600_000;
const RECENTLY = 3 * 3_600_000;

export function listMetrics(input: Raw, call: CloudWatchCall): ListMetricsOutput {
  const namespace = readNamespace(input.Namespace);
  const name = text(input.MetricName, 'MetricName');
  const filters = readDimensionFilters(input.Dimensions, 'Dimensions', 10);
  const recently = oneOf(input.RecentlyActive, 'RecentlyActive', ['PT3H']);
  const linked = bool(input.IncludeLinkedAccounts, 'IncludeLinkedAccounts') ?? false;
  const owner = text(input.OwningAccount, 'OwningAccount');
  const request = fingerprint([namespace, name, filters, recently, owner]);
  const after = decodeToken<string>(text(input.NextToken, 'NextToken', 4096), request, 'string');

  const since = call.now - (recently ? RECENTLY : LISTED_FOR);
  const found: Array<{ key: string; metric: Metric }> = [];
  if (owner === undefined || owner === call.account) {
    for (const m of call.store.metricsOf(call.scope)) {
      if (m.lastWrite < since || (namespace && m.id.namespace !== namespace) || (name && m.id.name !== name) || !matchesFilters(m.id, filters)) continue;
      const key = metricKey(m.id);
      if (after === undefined || key > after) found.push({ key, metric: { Namespace: m.id.namespace, MetricName: m.id.name, Dimensions: m.id.dimensions } });
    }
  }
  found.sort((a, b) => (a.key < b.key ? -1 : 1));
  const page = found.slice(0, PAGE);
  return {
    Metrics: page.map((f) => f.metric),
    ...(linked ? { OwningAccounts: page.map(() => call.account) } : {}),
    ...(found.length > PAGE ? { NextToken: encodeToken(page[page.length - 1].key, request) } : {}),
  };
}
