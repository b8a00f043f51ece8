/**
 * Runnel's Kinesis data plane, per call, as the current code bills it (kinesis/put-batch.ts,
 * store/shard-log.ts, actions/get-records.ts): what one PutRecords, GetRecords and
 * GetShardIterator causes, for a stream of a given shape. Producers are taken to be paced (one
 * request every 1/rate seconds), consumers to keep up with the stream.
 */
import { KiB, readUnits, writeUnits } from './billing-rules';
import { UNITS, type Counters, type Operation } from './counters';
import type { RunnelProfile } from './runnel-profile';
import { consumerCounts, secondsPerMonth, type Workload } from './workload';

export interface StreamShape {
  shards: number;
  /** PutRecords requests per second. */
  batchesPerSecond: number;
  /** Shards one request writes a segment to. */
  touched: number;
  recordsPerSegment: number;
  /** Encoded segment: the records of one request for one shard. */
  segmentBytes: number;
  /** Segments above the threshold live in S3, with an index item in DynamoDB. */
  large: boolean;
  segmentItemBytes: number;
  /** Segments written to each shard per second. */
  segmentsPerShardPerSecond: number;
  /** GetRecords calls per second on each shard, all polling consumers together. */
  pollsPerShardPerSecond: number;
  /** Share of data-plane calls that read the stream item (the rest hit the one-second cache). */
  streamReadShare: number;
  streamItemBytes: number;
}

const base64Bytes = (n: number) => 4 * Math.ceil(n / 3);

/** GetRecords calls per second on one shard, all polling consumers together. */
function pollsPerShard(w: Workload): number {
  return w.consumers.filter((c) => c.mode === 'polling').reduce((n, c) => n + c.count / c.pollIntervalSeconds, 0);
}

export function streamShape(w: Workload, shards: number, p: RunnelProfile): StreamShape {
  const batchesPerSecond = w.recordsPerSecond / w.batchSize;
  const touched = shards * (1 - (1 - 1 / shards) ** w.batchSize);
  const recordsPerSegment = w.batchSize / touched;
  const segmentBytes = recordsPerSegment * (w.recordBytes + p.shardLog.recordOverheadBytes);
  const large = segmentBytes > p.shardLog.s3SegmentThresholdBytes;
  const polls = pollsPerShard(w);
  const dataPlaneCalls = batchesPerSecond + polls * shards;
  const streamReads = Math.min(dataPlaneCalls, 1 / p.streamItemCacheSeconds);
  return {
    shards,
    batchesPerSecond,
    touched,
    recordsPerSegment,
    segmentBytes,
    large,
    segmentItemBytes: large ? p.shardLog.indexItemBytes : p.shardLog.segmentAttributeBytes + segmentBytes,
    segmentsPerShardPerSecond: (batchesPerSecond * touched) / shards,
    pollsPerShardPerSecond: polls,
    streamReadShare: dataPlaneCalls > 0 ? streamReads / dataPlaneCalls : 0,
    streamItemBytes: streamItemBytes(shards, w.streamMode === 'ON_DEMAND', p),
  };
}

export function streamItemBytes(shards: number, onDemand: boolean, p: RunnelProfile): number {
  const s = p.streamItem;
  return s.baseBytes + shards * s.perShardBytes + (onDemand ? s.scalingBaseBytes + shards * s.scalingPerShardBytes : 0);
}

function edge(requestBody: number, responseBody: number, p: RunnelProfile): Counters {
  return {
    [UNITS.apiRequests]: 1,
    [UNITS.apiUnits]: Math.max(1, Math.ceil(requestBody / (512 * KiB))),
    [UNITS.cloudfrontRequests]: 1,
    [UNITS.cloudfrontFunctions]: 1,
    [UNITS.cloudfrontBytesToOrigin]: requestBody + p.http.requestHeaderBytes,
    [UNITS.cloudfrontBytesOut]: responseBody + p.http.responseHeaderBytes,
  };
}

/** One Lambda invocation of `label`, its estimated duration and its request log line. */
export function invocation(label: string, p: RunnelProfile, logBytes = p.logs.requestLineBytes): Counters {
  return { [UNITS.calls]: 1, [UNITS.lambdaInvocations]: 1, [UNITS.lambdaBilledMs]: p.durationsMs[label] ?? 0, [UNITS.logBytes]: logBytes, [UNITS.logEvents]: logBytes > 0 ? 1 : 0 };
}

