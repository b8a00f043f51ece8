/**
 * How large a request body may be, per operation, judged before any work is done on it. The caps
 * sit above what AWS lets each operation carry once blobs are base64 (4/3) and wrapped in JSON, so
 * a legal request is never refused here and the operation's own limits keep their AWS texts:
 *
 * - Kinesis PutRecord and PutRecords: 10 MiB of data and keys → 16 MiB;
 * - Firehose PutRecordBatch: 4 MiB → 8 MiB (room for a batch somewhat over the limit to get
 *   Firehose's own error); Firehose PutRecord: 1,000 KiB → 2 MiB;
 * - everything else (and requests naming no operation): 1 MiB, far above the largest control-plane
 *   input (a 20 KiB resource policy, a delivery stream's configuration).
 */
import { AwsError } from './errors';

const MIB = 1024 * 1024;
const CAPS: Record<string, number> = {
  'Kinesis_20131202.PutRecord': 16 * MIB,
  'Kinesis_20131202.PutRecords': 16 * MIB,
  'Firehose_20150804.PutRecordBatch': 8 * MIB,
  'Firehose_20150804.PutRecord': 2 * MIB,
};
const DEFAULT_CAP = MIB;

/** The largest body any operation accepts: what a host may buffer at most for one request. */
export const MAX_BODY_BYTES = Math.max(DEFAULT_CAP, ...Object.values(CAPS));

export function bodyLimit(target: string | undefined): number {
  return CAPS[target ?? ''] ?? DEFAULT_CAP;
}

/** 413, shaped as every other Runnel error (__type, message, x-amzn-ErrorType). */
export class RequestTooLargeException extends AwsError {
  constructor() {
    super('SerializationException', 'Request body too large.', 413);
  }
}
