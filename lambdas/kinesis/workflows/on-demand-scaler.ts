/**
 * The scheduled on-demand scaler: samples the shard heads of every ACTIVE on-demand stream and
 * splits or merges shards as decideScaling says, through the same reshard workflow as SplitShard
 * and MergeShards. When every on-demand stream has settled it turns its own schedule off and asks
 * each stream's next write to turn it back on, so idle on-demand streams cost nothing.
 */
import { scanAll } from '../../runtime/bulk';
import type { Runtime } from '../../runtime/context';
import { startReshard } from './reshard';
import { decideScaling, isSettled, type ScalingState, type ShardCounters } from '../domain/on-demand-scaling';
import { planMerge, planSplit } from '../domain/reshard-plan';
import { getHead } from '../store/shard-head';
import { openShards, shardKey, type StreamItem } from '../domain/stream';
import { addWakeOnWrite, updateStream } from '../store/streams';
import { ON_DEMAND_SCALING } from './on-demand-scaling';

export interface ScalingAction {
  stream: string;
  split?: number;
  merge?: [number, number];
}

function onDemandStreams(rt: Runtime): Promise<(StreamItem & { scaling?: ScalingState })[]> {
  return scanAll(rt.ddb, {
    TableName: rt.config.tables.streams,
    FilterExpression: '#mode = :od',
    ExpressionAttributeNames: { '#mode': 'mode' },
    ExpressionAttributeValues: { ':od': 'ON_DEMAND' },
    ConsistentRead: true,
  });
}

export async function scaleOnDemandStreams(rt: Runtime): Promise<ScalingAction[]> {
  const actions: ScalingAction[] = [];
  const cap = { bytesPerSecond: rt.config.quotas.writeBytesPerSecond, recordsPerSecond: rt.config.quotas.writeRecordsPerSecond };
  let settled = true;
  for (const stream of await onDemandStreams(rt)) {
    if (stream.status !== 'ACTIVE') {
      settled &&= stream.status !== 'UPDATING';
      continue;
    }
    const open = openShards(stream);
    const heads = await Promise.all(open.map((s) => getHead(rt, shardKey(stream.streamId, s.index))));
    const counters: Record<string, ShardCounters> = {};
    open.forEach((s, i) => (counters[s.index] = { records: (heads[i]?.lastSeq ?? 0) - s.startCounter, bytes: heads[i]?.totBytes ?? 0 }));
    // Nothing written since the last sample: nothing to decide, and nothing to write.
    if (isSettled(open, counters, stream.scaling)) continue;
    settled = false;
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
  if (settled) await sleepUntilWritten(rt);
  return actions;
}

/**
 * The schedule goes off first, then every on-demand stream (read again: one created meanwhile
 * too) asks its next write to turn it back on; a write that does so cannot be undone by this run.
 */
async function sleepUntilWritten(rt: Runtime): Promise<void> {
  await rt.workflows.setSchedule(ON_DEMAND_SCALING.name, false);
  for (const stream of await onDemandStreams(rt)) {
    if (stream.status !== 'DELETING') await addWakeOnWrite(rt, stream, [ON_DEMAND_SCALING.name]);
  }
}