/** Edge and front-Lambda counters of one API request. */
export function apiCall(label: string, requestBody: number, responseBody: number, p: RunnelProfile): Counters {
  return { ...invocation(label, p), ...edge(requestBody, responseBody, p) };
}

/**
 * PutRecords: per touched shard one reservation on the head item (with quotas on, the first
 * reservation in a new second is tried against the old second first and fails: a billed failed
 * conditional write) and one conditional segment write; one S3 object per request for large
 * segments.
 */
export function putRecordsCall(w: Workload, s: StreamShape, p: RunnelProfile): Counters {
  const dataBytes = w.recordBytes - w.partitionKeyBytes;
  const failed = p.quotasEnabled ? s.touched * Math.min(1, 1 / s.segmentsPerShardPerSecond) : 0;
  const head = writeUnits(p.shardLog.headBytes);
  const request = p.http.baseBodyBytes + w.batchSize * (base64Bytes(dataBytes) + w.partitionKeyBytes + p.http.putRecordsEntryBytes);
  return {
    ...apiCall('Kinesis.PutRecords', request, p.http.baseBodyBytes + w.batchSize * p.http.putRecordsResultBytes, p),
    [UNITS.readUnits]: s.streamReadShare * readUnits(s.streamItemBytes, true),
    [UNITS.writeUnits]: (s.touched + failed) * head + s.touched * writeUnits(s.segmentItemBytes),
    [UNITS.failedWrites]: failed,
    [UNITS.s3Puts]: s.large ? 1 : 0,
    [UNITS.s3PutBytes]: s.large ? s.touched * s.segmentBytes : 0,
  };
}

/**
 * GetRecords by a consumer that keeps up: the head item first (an empty poll stops there), and
 * when something new was reserved, a query for the segment holding its position (the last one it
 * read), a query for what follows, and an S3 range read per large segment returned.
 */
export function getRecordsCall(w: Workload, s: StreamShape, pollIntervalSeconds: number, p: RunnelProfile): Counters {
  const newSegments = s.segmentsPerShardPerSecond * pollIntervalSeconds;
  const nonEmpty = Math.min(1, newSegments);
  const segmentRead = readUnits(s.segmentItemBytes, true);
  const following = newSegments >= 1 ? readUnits(newSegments * s.segmentItemBytes, true) : newSegments * segmentRead;
  const containing = nonEmpty * segmentRead;
  const records = newSegments * s.recordsPerSegment;
  const dataBytes = w.recordBytes - w.partitionKeyBytes;
  const response = p.http.baseBodyBytes + p.http.iteratorBytes + records * (base64Bytes(dataBytes) + w.partitionKeyBytes + p.http.getRecordsEntryBytes);
  return {
    ...apiCall('Kinesis.GetRecords', p.http.baseBodyBytes + p.http.iteratorBytes, response, p),
    [UNITS.readUnits]: s.streamReadShare * readUnits(s.streamItemBytes, true) + readUnits(p.shardLog.headBytes, true) + containing + following,
    [UNITS.s3Gets]: s.large ? newSegments : 0,
  };
}

/** GetShardIterator (TRIM_HORIZON or LATEST): an uncached stream read and, for LATEST, the head. */
export function getShardIteratorCall(s: StreamShape, p: RunnelProfile): Counters {
  return {
    ...apiCall('Kinesis.GetShardIterator', p.http.baseBodyBytes + 40, p.http.baseBodyBytes + p.http.iteratorBytes, p),
    [UNITS.readUnits]: readUnits(s.streamItemBytes, true) + readUnits(p.shardLog.headBytes, true),
  };
}

/** Read units one subscription spends waiting, records or not: its head polls and heartbeats. */
export function subscriptionWaitReadUnits(p: RunnelProfile): number {
  const seconds = p.subscription.seconds;
  return ((seconds * 1000) / p.subscription.pollMs) * readUnits(p.shardLog.headBytes, false) + (seconds / p.subscription.heartbeatSeconds) * p.subscription.heartbeatReadUnits;
}

/**
 * One SubscribeToShard (handlers/subscribe.ts, on a streaming function URL): the function runs for
 * the whole 5-minute subscription, reads the shard head every pollMs while it waits (eventually
 * consistent), re-checks stream, consumer and lease at each heartbeat, and reads each new segment
 * as GetRecords does; what it pushes leaves through the edge.
 */
