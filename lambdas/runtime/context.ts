/**
 * What every action receives: the SDK clients and settings built by a composition root (the Lambda
 * handlers or the local host), and who is calling. Actions never know which host they run in.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';

export interface RunnelConfig {
  tables: { streams: string; shards: string; deliveryStreams: string; buffers: string; triggers: string; applications: string };
  bucket: string;
  /** Account id used when the caller's credentials do not name one. */
  accountId: string;
  defaultRegion: string;
  /** Open shards per account and region (DescribeLimits ShardLimit). */
  shardLimit: number;
  quotas: { enabled: boolean; writeBytesPerSecond: number; writeRecordsPerSecond: number };
  /** How long a reserved-but-unwritten range may block readers before it is closed (see kinesis/store/shard-reader.ts). */
  gapTimeoutMs: number;
  /** Segments larger than this go to S3 (where one PUT costs about what DynamoDB charges for 8 KB). */
  s3SegmentThresholdBytes: number;
  /** GetRecords response cap, below Lambda's 6 MB synchronous payload limit after base64. */
  maxGetRecordsBytes: number;
  /** PutRecords request cap (bytes of data and keys) for the same reason. */
  maxPutRecordsBytes: number;
}

/**
 * How Firehose reaches what a delivery stream names: the destination bucket (in the cloud through
 * the delivery stream's role, as Firehose does) and the Lambda processor.
 */
export interface DestinationAccess {
  s3(roleArn: string, bucket: string): Promise<S3Client>;
  invokeLambda(functionArn: string, payload: object, roleArn: string): Promise<unknown>;
}

export interface WorkflowStarter {
  /** Starts an execution; a duplicate name for a running or finished execution is not an error. */
  start(workflow: string, executionName: string, input: object): Promise<void>;
}

/** Test-only hooks that make races reproducible: a delay (or a crash) between reserve and write. */
export interface Faults {
  afterReserve?: (shardKey: string, firstCounter: number) => Promise<void>;
  /** Between a Firehose flush writing its objects and deleting the delivered records. */
  afterDelivery?: (deliveryStreamId: string) => Promise<void>;
}

export interface Runtime {
  config: RunnelConfig;
  ddb: DynamoDBDocumentClient;
  s3: S3Client;
  workflows: WorkflowStarter;
  destinations: DestinationAccess;
  /** Time, randomness and waiting come from the host, so tests can steer them. */
  clock: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  faults?: Faults;
}

/** The real clock, randomness and timers, for hosts that do not steer them. */
export const SYSTEM_TIME: Pick<Runtime, 'clock' | 'random' | 'sleep'> = {
  clock: Date.now,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Caller {
  account: string;
  region: string;
}

export type ActionContext = Runtime & Caller;
