/** The reference workloads the cloud-economics work is judged by (`--preset NAME`). */
import { GB, KiB } from './billing-rules';
import { DEFAULT_EDGE } from './edges';
import { WorkloadError, type FirehoseSpec, type Workload } from './workload';

/** Records per second that make `gibPerDay` GiB a day of `recordBytes` records. */
export function ratePerDay(gibPerDay: number, recordBytes: number): number {
  return (gibPerDay * GB) / recordBytes / 86_400;
}

const BASE: Omit<Workload, 'name' | 'description' | 'recordsPerSecond'> = {
  recordBytes: KiB,
  partitionKeyBytes: 16,
  batchSize: 500,
  streams: 1,
  streamMode: 'PROVISIONED',
  consumers: [{ count: 1, mode: 'polling', pollIntervalSeconds: 1 }],
  retentionHours: 24,
  hoursPerMonth: 730,
  freeTier: false,
  region: 'us-east-1',
  edge: DEFAULT_EDGE,
};

/** A 1 KiB record is 1,008 bytes of data and a 16-byte partition key (Kinesis counts both). */
const streams = (name: string, gibPerDay: number, description: string, shards?: number): Workload => ({
  ...BASE,
  name,
  description,
  recordsPerSecond: ratePerDay(gibPerDay, KiB),
  ...(shards ? { shards } : {}),
});

/** GZIP of JSON-like log records is taken to shrink them to a quarter. */
const DELIVERY: FirehoseSpec = {
  source: 'direct',
  bufferMiB: 5,
  bufferSeconds: 60,
  compression: 'GZIP',
  compressionRatio: 0.25,
  formatConversion: false,
  dynamicPartitioning: false,
};

const firehose = (name: string, gibPerDay: number, description: string): Workload => ({
  ...BASE,
  name,
  description,
  recordsPerSecond: ratePerDay(gibPerDay, KiB),
  streams: 0,
  consumers: [],
  firehose: DELIVERY,
});

export const PRESETS: Record<string, Workload> = {
  'streams-small': streams('streams-small', 1, '1 GiB/day of 1 KiB records, PutRecords of 500, 2 shards, one consumer polling each shard every second, 24 h retention', 2),
  'streams-large': streams('streams-large', 100, '100 GiB/day of 1 KiB records, PutRecords of 500, shards sized by Kinesis limits, one consumer polling each shard every second, 24 h retention'),
  'firehose-small': firehose('firehose-small', 1, '1 GiB/day of 1 KiB records through PutRecordBatch of 500 to S3, 60 s / 5 MiB buffering, GZIP'),
  'firehose-large': firehose('firehose-large', 100, '100 GiB/day of 1 KiB records through PutRecordBatch of 500 to S3, 60 s / 5 MiB buffering, GZIP'),
  idle: { ...BASE, name: 'idle', description: 'the deployed stack with no streams and no delivery streams', recordsPerSecond: 0, streams: 0, consumers: [] },
  'idle-streams': {
    ...BASE,
    name: 'idle-streams',
    description: 'the deployed stack with one idle ON_DEMAND stream and one idle Kinesis-source delivery stream',
    recordsPerSecond: 0,
    streamMode: 'ON_DEMAND',
    consumers: [],
    firehose: { ...DELIVERY, source: 'kinesis' },
  },
};

export function preset(name: string): Workload {
  const w = PRESETS[name];
  if (!w) throw new WorkloadError(`unknown preset ${name}: use one of ${Object.keys(PRESETS).join(', ')}`);
  return structuredClone(w);
}
