/** Task handlers of the stream workflows (one Lambda in the cloud, in-process locally). */
import { activateConsumer, deleteConsumer } from './consumer-tasks';
import { scaleOnDemandStreams } from './on-demand-scaler';
import { extendSegments, type ExtensionCursor } from './retention-extension';
import { removeAllConsumers } from '../store/consumers';
import { closeHead, createHead } from '../store/shard-head';
import { removeLeases } from '../store/subscription-leases';
import { shardKey, type StreamItem, type StreamKey } from '../domain/stream';
import { removeStream, streamByKey, updateStream } from '../store/streams';
import type { Runtime } from '../../runtime/context';
import type { ReshardInput } from './reshard';
import type { StreamUpdateInput } from './stream-update';

async function current(rt: Runtime, ref: StreamKey): Promise<StreamItem | undefined> {
  const item = await streamByKey(rt, { pk: ref.pk, sk: ref.sk });
  return item?.streamId === ref.streamId ? item : undefined;
}

/** Creates the shard heads, then opens the stream for reads and writes. */
async function activateStream(rt: Runtime, { stream: ref }: { stream: StreamKey }): Promise<{ status: string }> {
  const stream = await current(rt, ref);
  if (!stream || stream.status !== 'CREATING') return { status: stream?.status ?? 'GONE' };
  await Promise.all(stream.shards.map((s) => createHead(rt, shardKey(stream.streamId, s.index), s.startCounter)));
  await updateStream(rt, stream, { status: 'ACTIVE' }, ['CREATING']);
  return { status: 'ACTIVE' };
}

/**
 * Closes every shard head (so no write can land any more), removes the stream's consumers (only
 * there when DeleteStream enforced their deletion) and the stream item. Segments are left to
 * expire by TTL and bucket lifecycle: they are keyed by the stream id, which no new stream reuses,
 * so they are unreachable.
 */
async function deleteStream(rt: Runtime, { stream: ref }: { stream: StreamKey }): Promise<{ status: string }> {
  const stream = await current(rt, ref);
  if (!stream) return { status: 'GONE' };
  await Promise.all(stream.shards.map((s) => closeHead(rt, shardKey(stream.streamId, s.index))));
  for (const consumer of await removeAllConsumers(rt, stream.streamId)) await removeLeases(rt, consumer.arn);
  await removeStream(rt, stream);
  return { status: 'GONE' };
}

/** Heads for the shards that will take writes; intermediates (created closed) need none. */
async function openChildren(rt: Runtime, { stream, plan }: ReshardInput): Promise<void> {
  const open = plan.created.filter((s) => s.endCounter === undefined);
  await Promise.all(open.map((s) => createHead(rt, shardKey(stream.streamId, s.index), s.startCounter)));
}

/** Closes the parents' heads; returns the last counter each parent will ever hold. */
async function closeParents(rt: Runtime, { stream, plan }: ReshardInput): Promise<Record<string, number>> {
  const ends = await Promise.all(plan.parents.map((p) => closeHead(rt, shardKey(stream.streamId, p))));
  return Object.fromEntries(plan.parents.map((p, i) => [String(p), ends[i] ?? 0]));
}

/** Publishes the new shard map and returns the stream to ACTIVE (once: a retry finds it done). */
async function publishShardMap(rt: Runtime, { stream: ref, plan, endCounters }: ReshardInput & { endCounters: Record<string, number> }): Promise<{ status: string }> {
  const stream = await current(rt, ref);
  if (!stream || stream.status !== 'UPDATING') return { status: stream?.status ?? 'GONE' };
  const now = rt.clock();
  const shards = stream.shards.map((s) => (plan.parents.includes(s.index) ? { ...s, endCounter: endCounters[String(s.index)], closedAt: now } : s));
  await updateStream(rt, stream, { shards: [...shards, ...plan.created], nextShardIndex: plan.nextShardIndex, status: 'ACTIVE' }, ['UPDATING']);
  // Subscribers waiting at a parent's end learn now that it has one.
  for (const p of plan.parents) rt.wakeups?.stored(shardKey(stream.streamId, p));
  return { status: 'ACTIVE' };
}

/** Applies settings changed asynchronously and returns the stream to ACTIVE. */
async function applyStreamUpdate(rt: Runtime, { stream: ref, changes }: StreamUpdateInput): Promise<{ status: string }> {
  const stream = await current(rt, ref);
  if (!stream || stream.status !== 'UPDATING') return { status: stream?.status ?? 'GONE' };
  await updateStream(rt, stream, { ...changes, status: 'ACTIVE' }, ['UPDATING']);
  return { status: 'ACTIVE' };
}

/** One page of a retention extension. */
async function extendRetention(rt: Runtime, { stream: ref, retentionHours, cursor }: { stream: StreamKey; retentionHours: number; cursor: ExtensionCursor }) {
  const stream = await current(rt, ref);
  if (!stream) return { done: true, cursor };
  return extendSegments(rt, stream, retentionHours, cursor);
}

const tasks: Record<string, (rt: Runtime, event: any) => Promise<unknown>> = {
  activateStream,
  deleteStream,
  openChildren,
  closeParents,
  publishShardMap,
  applyStreamUpdate,
  scaleOnDemandStreams: (rt: Runtime) => scaleOnDemandStreams(rt),
  extendRetention,
  activateConsumer,
  deleteConsumer,
};

export async function runStreamTask(rt: Runtime, event: { task: string }): Promise<unknown> {
  const task = tasks[event.task];
  if (!task) throw new Error(`unknown stream task ${event.task}`);
  return task(rt, event);
}
