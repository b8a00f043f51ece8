/**
 * The scheduled on-demand scaler: samples the shard heads of every ACTIVE on-demand stream and
 * splits or merges shards as decideScaling says, through the same reshard workflow as SplitShard
 * and MergeShards.
 */
import { scanAll } from '../../runtime/bulk';
import type { Runtime } from '../../runtime/context';
import { startReshard } from './reshard';
import { decideScaling, type ScalingState, type ShardCounters } from '../domain/on-demand-scaling';
import { planMerge, planSplit } from '../domain/reshard-plan';
import { getHead } from '../store/shard-head';
import { openShards, shardKey, type StreamItem } from '../domain/stream';
import { updateStream } from '../store/streams';

export interface ScalingAction {
  stream: string;
  split?: number;
  merge?: [number, number];
}

function onDemandStreams(rt: Runtime): Promise<(StreamItem & { scaling?: ScalingState })[]> {
  return scanAll(rt.ddb, {
    TableName: rt.config.tables.streams,
    FilterExpression: '#mode = :od AND #status = :active',
    ExpressionAttributeNames: { '#mode': 'mode', '#status': 'status' },
    ExpressionAttributeValues: { ':od': 'ON_DEMAND', ':active': 'ACTIVE' },
  });
}

export async function scaleOnDemandStreams(rt: Runtime): Promise<ScalingAction[]> {
  const actions: ScalingAction[] = [];
  const cap = { bytesPerSecond: rt.config.quotas.writeBytesPerSecond, recordsPerSecond: rt.config.quotas.writeRecordsPerSecond };
  for (const stream of await onDemandStreams(rt)) {
    const open = openShards(stream);
    const heads = await Promise.all(open.map((s) => getHead(rt, shardKey(stream.streamId, s.index))));
    const counters: Record<string, ShardCounters> = {};
    open.forEach((s, i) => (counters[s.index] = { records: (heads[i]?.lastSeq ?? 0) - s.startCounter, bytes: heads[i]?.totBytes ?? 0 }));
    const now = rt.clock();
    const { state, decision } = decideScaling(open, counters, stream.scaling, now, cap);
    if (!decision) {
      await updateStream(rt, stream, { scaling: state }, ['ACTIVE']);
      continue;
    }
    const plan = 'split' in decision ? planSplit(stream, decision.split.shard, decision.split.key, now) : planMerge(stream, decision.merge.lower, decision.merge.upper, now);
    if (!(await updateStream(rt, stream, { scaling: state, status: 'UPDATING' }, ['ACTIVE']))) continue;
    await startReshard(rt, stream, plan);
    actions.push({ stream: stream.name, ...('split' in decision ? { split: decision.split.shard } : { merge: [decision.merge.lower, decision.merge.upper] as [number, number] }) });
  }
  return actions;
}
