/**
 * Kinesis Data Analytics' two Lambda contracts, as its developer guide defines them. Pure.
 *
 * Input preprocessing: `{invocationId, applicationArn, streamArn, records: [{recordId,
 * kinesisStreamRecordMetadata: {sequenceNumber, partitionKey, shardId, approximateArrivalTimestamp},
 * data}]}` (a Firehose source carries `kinesisFirehoseRecordMetadata: {approximateArrivalTimestamp}`
 * instead); the answer must give every recordId once with `result` Ok (with `data`), Dropped or
 * ProcessingFailed — otherwise the whole invocation failed, and is retried on the same records.
 *
 * Output delivery: `{invocationId, applicationArn, records: [{recordId, lambdaDeliveryRecordMetadata:
 * {retryHint}, data}]}`; each recordId must be answered Ok or DeliveryFailed, and anything else
 * (a missing or unknown id, another result) counts as DeliveryFailed.
 *
 * Data is base64; times are epoch milliseconds. An event stays within Lambda's 6 MB synchronous
 * request payload: records are split across invocations by their size in the event's JSON.
 */
import { batchBySize } from '../../runtime/batches';

/** Lambda's synchronous request payload limit (6 MB), less room for the event's own fields. */
const LAMBDA_EVENT_BYTES = 6 * 1024 * 1024 - 4096;

export interface SourceRecord {
  recordId: string;
  data: Uint8Array;
  /** Epoch ms the source took the record. */
  arrival: number;
  /** Set for a Kinesis stream source. */
  kinesis?: { shardId: string; sequenceNumber: string; partitionKey: string };
}

/** A Lambda function KDA invokes (an input preprocessor or a LambdaOutput), and the role it invokes it with. */
export interface LambdaFunction {
  functionArn: string;
  roleArn: string;
}

/** The function an InputLambdaProcessor or LambdaOutput names, with its role. */
export const lambdaFunctionOf = (x: { ResourceARN?: string; RoleARN?: string }): LambdaFunction => ({ functionArn: x.ResourceARN!, roleArn: x.RoleARN! });

export type PreprocessingEventRecord =
  | { recordId: string; kinesisStreamRecordMetadata: { sequenceNumber: string; partitionKey: string; shardId: string; approximateArrivalTimestamp: number }; data: string }
  | { recordId: string; kinesisFirehoseRecordMetadata: { approximateArrivalTimestamp: number }; data: string };

export function preprocessingRecord(r: SourceRecord): PreprocessingEventRecord {
  const data = Buffer.from(r.data).toString('base64');
  return r.kinesis
    ? { recordId: r.recordId, kinesisStreamRecordMetadata: { sequenceNumber: r.kinesis.sequenceNumber, partitionKey: r.kinesis.partitionKey, shardId: r.kinesis.shardId, approximateArrivalTimestamp: r.arrival }, data }
    : { recordId: r.recordId, kinesisFirehoseRecordMetadata: { approximateArrivalTimestamp: r.arrival }, data };
}

export function preprocessingEvent(invocationId: string, applicationArn: string, streamArn: string, records: PreprocessingEventRecord[]) {
  return { invocationId, applicationArn, streamArn, records };
}

export type Preprocessed = { result: 'Ok'; data: Buffer } | { result: 'Dropped' } | { result: 'ProcessingFailed' };

/**
 * The answer for each record of the batch, in its order, or a text saying why the whole answer
 * is a preprocessing failure.
 */
export function readPreprocessingResponse(response: unknown, recordIds: string[]): Preprocessed[] | string {
  const records = (response as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) return 'the response has no records list';
  const answers = new Map<string, { result?: unknown; data?: unknown }>();
  for (const r of records as { recordId?: unknown; result?: unknown; data?: unknown }[]) {
    if (typeof r?.recordId !== 'string' || !recordIds.includes(r.recordId)) return `the response names a record id that was not sent: ${JSON.stringify(r?.recordId)}`;
    if (answers.has(r.recordId)) return `the response answers record ${r.recordId} twice`;
    answers.set(r.recordId, r);
  }
  const out: Preprocessed[] = [];
  for (const id of recordIds) {
    const a = answers.get(id);
    if (!a) return `record ${id} is missing from the response`;
    if (a.result === 'Ok') {
      if (typeof a.data !== 'string') return `record ${id} is Ok but has no data`;
      out.push({ result: 'Ok', data: Buffer.from(a.data, 'base64') });
    } else if (a.result === 'Dropped' || a.result === 'ProcessingFailed') {
      out.push({ result: a.result });
    } else {
      return `record ${id} has an invalid result ${JSON.stringify(a.result)}`;
    }
  }
  return out;
}

export interface DeliveryRecord {
  recordId: string;
  data: Uint8Array;
  retryHint: number;
}

export function deliveryEvent(invocationId: string, applicationArn: string, records: DeliveryRecord[]) {
  return {
    invocationId,
    applicationArn,
    records: records.map((r) => ({ recordId: r.recordId, lambdaDeliveryRecordMetadata: { retryHint: r.retryHint }, data: Buffer.from(r.data).toString('base64') })),
  };
}

/** The record ids the function acknowledged Ok; every other record of the batch failed delivery. */
export function deliveredIds(response: unknown): Set<string> {
  const records = (response as { records?: unknown } | null)?.records;
  const ok = new Set<string>();
  if (!Array.isArray(records)) return ok;
  for (const r of records as { recordId?: unknown; result?: unknown }[]) if (r?.result === 'Ok' && typeof r.recordId === 'string') ok.add(r.recordId);
  return ok;
}

/** Consecutive batches of event records whose JSON (`size`, plus a comma each) fits LAMBDA_EVENT_BYTES (a single larger one goes alone). */
export function eventBatches<T>(records: T[], size: (r: T) => number): T[][] {
  return batchBySize(records, (r) => size(r) + 1, LAMBDA_EVENT_BYTES);
}
