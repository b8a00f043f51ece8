/**
 * Resharding (SplitShard, MergeShards, UpdateShardCount): open the children, close the parents
 * (from then on writes to them are refused and re-routed), then publish the new shard map and
 * return the stream to ACTIVE. Each step is idempotent, so Step Functions may retry any of them.
 */
import type { ReshardPlan } from '../kinesis/domain/reshard-plan';
import type { StreamItem } from '../kinesis/store/stream-item';
import type { Runtime } from '../runtime/context';
import { taskState, type WorkflowSpec } from './asl';
import type { StreamTaskInput } from './stream-lifecycle';

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
  stream: StreamTaskInput;
  plan: ReshardPlan;
}

export function startReshard(rt: Runtime, stream: StreamItem, plan: ReshardPlan): Promise<void> {
  const input: ReshardInput = { stream: { pk: stream.pk, sk: stream.sk, streamId: stream.streamId }, plan };
  return rt.workflows.start(RESHARD.name, `reshard-${stream.streamId}-${plan.nextShardIndex}`, input);
}
