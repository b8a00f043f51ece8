/**
 * The Lambda processor, with Firehose's contract: the function receives
 * {invocationId, deliveryStreamArn, region, records: [{recordId, approximateArrivalTimestamp, data}]}
 * and must answer every recordId with Ok, Dropped or ProcessingFailed. An invocation that keeps
 * failing, and any record it does not answer properly, counts as processing-failed.
 */
import { randomUUID } from 'node:crypto';
import { batchBySize } from '../../runtime/batches';
import type { Runtime } from '../../runtime/context';
import type { BufferedRecord } from '../store/buffer-records';
import type { DeliveryStreamItem, ProcessorConfig } from '../domain/delivery-stream';

export interface FailedRecord {
  record: BufferedRecord;
  errorCode: string;
  errorMessage: string;
  attemptsMade: number;
  lambdaArn?: string;
}

export interface TransformResult {
  delivered: { record: BufferedRecord; data: Buffer }[];
  failed: FailedRecord[];
}

const param = (p: ProcessorConfig, name: string) => p.Parameters?.find((x) => x.ParameterName === name)?.ParameterValue;

function processors(ds: DeliveryStreamItem): ProcessorConfig[] {
  const config = ds.destination.ProcessingConfiguration;
  return config?.Enabled === false ? [] : (config?.Processors ?? []);
}

const MIB = 1024 * 1024;

async function invokeLambda(rt: Runtime, ds: DeliveryStreamItem, p: ProcessorConfig, records: BufferedRecord[]): Promise<TransformResult> {
  const arn = param(p, 'LambdaArn')!;
  const retries = Number(param(p, 'NumberOfRetries') ?? 3);
  const role = param(p, 'RoleArn') ?? ds.destination.RoleARN;
  const batchBytes = Number(param(p, 'BufferSizeInMBs') ?? 1) * MIB;
  const result: TransformResult = { delivered: [], failed: [] };
  for (const batch of batchBySize(records, (r) => r.data.byteLength, batchBytes)) {
    const event = {
      invocationId: randomUUID(),
      deliveryStreamArn: ds.arn,
      region: ds.arn.split(':')[3],
      ...(ds.source ? { sourceKinesisStreamArn: ds.source.KinesisStreamARN } : {}),
      records: batch.map((r) => ({ recordId: r.recordId, approximateArrivalTimestamp: r.arrival, data: Buffer.from(r.data).toString('base64') })),
    };
    let response: unknown;
    let lastError = '';
    let attempts = 0;
    for (; attempts <= retries && response === undefined; attempts++) {
      response = await rt.destinations.invokeLambda(arn, event, role).catch((e: Error) => {
        lastError = e.message;
        return undefined;
      });
    }
    if (response === undefined) {
      for (const record of batch) result.failed.push({ record, errorCode: 'Lambda.InvocationFailed', errorMessage: lastError || 'The Lambda function could not be invoked.', attemptsMade: attempts, lambdaArn: arn });
      continue;
    }
    const answers = new Map(((response as { records?: { recordId: string; result: string; data?: string }[] }).records ?? []).map((r) => [r.recordId, r]));
    for (const record of batch) {
      const answer = answers.get(record.recordId);
      if (answer?.result === 'Ok') result.delivered.push({ record, data: Buffer.from(answer.data ?? '', 'base64') });
      else if (answer?.result === 'Dropped') continue;
      else if (answer?.result === 'ProcessingFailed') {
        result.failed.push({ record, errorCode: 'Lambda.ProcessingFailedStatus', errorMessage: 'ProcessingFailed status set for record', attemptsMade: 1, lambdaArn: arn });
      } else {
        result.failed.push({ record, errorCode: 'Lambda.MissingRecordId', errorMessage: `Record ${record.recordId} was missing or had an invalid result in the Lambda response.`, attemptsMade: 1, lambdaArn: arn });
      }
    }
  }
  return result;
}

/** Runs the configured processors in order: Lambda first, then AppendDelimiterToRecord. */
export async function transform(rt: Runtime, ds: DeliveryStreamItem, records: BufferedRecord[]): Promise<TransformResult> {
  const configured = processors(ds);
  const lambda = configured.find((p) => p.Type === 'Lambda');
  let result: TransformResult = lambda
    ? await invokeLambda(rt, ds, lambda, records)
    : { delivered: records.map((record) => ({ record, data: Buffer.from(record.data) })), failed: [] };
  const delimiter = configured.find((p) => p.Type === 'AppendDelimiterToRecord');
  if (delimiter) {
    const value = param(delimiter, 'Delimiter');
    const suffix = value === undefined ? Buffer.from('\n') : Buffer.from(value, 'base64');
    result = { ...result, delivered: result.delivered.map((d) => ({ ...d, data: Buffer.concat([d.data, suffix]) })) };
  }
  return result;
}
