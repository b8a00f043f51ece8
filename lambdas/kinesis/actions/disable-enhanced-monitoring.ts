import type { DisableEnhancedMonitoringInput, EnhancedMonitoringOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { changeShardLevelMetrics } from '../operations/enhanced-monitoring';

export function disableEnhancedMonitoring(input: DisableEnhancedMonitoringInput, ctx: ActionContext): Promise<EnhancedMonitoringOutput> {
  return changeShardLevelMetrics(ctx, input, input.ShardLevelMetrics!, (current, named) => current.filter((m) => !named.includes(m)));
}
