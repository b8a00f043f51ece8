/**
 * One flush of a delivery stream's buffer: take up to SizeInMBs of the oldest records, back up the
 * source records (S3BackupMode Enabled), transform, compress, write one object named as Firehose
 * names it, write failed records to the error output, and only then delete what was delivered.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Runtime } from '../../runtime/context';
import { compress, EXTENSIONS } from '../domain/compression';
import { bucketName, type DeliveryStreamItem, type FlushReason, type S3Destination } from '../domain/delivery-stream';
import { evaluatePrefix, objectName } from '../domain/object-key';
import { scheduleTimedFlush } from '../operations/ingest';
import { acquireLease, clearTimedFlush, releaseLease } from '../store/buffer-control';
import { deleteItems, oldestArrival, readOldest } from '../store/buffer-records';
import { resetBufferedBytes } from '../store/buffer-slots';
import { transform, type FailedRecord } from './transform';

const MIB = 1024 * 1024;
const LEASE_MS = 5 * 60_000;

export interface FlushResult {
  /** More than a buffer's worth remains: flush again at once. */
  more: boolean;
  delivered: number;
  failed: number;
  objects: string[];
}

async function putObject(rt: Runtime, destination: Omit<S3Destination, 'S3BackupMode'>, key: string, body: Buffer): Promise<void> {
  const bucket = bucketName(destination.BucketARN);
  const s3 = await rt.destinations.s3(destination.RoleARN, bucket);
  const kms = destination.EncryptionConfiguration?.KMSEncryptionConfig?.AWSKMSKeyARN;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...(kms ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kms } : {}) }));
}

/** Concatenates (Firehose adds no delimiter of its own), compresses and names one object. */
async function deliver(rt: Runtime, ds: DeliveryStreamItem, destination: Omit<S3Destination, 'S3BackupMode'>, data: Buffer[], oldest: number, prefix: string): Promise<string> {
  const zone = destination.CustomTimeZone ?? 'UTC';
  const extension = destination.FileExtension ?? EXTENSIONS[destination.CompressionFormat];
  const name = objectName(ds.name, ds.versionId, oldest, extension, zone);
  const key = prefix + name;
  await putObject(rt, destination, key, compress(destination.CompressionFormat, Buffer.concat(data), name.replace(extension, '')));
  return key;
}

function errorDocument(f: FailedRecord, now: number): string {
  return JSON.stringify({
    attemptsMade: f.attemptsMade,
    arrivalTimestamp: f.record.arrival,
    errorCode: f.errorCode,
    errorMessage: f.errorMessage,
    attemptEndingTimestamp: now,
    rawData: Buffer.from(f.record.data).toString('base64'),
    ...(f.lambdaArn ? { lambdaArn: f.lambdaArn } : {}),
  });
}

/** Where failed records go: ErrorOutputPrefix, or by default `<Prefix>processing-failed/YYYY/MM/dd/HH/`. */
function errorPrefix(destination: S3Destination, at: number): string {
  const zone = destination.CustomTimeZone ?? 'UTC';
  if (destination.ErrorOutputPrefix !== undefined) return evaluatePrefix(destination.ErrorOutputPrefix, at, zone, 'processing-failed');
  return evaluatePrefix(`${destination.Prefix ?? ''}processing-failed/`, at, zone);
}

/**
 * A size flush delivers only a full buffer (less may be left after the previous one); what it
 * leaves waits for the interval. Interval flushes and the drain before deletion deliver anything.
 */
export async function flushBuffer(rt: Runtime, ds: DeliveryStreamItem, flushId: string, reason: FlushReason): Promise<FlushResult> {
  const result: FlushResult = { more: false, delivered: 0, failed: 0, objects: [] };
  if (!(await acquireLease(rt, ds.id, 'flush', flushId, rt.clock() + LEASE_MS))) return result;
  try {
    const destination = ds.destination;
    const size = destination.BufferingHints.SizeInMBs * MIB;
    const slice = await readOldest(rt, ds.id, size);
    const deliverNow = reason !== 'size' || slice.truncated || slice.bytes >= size;
    if (slice.records.length && deliverNow) {
      const oldest = slice.records[0].arrival;
      const zone = destination.CustomTimeZone ?? 'UTC';
      if (destination.S3BackupMode === 'Enabled' && destination.S3BackupConfiguration) {
        const backup = destination.S3BackupConfiguration;
        const key = await deliver(rt, ds, backup, slice.records.map((r) => Buffer.from(r.data)), oldest, evaluatePrefix(backup.Prefix, oldest, backup.CustomTimeZone ?? 'UTC'));
        result.objects.push(key);
      }
      const { delivered, failed } = await transform(rt, ds, slice.records);
      if (delivered.length) {
        const firstArrival = delivered[0].record.arrival;
        result.objects.push(await deliver(rt, ds, destination, delivered.map((d) => d.data), firstArrival, evaluatePrefix(destination.Prefix, firstArrival, zone)));
      }
      if (failed.length) {
        const now = rt.clock();
        const documents = failed.map((f) => Buffer.from(errorDocument(f, now) + '\n'));
        result.objects.push(await deliver(rt, ds, { ...destination, CompressionFormat: 'UNCOMPRESSED', FileExtension: undefined }, documents, failed[0].record.arrival, errorPrefix(destination, failed[0].record.arrival)));
      }
      result.delivered = delivered.length;
      result.failed = failed.length;
      await rt.faults?.afterDelivery?.(ds.id);
      await deleteItems(rt, slice.keys);
    }
    if (deliverNow) {
      // Clear the pending flush before resetting the counters: a write that lands in between then
      // either sees an empty buffer (and schedules itself) or is found by the check below.
      await clearTimedFlush(rt, ds.id);
      await resetBufferedBytes(rt, ds.id);
    }
    if (slice.truncated && deliverNow) {
      result.more = true; // a full buffer's worth was left behind: deliver it at once
    } else {
      const oldest = await oldestArrival(rt, ds.id);
      if (oldest !== undefined) await scheduleTimedFlush(rt, ds, oldest);
    }
    return result;
  } finally {
    await releaseLease(rt, ds.id, 'flush', flushId);
  }
}
