import type { SecretsKey } from '../runtime/tables';
/**
 * What Runnel's current code does per operation, as named numbers: the one place to recalibrate
 * when the code changes (`runnel cost --measure` prints the metered values next to these). Each
 * group names the code it describes. Item sizes are DynamoDB's billing sizes, measured on items
 * the code writes.
 */
export const RUNNEL_PROFILE = {
  /** lib/constructs/functions.ts: every function; logs kept two weeks. */
  lambda: { memoryMB: 1024, architecture: 'arm64' as 'arm64' | 'x86_64', logRetentionDays: 14 },
  /** lambdas/workflows: OnDemandScaling, FirehoseSources and AnalyticsRunner run as Express workflows every minute while needed. */
  schedules: { workflows: ['OnDemandScaling', 'FirehoseSources', 'AnalyticsRunner'], everyMinutes: 1 },
  /** lib/runnel-stack.ts: quotas are on unless deployed with quotas=false. */
  quotasEnabled: true,
  /** kinesis/store/streams.ts: data-plane calls read the stream item at most once a second per runtime. */
  streamItemCacheSeconds: 1,
  /** kinesis/store/shard-log.ts and runtime config. */
  shardLog: {
    s3SegmentThresholdBytes: 8 * 1024,
    /** segment-codec.ts: u16 key length + u32 data length per record. */
    recordOverheadBytes: 6,
    headBytes: 93,
    /** A segment item without its `d` value (pk, sk, n, t, pt, exp, and the name d). */
    segmentAttributeBytes: 61,
    /** A segment whose records are in S3: the item points into the request's object. */
    indexItemBytes: 137,
  },
  /** kinesis/store/stream-item.ts: the stream item grows with its shard map (and scaler state). */
  streamItem: { baseBytes: 300, perShardBytes: 111, scalingBaseBytes: 40, scalingPerShardBytes: 44 },
  /** kinesis/store/iterator-key.ts: the iterator-signing key item, in the streams table. */
  iteratorKeyBytes: 60,
  /** firehose/store/buffer.ts and delivery/kinesis-source.ts. */
  firehose: {
    slots: 4,
    itemDataBytes: 350 * 1024,
    /** Per record in a buffer item: the codec's 6 bytes and a 56-character record id. */
    recordOverheadBytes: 62,
    /** A buffer item without its `d` value (pk, sk, bytes, t, and the name d). */
    bufferItemAttributeBytes: 101,
    headBytes: 38,
    controlBytes: 45,
    deliveryStreamBytes: 490,
    checkpointBytes: 40,
    /** Lambda processor batches (BufferSizeInMBs default). */
    transformBatchBytes: 1024 * 1024,
    /**
     * Under sustained load (the buffer fills before its interval) flushes multiply: every flush
     * that leaves records arms another interval flush, and every write past a quarter of the size
     * starts a size flush; many find the lease taken or too little to deliver. Measured per buffer
     * fill (SizeInMBs of records): the mean of two 72 s local runs at 100 GiB/day with 5 MiB
     * buffers, which differed by up to 25% (the pattern is erratic); local flush latency differs
     * from Lambda's, so these want recalibrating against the cloud.
     */
    sustained: { deliveriesPerFill: 1.51, flushesPerDelivery: 1.86, executionsPerDelivery: 1.38, transitionsPerExecution: 5.24, idleFlushReadUnits: 400, idleFlushWrites: 2 },
  },
  /** What goes over the wire per request, as the stock SDK sends and Runnel answers. */
  http: {
    requestHeaderBytes: 700,
    responseHeaderBytes: 230,
    /** PutRecords JSON per record beyond base64 data and key: {"Data":"","PartitionKey":""}, */
    putRecordsEntryBytes: 30,
    /** PutRecords answer per record: sequence number, shard id and JSON. */
    putRecordsResultBytes: 111,
    /** PutRecordBatch JSON per record beyond base64 data: {"Data":""}, */
    putRecordBatchEntryBytes: 12,
    /** PutRecordBatch answer per record: the record id and JSON. */
    putRecordBatchResultBytes: 72,
    /** GetRecords answer per record beyond base64 data and key: sequence number, timestamp, JSON. */
    getRecordsEntryBytes: 121,
    /** A shard iterator, and the rest of a GetRecords request or answer. */
    iteratorBytes: 270,
    baseBodyBytes: 60,
  },
  /**
   * Lambda duration per call in the cloud, estimated: about 6 ms per sequential DynamoDB call,
   * 30-40 ms per S3 PUT of a segment object, plus parsing. Not measured in AWS; --measure shows
   * local durations (slower: dynalite and s3rver).
   */
  durationsMs: {
    'Kinesis.PutRecords': 80,
    'Kinesis.GetRecords': 25,
    'Kinesis.GetShardIterator': 15,
    'Firehose.PutRecordBatch': 60,
    'task:scaleOnDemandStreams': 20,
    'task:pollSources': 20,
    'task:runApplications': 20,
    'task:dispatchTriggers': 60,
    'task:flushBuffer': 250,
    perKinesisSourcePollMs: 40,
  } as Record<string, number>,
  /** Express executions: billed memory and duration per scheduled run. */
  express: { memoryMB: 64, billedMsPerRun: 200 },
  /** States entered by one FirehoseFlush execution (interval path: Route, Wait, Flush, MoreToFlush, Flushed). */
  flushTransitions: { interval: 5, size: 4 },
  /**
   * CloudWatch Logs: no line per request (protocol/dispatch.ts logs requests at DEBUG), the line a
   * flush writes, and per invocation the platform's START/END/REPORT lines and the cloud metering line
   * (handlers/cloud-runtime.ts; about 250 bytes for an API request, 100 for a task).
   */
  logs: { requestLineBytes: 0, flushLineBytes: 160, platformBytesPerInvocation: 260, meteringLineBytes: { request: 250, task: 100 } },
  /**
   * lib/runnel-stack.ts and runtime config (subscriptions): a SubscribeToShard holds a 256 MB
   * function for its 5 minutes; a waiting subscription reads the shard head every 100 ms and, every
   * 5 s, re-checks its stream, consumer and lease (about 6 read units).
   */
  subscription: { seconds: 300, memoryMB: 256, pollMs: 100, heartbeatSeconds: 5, heartbeatReadUnits: 6 },
  /** lib/constructs/trigger-dispatch.ts and kinesis/store/triggers.ts: the DynamoDB stream's batching window, item sizes. */
  triggers: { batchingWindowSeconds: 1, triggerItemBytes: 300, checkpointBytes: 120 },
  /** GetShardIterator calls per consumer and shard in a month (a long-running consumer starts once). */
  iteratorRequestsPerConsumerShard: 1,
  /** lib/constructs/tables.ts: the access-keys table's key (-c secretsKey); DynamoDB asks a customer key about every five minutes while in use. */
  secretsKey: 'aws-owned' as SecretsKey,
  kmsRequestsPerKeyUserHour: 12,
  /**
   * analytics/operations/run-application.ts and input-source.ts, store/runtime-state.ts,
   * kinesis/reader/stream-reader.ts and kinesis/writer: one run of one RUNNING application. Item
   * sizes are estimates from the code: the state item is pk (20 hex), sk, versionId, start,
   * leaseUntil and one checkpoint per input shard, plus the gzipped engine snapshot (a filter's is
   * about 110 bytes; a 1-minute tumbling GROUP BY over 1,000 keys about 5.5 KB: 1 KB is taken). The
   * duration is an estimate too, not measured in AWS: a base, about 6 ms per sequential DynamoDB
   * call, 15 ms per S3 range GET, 40 ms per output batch of up to 500 rows (the PutRecords storage
   * path), and 10 µs of CPU per record (map, engine, format).
   */
  analytics: {
    stateBaseBytes: 160,
    checkpointBytesPerShard: 30,
    snapshotBytes: 1024,
    /** The application item (configuration, code, schema) the runner's consistent scan reads. */
    applicationItemBytes: 1500,
    /** Output rows' partition keys: 12 hex digits. */
    outputKeyBytes: 12,
    durationMs: { base: 20, perDynamoCall: 6, perS3Get: 15, perOutputBatch: 40, perRecord: 0.01 },
    /** The checkpointed reader: records and bytes per shard read, reads per shard per run, items per Query page. */
    reader: { recordsPerRead: 10_000, maxReadBytes: 10 * 1024 * 1024, readsPerRun: 10, pageItems: 100 },
    /** A Firehose input's tap: bytes per read, reads per run, and the registration renewed hourly. */
    tap: { readBytes: 4 * 1024 * 1024, readsPerRun: 10, renewMinutes: 60 },
    /** kinesis/writer: rows per PutRecords-sized batch, and bytes. */
    writer: { batchRecords: 500, maxBatchBytes: 10 * 1024 * 1024 },
  },
  /** How long data outlives its retention before it stops being billed. */
  storage: { ttlLagHours: 24, lifecycleLagHours: 12 },
};

export type RunnelProfile = typeof RUNNEL_PROFILE;
