import type { EnhancedMonitoringOutput, MetricsName } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { loadStream, requireActive, type StreamRef, updateStream } from '../store/streams';

const ALL_METRICS = ['IncomingBytes', 'IncomingRecords', 'OutgoingBytes', 'OutgoingRecords', 'WriteProvisionedThroughputExceeded', 'ReadProvisionedThroughputExceeded', 'IteratorAgeMilliseconds'];

/** Enable/DisableEnhancedMonitoring: `ALL` stands for every shard-level metric. */
export async function changeShardLevelMetrics(
  ctx: ActionContext,
  input: StreamRef,
  named: MetricsName[],
  combine: (current: string[], named: string[]) => string[],
): Promise<EnhancedMonitoringOutput> {
  const { stream, ref } = await loadStream(ctx, input);
  requireActive(stream, ref);
  const expanded = named.includes('ALL') ? ALL_METRICS : named;
  const desired = ALL_METRICS.filter((m) => combine(stream.enhancedMetrics, expanded).includes(m));
  await updateStream(ctx, stream, { enhancedMetrics: desired });
  return {
    StreamName: stream.name,
    StreamARN: stream.arn,
    CurrentShardLevelMetrics: stream.enhancedMetrics as MetricsName[],
    DesiredShardLevelMetrics: desired as MetricsName[],
  };
}
