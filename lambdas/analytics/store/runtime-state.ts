/**
 * A running application's state: one item (pk = application id, sk = `state`) holding the engine
 * snapshot, the input checkpoints (per shard of a Kinesis input, or the place in a Firehose input's
 * tap) and where a shard without a checkpoint starts. Snapshot and
 * checkpoints are written together, after the outputs they produced were delivered, so a crash
 * replays input into the state that had not yet seen it (at-least-once output, no lost rows). The
 * snapshot is gzipped; one too big for an item (DynamoDB's 400 KB) goes to S3 instead. A run
 * holds a lease on the item (`leaseUntil`), so two runs never process the same input at once;
 * saving the state ends the lease.
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ShardCheckpoint, StartingPosition } from '../../kinesis/reader';
import { tryUpdate } from '../../runtime/conditional-writes';
import type { Runtime } from '../../runtime/context';

const INLINE_BYTES = 300 * 1024;

export interface RuntimeState {
  /** The configuration version the snapshot was taken under; another version starts a fresh engine. */
  versionId: number;
  start: StartingPosition;
  checkpoints: Record<string, ShardCheckpoint>;
  /** A Firehose input's checkpoint in the application's tap (the last item taken). */
  firehoseAfter?: string;
  snapshot?: unknown;
}

type StoredState = Omit<RuntimeState, 'snapshot'> & { pk: string; sk: string; snapshot?: Uint8Array; snapshotKey?: string };

const key = (appId: string) => ({ pk: appId, sk: 'state' });
const objectKey = (appId: string) => `analytics/${appId}/state.json.gz`;

export async function loadRuntimeState(rt: Runtime, appId: string): Promise<RuntimeState | undefined> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.applications, Key: key(appId), ConsistentRead: true }));
  const item = res.Item as StoredState | undefined;
  if (!item) return undefined;
  const zipped = item.snapshotKey
    ? await (await rt.s3.send(new GetObjectCommand({ Bucket: rt.config.bucket, Key: item.snapshotKey }))).Body!.transformToByteArray()
    : item.snapshot;
  return {
    versionId: item.versionId,
    start: item.start,
    checkpoints: item.checkpoints,
    firehoseAfter: item.firehoseAfter,
    ...(zipped ? { snapshot: JSON.parse(gunzipSync(zipped).toString('utf8')) } : {}),
  };
}

export async function saveRuntimeState(rt: Runtime, appId: string, state: RuntimeState): Promise<void> {
  const { snapshot, ...rest } = state;
  const zipped = snapshot === undefined ? undefined : gzipSync(JSON.stringify(snapshot));
  const item: StoredState = { ...key(appId), ...rest };
  if (zipped && zipped.length > INLINE_BYTES) {
    await rt.s3.send(new PutObjectCommand({ Bucket: rt.config.bucket, Key: objectKey(appId), Body: zipped }));
    item.snapshotKey = objectKey(appId);
  } else if (zipped) {
    item.snapshot = zipped;
  }
  await rt.ddb.send(new PutCommand({ TableName: rt.config.tables.applications, Item: item }));
}

/** Claims the next run of an application; false while another run holds it (or it has no state). */
export function claimRun(rt: Runtime, appId: string, leaseMs: number): Promise<boolean> {
  const now = rt.clock();
  return tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.applications,
      Key: key(appId),
      UpdateExpression: 'SET leaseUntil = :until',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
      ExpressionAttributeValues: { ':until': now + leaseMs, ':now': now },
    }),
  );
}

/** Gives a claimed run back without saving anything (the run failed). */
export async function releaseRun(rt: Runtime, appId: string): Promise<void> {
  await tryUpdate(rt.ddb, new UpdateCommand({ TableName: rt.config.tables.applications, Key: key(appId), UpdateExpression: 'REMOVE leaseUntil', ConditionExpression: 'attribute_exists(pk)' }));
}

export async function deleteRuntimeState(rt: Runtime, appId: string): Promise<void> {
  await rt.ddb.send(new DeleteCommand({ TableName: rt.config.tables.applications, Key: key(appId) }));
  await rt.s3.send(new DeleteObjectCommand({ Bucket: rt.config.bucket, Key: objectKey(appId) }));
}
