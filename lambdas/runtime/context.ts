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
  /**
   * Firehose taps (firehose/store/tap-records.ts): a tapped write slower than writeDeadlineMs is
   * reported failed, and tap readers take only records older than readLagMs, which must exceed
   * writeDeadlineMs plus the clock skew between hosts.
   */
  firehoseTaps: { writeDeadlineMs: number; readLagMs: number };
  /** Enhanced fan-out subscriptions (SubscribeToShard); see kinesis/operations/subscription.ts. */
  subscriptions: SubscriptionSettings;
}

export interface SubscriptionSettings {
  /** How long a subscription lasts before it ends cleanly (AWS: 5 minutes). */
  lifetimeMs: number;
  /** An idle subscription sends an event this often, and re-checks its stream, consumer and lease. */
  heartbeatMs: number;
  /** Within this long of a successful SubscribeToShard, another for the same consumer and shard is refused (AWS: 5 s). */
  takeoverMs: number;
  /** Without in-process wake-ups (the cloud), how often a waiting subscription reads the shard head. */
  pollMs: number;
  /** Bytes pushed per second per consumer and shard (AWS: 2 MiB/s). */
  bytesPerSecond: number;
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
  /**
   * Turns a scheduled workflow's schedule on or off (idempotent). Schedules run only while
   * something needs them, so an idle deployment runs nothing: whoever creates that need turns the
   * schedule on, and the scheduled task turns it off when it finds nothing left to do.
   */
  setSchedule(workflow: string, on: boolean): Promise<void>;
}

/** Test-only hooks that make races reproducible: a delay (or a crash) between reserve and write. */
export interface Faults {
  afterReserve?: (shardKey: string, firstCounter: number) => Promise<void>;
  /** Between a Firehose flush writing its objects and deleting the delivered records. */
  afterDelivery?: (deliveryStreamId: string) => Promise<void>;
}

/**
 * Wakes readers waiting at the head of a shard as soon as records are stored there, and hands them
 * the records, so a reader that is exactly up to date need not read them back. The local host wires
 * an in-process one; in the cloud writers and readers run in different Lambdas, so it is absent and
 * waiting readers poll the shard head instead.
 */
export interface ShardWakeups {
  /**
   * Called once records are durably stored on a shard (with them), or once a range was closed
   * without records or the shard itself was closed by resharding (without).
   */
  stored(shardKey: string, batch?: StoredBatch): void;
  /** A watch armed at once: nothing stored after this call is missed. */
  watch(shardKey: string): ShardWatch;
}

/** Records one request stored at consecutive counters of a shard, from `first`. */
export interface StoredBatch {
  first: number;
  arrival: number;
  encrypted: boolean;
  records: { partitionKey: string; data: Uint8Array }[];
}

export interface ShardWatch {
  /**
   * Resolves at the first wake-up since the watch was armed or last resolved (true), or after `ms`
   * or when `signal` aborts (false).
   */
  next(ms: number, signal?: AbortSignal): Promise<boolean>;
  /** The batches handed over since the last call, oldest first (a bounded number: older ones are dropped). */
  take(): StoredBatch[];
  close(): void;
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
  wakeups?: ShardWakeups;
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

export type ActionContext = Runtime &
  Caller & {
    /** Aborted when the caller goes away mid-answer: a streamed answer (SubscribeToShard) stops producing. */
    signal?: AbortSignal;
  };