export function subscribeToShardCall(w: Workload, s: StreamShape, p: RunnelProfile): Counters {
  const seconds = p.subscription.seconds;
  const segments = s.segmentsPerShardPerSecond * seconds;
  const pushed = segments * s.recordsPerSegment * (w.recordBytes + p.http.getRecordsEntryBytes);
  return {
    ...invocation('Kinesis.SubscribeToShard', p, 0),
    // Billed duration in the profile's memory size: the whole subscription at the Subscribe function's memory.
    [UNITS.lambdaBilledMs]: seconds * 1000 * (p.subscription.memoryMB / p.lambda.memoryMB),
    [UNITS.cloudfrontRequests]: 1,
    [UNITS.cloudfrontFunctions]: 1,
    [UNITS.cloudfrontBytesToOrigin]: p.http.baseBodyBytes + p.http.requestHeaderBytes,
    [UNITS.cloudfrontBytesOut]: pushed + p.http.responseHeaderBytes,
    [UNITS.readUnits]: subscriptionWaitReadUnits(p) + segments * readUnits(s.segmentItemBytes, true),
    [UNITS.s3Gets]: s.large ? segments : 0,
  };
}

/**
 * One dispatch of Lambda triggers (handlers/trigger-dispatch.ts, kinesis/triggers/dispatch.ts): the
 * shards table's DynamoDB stream (read free of charge by Lambda) invokes the dispatcher at most once
 * per batching window; per trigger it reads the triggers and the stream item, then per shard
 * written its checkpoint, the head and the new segments, invokes the function once, and saves the
 * checkpoint. The user's own function runs as often as under a Kinesis event source mapping and is
 * priced on neither side.
 */
export function triggerDispatchCall(w: Workload, s: StreamShape, dispatchesPerSecond: number, p: RunnelProfile): Counters {
  const triggers = w.triggers ?? 0;
  const segments = (s.segmentsPerShardPerSecond * s.shards) / dispatchesPerSecond;
  const shards = Math.min(s.shards, segments);
  return {
    ...invocation('task:dispatchTriggers', p, 0),
    [UNITS.readUnits]:
      readUnits(p.triggers.triggerItemBytes * triggers, true) +
      triggers * (readUnits(s.streamItemBytes, true) + shards * 2 * readUnits(p.shardLog.headBytes, true) + segments * readUnits(s.segmentItemBytes, true)),
    [UNITS.writeUnits]: triggers * shards * writeUnits(p.triggers.checkpointBytes),
    [UNITS.s3Gets]: s.large ? triggers * segments : 0,
  };
}

/** The data-plane operations of the workload's streams in a month. */
export function streamOperations(w: Workload, s: StreamShape, p: RunnelProfile): Operation[] {
  if (w.streams === 0) return [];
  const seconds = secondsPerMonth(w);
  const consumers = consumerCounts(w);
  const ops: Operation[] = [{ label: 'Kinesis.PutRecords', callsPerMonth: w.streams * s.batchesPerSecond * seconds, perCall: putRecordsCall(w, s, p) }];
  // Each consumer polls at its own interval; the counters of a poll depend on it.
  for (const c of w.consumers.filter((c) => c.count > 0 && c.mode === 'polling')) {
    ops.push({ label: 'Kinesis.GetRecords', callsPerMonth: (w.streams * c.count * s.shards * seconds) / c.pollIntervalSeconds, perCall: getRecordsCall(w, s, c.pollIntervalSeconds, p) });
  }
  const iterators = w.streams * consumers.polling * s.shards * p.iteratorRequestsPerConsumerShard;
  ops.push({ label: 'Kinesis.GetShardIterator', callsPerMonth: iterators, perCall: getShardIteratorCall(s, p) });
  // Triggers are woken by writes: a dispatch per batching window at most, per stream.
  const dispatches = w.triggers ? Math.min(s.batchesPerSecond, 1 / p.triggers.batchingWindowSeconds) : 0;
  ops.push({ label: 'task:dispatchTriggers', callsPerMonth: w.streams * dispatches * seconds, perCall: dispatches ? triggerDispatchCall(w, s, dispatches, p) : {} });
  // Each enhanced fan-out consumer holds one subscription per shard, renewed every 5 minutes.
  const subscriptions = (w.streams * consumers.efo * s.shards * seconds) / p.subscription.seconds;
  ops.push({ label: 'Kinesis.SubscribeToShard', callsPerMonth: subscriptions, perCall: subscribeToShardCall(w, s, p) });
  return ops.filter((o) => o.callsPerMonth > 0);
}
