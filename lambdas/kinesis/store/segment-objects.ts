/**
 * Segments too large for DynamoDB's price sweet spot live in S3: one object per request, shared by
 * the shards it touched, under a prefix chosen by the stream's retention. The bucket's lifecycle
 * rules expire each prefix after its number of days, so no one deletes objects one by one.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Runtime } from '../../runtime/context';
import type { ObjectSlice } from './segment-item';

/** The lifetimes (days) of the segment prefixes; CDK and the local sweeper expire each prefix after its days. */
export const SEGMENT_RETENTION_DAYS = [2, 8, 31, 366];

export function segmentPrefixForDays(days: number): string {
  return `segments/${days}d/`;
}

/** The shortest-lived prefix that outlives `retentionHours`. */
export function segmentObjectPrefix(retentionHours: number): string {
  const days = SEGMENT_RETENTION_DAYS.find((d) => d * 24 > retentionHours) ?? SEGMENT_RETENTION_DAYS[SEGMENT_RETENTION_DAYS.length - 1];
  return segmentPrefixForDays(days);
}

/** Writes `parts` as one object; returns where each part is. */
export async function putSegmentObject(rt: Runtime, parts: Buffer[], retentionHours: number): Promise<ObjectSlice[]> {
  const key = `${segmentObjectPrefix(retentionHours)}${randomUUID()}`;
  let offset = 0;
  const slices = parts.map((b) => {
    const slice = { key, offset, length: b.length };
    offset += b.length;
    return slice;
  });
  await rt.s3.send(new PutObjectCommand({ Bucket: rt.config.bucket, Key: key, Body: Buffer.concat(parts) }));
  return slices;
}

/** Rounds of the SDK's own retries a segment read gets: S3 answers SlowDown in bursts. */
const READ_ROUNDS = 3;

/** The bytes of one slice; undefined when the object has expired. */
export async function readSegmentSlice(rt: Runtime, slice: ObjectSlice): Promise<Uint8Array | undefined> {
  for (let round = 1; ; round++) {
    try {
      const res = await rt.s3.send(
        new GetObjectCommand({ Bucket: rt.config.bucket, Key: slice.key, Range: `bytes=${slice.offset}-${slice.offset + slice.length - 1}` }),
      );
      return await res.Body!.transformToByteArray();
    } catch (e) {
      // Lifecycle rules only delete objects past every retention that could point at them, and
      // DynamoDB TTL removes index items hours late: such a segment has simply expired.
      if ((e as Error).name === 'NoSuchKey') return undefined;
      // A read changes nothing, so trying again is always safe; a reader's 500 is not.
      if (round >= READ_ROUNDS) throw e;
      await rt.sleep(100 * 2 ** round);
    }
  }
}
