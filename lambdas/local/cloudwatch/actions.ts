/** The CloudWatch operations the local endpoint serves; any other is an InvalidAction. */
import type { CloudWatchCall } from './context';
import { getMetricData } from './get-metric-data';
import { getMetricStatistics } from './get-metric-statistics';
import { listMetrics } from './list-metrics';
import { putMetricData } from './put-metric-data';
import type { Raw } from './wire-input';

export type CloudWatchAction = (input: Raw, call: CloudWatchCall) => object | void;

const CLOUDWATCH_ACTIONS: Record<string, CloudWatchAction> = {
  PutMetricData: putMetricData,
  ListMetrics: listMetrics,
  GetMetricStatistics: getMetricStatistics,
  GetMetricData: getMetricData,
};

export function actionNamed(name: string): CloudWatchAction | undefined {
  return Object.hasOwn(CLOUDWATCH_ACTIONS, name) ? CLOUDWATCH_ACTIONS[name] : undefined;
}
