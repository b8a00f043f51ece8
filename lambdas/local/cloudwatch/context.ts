/** What an action is handed: the store, whose metrics it touches (account and region), and now. */
import type { MetricStore } from './metric-store';

export interface CloudWatchCall {
  store: MetricStore;
  /** Account and region: metrics are theirs, as on AWS. */
  scope: string;
  account: string;
  /** ms since the epoch, from the host's injected clock. */
  now: number;
}
