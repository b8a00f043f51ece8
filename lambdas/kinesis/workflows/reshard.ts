/**
 * Resharding (SplitShard, MergeShards, UpdateShardCount): open the children, close the parents
 * (from then on writes to them are refused and re-routed), then publish the new shard map and
 * return the stream to ACTIVE. Each step is idempotent, so Step Functions may retry any of them.
 */
import type { ReshardPlan } from '../domain/reshard-plan';
import { streamKeyOf, type StreamItem, type StreamKey } from '../domain/stream';
import type { Runtime } from '../../runtime/context';
import { taskState, type WorkflowSpec } from '../../workflows/asl';

const task = (name: string, extra: Record<string, string> = {}) => taskState('StreamTasksFunctionArn', name, { 'stream.$': '$.stream', 'plan.$': '$.plan', ...extra });

export const RESHARD: WorkflowSpec = {
  name: 'Reshard',
  placeholders: { StreamTasksFunctionArn: 'streamTasks' },
  definition: {
    Comment: 'Runnel resharding: split, merge or uniformly rescale a stream',
    StartAt: 'OpenChildren',
    States: {
      OpenChildren: { ...task('openChildren'), ResultPath: null, Next: 'CloseParents' },
      CloseParents: { ...task('closeParents'), ResultPath: '$.endCounters', Next: 'PublishShardMap' },
      PublishShardMap: { ...task('publishShardMap', { 'endCounters.$': '$.endCounters' }), End: true },
    },
  },
};

export interface ReshardInput {
  stream: StreamKey;
  plan: ReshardPlan;
}

export function startReshard(rt: Runtime, stream: StreamItem, plan: ReshardPlan): Promise<void> {
  const input: ReshardInput = { stream: streamKeyOf(stream), plan };
  return rt.workflows.start(RESHARD.name, `reshard-${stream.streamId}-${plan.nextShardIndex}`, input);
}
