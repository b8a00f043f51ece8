import type { DescribeLimitsOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { ON_DEMAND_STREAM_LIMIT } from '../operations/resharding';
import { countOpenShards } from '../store/streams';

export async function describeLimits(_input: object, ctx: ActionContext): Promise<DescribeLimitsOutput> {
  const { open, onDemandStreams } = await countOpenShards(ctx);
  return { ShardLimit: ctx.config.shardLimit, OpenShardCount: open, OnDemandStreamCount: onDemandStreams, OnDemandStreamCountLimit: ON_DEMAND_STREAM_LIMIT };
}
