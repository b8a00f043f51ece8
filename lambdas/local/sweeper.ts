/**
 * Stands in for what the cloud does for free: DynamoDB TTL (dynalite has none) and the bucket's
 * lifecycle expiry of segment objects.
 */
import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { deleteAll, scanAll } from '../runtime/bulk';
import type { Runtime } from '../runtime/context';
import { logger } from '../runtime/logger';
import { SEGMENT_RETENTION_DAYS, segmentPrefixForDays } from '../kinesis/store/segment-objects';
import { BUFFERS_TABLE, SHARDS_TABLE } from '../runtime/tables';

export async function sweepOnce(rt: Runtime): Promise<{ items: number; objects: number }> {
  const now = rt.clock();
  let items = 0;
  for (const [table, spec] of [[rt.config.tables.shards, SHARDS_TABLE], [rt.config.tables.buffers, BUFFERS_TABLE]] as const) {
    const expired = await scanAll<Record<string, unknown>>(rt.ddb, {
      TableName: table,
      FilterExpression: '#exp < :now',
      ExpressionAttributeNames: { '#exp': spec.ttlAttribute! },
      ExpressionAttributeValues: { ':now': Math.floor(now / 1000) },
      ProjectionExpression: 'pk, sk',
    });
    await deleteAll(rt.ddb, table, expired);
    items += expired.length;
  }

  let objects = 0;
  for (const days of SEGMENT_RETENTION_DAYS) {
    let after: string | undefined;
    for (;;) {
      // StartAfter paging: s3rver's continuation tokens need the legacy OpenSSL provider.
      const page = await rt.s3.send(new ListObjectsV2Command({ Bucket: rt.config.bucket, Prefix: segmentPrefixForDays(days), StartAfter: after }));
      const expired = (page.Contents ?? []).filter((o) => o.LastModified && now - o.LastModified.getTime() > days * 86_400_000);
      if (expired.length) {
        await rt.s3.send(new DeleteObjectsCommand({ Bucket: rt.config.bucket, Delete: { Objects: expired.map((o) => ({ Key: o.Key! })) } }));
        objects += expired.length;
      }
      if (!page.IsTruncated || !page.Contents?.length) break;
      after = page.Contents[page.Contents.length - 1].Key;
    }
  }
  return { items, objects };
}

export function startSweeper(rt: Runtime, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepOnce(rt)
      .catch((e) => logger.warn('sweep failed', e as Error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
