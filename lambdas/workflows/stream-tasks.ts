/** Task handlers of the stream workflows (one Lambda in the cloud, in-process locally). */
import { createHead, closeHead } from '../kinesis/store/shard-log';
import { shardKey, type StreamItem } from '../kinesis/store/stream-item';
import { removeStream, updateStream } from '../kinesis/store/streams';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../runtime/context';
import type { StreamTaskInput } from './stream-lifecycle';

async function current(rt: Runtime, ref: StreamTaskInput): Promise<StreamItem | undefined> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.streams, Key: { pk: ref.pk, sk: ref.sk }, ConsistentRead: true }));
  const item = res.Item as StreamItem | undefined;
  return item?.streamId === ref.streamId ? item : undefined;
}

/** Creates the shard heads, then opens the stream for reads and writes. */
export async function activateStream(rt: Runtime, ref: StreamTaskInput): Promise<{ status: string }> {
  const stream = await current(rt, ref);
  if (!stream || stream.status !== 'CREATING') return { status: stream?.status ?? 'GONE' };
  await Promise.all(stream.shards.map((s) => createHead(rt, shardKey(stream.streamId, s.index), s.startCounter)));
  await updateStream(rt, stream, { status: 'ACTIVE' }, ['CREATING']);
  return { status: 'ACTIVE' };
}

/**
 * Closes every shard head (so no write can land any more) and removes the stream item. Segments
 * are left to expire by TTL and bucket lifecycle: they are keyed by the stream id, which no new
 * stream reuses, so they are unreachable.
 */
export async function deleteStream(rt: Runtime, ref: StreamTaskInput): Promise<{ status: string }> {
  const stream = await current(rt, ref);
  if (!stream) return { status: 'GONE' };
  await Promise.all(stream.shards.map((s) => closeHead(rt, shardKey(stream.streamId, s.index))));
  await removeStream(rt, stream);
  return { status: 'GONE' };
}

const tasks = { activateStream, deleteStream };

export async function runStreamTask(rt: Runtime, event: { task: keyof typeof tasks; stream: StreamTaskInput }): Promise<unknown> {
  const task = tasks[event.task];
  if (!task) throw new Error(`unknown stream task ${event.task}`);
  return task(rt, event.stream);
}
