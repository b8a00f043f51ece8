/**
 * A Lambda trigger on a stream: what AWS calls a Kinesis event source mapping, with its settings
 * and defaults (BatchSize 100, no batching window, retries until the records expire).
 */
export type TriggerStartingPosition = 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';

export interface Trigger {
  /** Unique per deployment: checkpoints are kept under it. */
  id: string;
  streamArn: string;
  /** A function ARN (cloud) or a name registered with the local host. */
  functionName: string;
  batchSize: number;
  /** How long to gather records before invoking with fewer than BatchSize (MaximumBatchingWindowInSeconds). */
  batchingWindowMs: number;
  startingPosition: TriggerStartingPosition;
  startingPositionTimestamp?: number;
  /** -1: retry until the records expire. */
  maximumRetryAttempts: number;
  bisectBatchOnFunctionError: boolean;
  /** FunctionResponseTypes includes ReportBatchItemFailures. */
  reportBatchItemFailures: boolean;
}

export const TRIGGER_DEFAULTS = {
  batchSize: 100,
  batchingWindowMs: 0,
  startingPosition: 'TRIM_HORIZON' as TriggerStartingPosition,
  maximumRetryAttempts: -1,
  bisectBatchOnFunctionError: false,
  reportBatchItemFailures: false,
};

/** Kinesis event source mappings take 1 to 10,000 records per batch. */
export const MAX_BATCH_SIZE = 10_000;
