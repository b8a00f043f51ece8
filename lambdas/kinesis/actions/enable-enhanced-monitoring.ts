import type { EnableEnhancedMonitoringInput, EnhancedMonitoringOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { changeShardLevelMetrics } from '../operations/enhanced-monitoring';

export function enableEnhancedMonitoring(input: EnableEnhancedMonitoringInput, ctx: ActionContext): Promise<EnhancedMonitoringOutput> {
  return changeShardLevelMetrics(ctx, input, input.ShardLevelMetrics!, (current, named) => [...new Set([...current, ...named])]);
}
