/**
 * Runnel's settings and their defaults, in one table for both hosts. A host supplies what only it
 * knows (table names, bucket, account, region) and the overrides its flags or environment set.
 */
import type { RunnelConfig } from './context';

const MIB = 1024 * 1024;

/** Lambda carries at most 6 MB each way; base64 grows data by 4/3, so raw bytes stay near 4 MiB. */
export const LAMBDA_PAYLOAD_BYTES = 4 * MIB;

type Placement = Pick<RunnelConfig, 'tables' | 'bucket' | 'accountId' | 'defaultRegion'>;

export const CONFIG_DEFAULTS: Omit<RunnelConfig, keyof Placement> = {
  shardLimit: 500,
  quotas: { enabled: true, writeBytesPerSecond: MIB, writeRecordsPerSecond: 1000 },
  gapTimeoutMs: 10_000,
  s3SegmentThresholdBytes: 8 * 1024,
  // PutRecords takes at most 10 MiB a request; behind Lambda the caps drop to LAMBDA_PAYLOAD_BYTES.
  maxGetRecordsBytes: 10 * MIB,
  maxPutRecordsBytes: 10 * MIB,
  // Lambda clocks are kept within milliseconds by Amazon Time Sync: 5 s of margin is plenty.
  firehoseTaps: { writeDeadlineMs: 5_000, readLagMs: 10_000 },
  subscriptions: { lifetimeMs: 300_000, heartbeatMs: 5_000, takeoverMs: 5_000, pollMs: 100, bytesPerSecond: 2 * MIB },
};

export function runnelConfig(placement: Placement, overrides: Partial<RunnelConfig> = {}): RunnelConfig {
  return { ...CONFIG_DEFAULTS, ...placement, ...overrides };
}
