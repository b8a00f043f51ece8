/**
 * Runnel's monthly bill: the operations the workload causes (data plane, Firehose, schedules),
 * their counters summed over a month, and every billed line priced. The same pricing takes
 * metered counters (`--measure`), so model and measurement differ only in their counters.
 */
import { GB, lambdaGbSeconds } from './billing-rules';
import { addTo, UNITS, type Counters, type Operation } from './counters';
import { shardLimits } from './kinesis-options';
import { Bill, type OptionCost } from './line-items';
import type { PriceBook } from './price-table';
import { directBuffer, firehoseOperations, type BufferShape } from './runnel-firehose';
import { priceEdge } from './runnel-edge';
import { addAnalyticsLines, analyticsModel, analyticsNotes, perApplication, type AnalyticsModel } from './runnel-analytics';
import { RUNNEL_PROFILE, type RunnelProfile } from './runnel-profile';
import { kinesisSourceBuffer, scheduledOperations } from './runnel-scheduled';
import { streamOperations, streamShape, subscriptionWaitReadUnits, type StreamShape } from './runnel-streams';
import { peakFactor, secondsPerMonth, shardsFor, type Workload } from './workload';

/** kinesis/domain/on-demand-scaling.ts: at least four shards, split above 80% of a shard's capacity. */
const ON_DEMAND_MIN_SHARDS = 4;
const ON_DEMAND_HOT = 0.8;

/** Shards of a Runnel stream: as provisioned, or where the on-demand scaler settles. */
export function runnelShards(w: Workload, book: PriceBook): number {
  const limits = shardLimits(book);
  if (w.streamMode === 'PROVISIONED') return shardsFor(w, limits);
  const peak = w.recordsPerSecond * peakFactor(w);
  const load = Math.max((peak * w.recordBytes) / limits.writeBytes, peak / limits.writeRecords);
  return Math.max(ON_DEMAND_MIN_SHARDS, Math.ceil(load / ON_DEMAND_HOT));
}

export interface RunnelModel {
  shards: number;
  stream?: StreamShape;
  buffer?: BufferShape;
  operations: Operation[];
  totals: Counters;
  /** Running analytics applications: priced from the model, apart from the counters (runnel-analytics.ts). */
  analytics?: AnalyticsModel;
}

export function totalsOf(operations: Operation[]): Counters {
  return operations.reduce((total, op) => addTo(total, op.perCall, op.callsPerMonth), {} as Counters);
}

export function modelRunnel(w: Workload, book: PriceBook, p: RunnelProfile = RUNNEL_PROFILE): RunnelModel {
  const shards = w.streams > 0 ? runnelShards(w, book) : 0;
  const stream = w.streams > 0 ? streamShape(w, shards, p) : undefined;
  const f = w.firehose;
  const buffer = !f ? undefined : f.source === 'direct' ? directBuffer(w, f, p) : stream && kinesisSourceBuffer(w, stream, p);
  const operations = [...streamOperations(w, stream ?? streamShape(w, 1, p), p), ...firehoseOperations(w, buffer, p), ...scheduledOperations(w, stream, buffer, p)];
  return { shards, stream, buffer, operations, totals: totalsOf(operations), analytics: analyticsModel(w, stream, book, p) };
}

/** Average DynamoDB bytes stored (with the 100-byte item overhead): live segments, heads, stream and delivery stream items. */
function dynamoBytesStored(w: Workload, m: RunnelModel, p: RunnelProfile, overhead: number): number {
  let bytes = w.firehose ? p.firehose.deliveryStreamBytes + overhead : 0;
  const s = m.stream;
  if (s) {
    const lifetime = (w.retentionHours + p.storage.ttlLagHours) * 3600;
    const segments = s.batchesPerSecond * s.touched * lifetime;
    bytes += w.streams * (segments * (s.segmentItemBytes + overhead) + s.shards * (p.shardLog.headBytes + overhead) + s.streamItemBytes + overhead);
  }
  return bytes;
}

/** Days a segment object lives: the bucket prefix for its retention (shard-log.ts), plus lifecycle lag. */
function segmentObjectDays(retentionHours: number, p: RunnelProfile): number {
  const days = [2, 8, 31, 366].find((d) => d * 24 > retentionHours) ?? 366;
  return days + p.storage.lifecycleLagHours / 24;
}

/**
 * Prices a month of counters. Storage follows from the month's bytes: what stays stored on average
 * is the rate written times how long it lives.
 */
export function priceRunnel(w: Workload, book: PriceBook, m: RunnelModel, totals: Counters, p: RunnelProfile = RUNNEL_PROFILE): OptionCost {
  const t = (u: keyof Counters) => totals[u] ?? 0;
  const bill = new Bill(book, w.freeTier);
  const monthSeconds = secondsPerMonth(w);
  const monthDays = w.hoursPerMonth / 24;
  priceEdge(bill, w.edge, totals, w.clients)
    .add('lambda.requests', t(UNITS.lambdaInvocations), `Invocations (front and task functions)`)
    .add(`lambda.duration.${p.lambda.architecture}`, lambdaGbSeconds(t(UNITS.lambdaBilledMs), p.lambda.memoryMB), `Duration at ${p.lambda.memoryMB} MB ${p.lambda.architecture}`)
    .add('ddb.wru', t(UNITS.writeUnits), `Write request units (${Math.round(t(UNITS.failedWrites)).toLocaleString('en-US')} of them failed conditional writes)`)
    .add('ddb.rru', t(UNITS.readUnits))
    .add('ddb.storage', dynamoBytesStored(w, m, p, book.figure('ddb.item_overhead_bytes')) / GB)
    .add('s3.put', t(UNITS.s3Puts), 'PUT: segment objects')
    .add('s3.get', t(UNITS.s3Gets), 'GET: segment object ranges')
    .add('s3.storage', ((t(UNITS.s3PutBytes) / monthSeconds) * segmentObjectDays(w.retentionHours, p) * 86_400) / GB, 'Storage: segment objects')
    .add('s3.put', t(UNITS.destinationPuts), 'PUT: delivered objects (your bucket)')
    .add('s3.storage', (t(UNITS.destinationBytes) / GB) * 0.5, "Storage: the month's delivered objects (your bucket)")
    .add('sfn.transitions', t(UNITS.transitions))
    .add('sfn.express.requests', t(UNITS.expressRequests))
    .add('sfn.express.duration', (t(UNITS.expressBilledMs) / 1000) * (p.express.memoryMB / 1024))
    .add('eventbridge.scheduled', t(UNITS.expressRequests), 'Scheduled rule events (free)');
  const metering = t(UNITS.apiRequests) * p.logs.meteringLineBytes.request + (t(UNITS.lambdaInvocations) - t(UNITS.apiRequests)) * p.logs.meteringLineBytes.task;
  const logBytes = t(UNITS.logBytes) + t(UNITS.lambdaInvocations) * p.logs.platformBytesPerInvocation + metering;
  bill.add('logs.ingest', logBytes / GB).add('logs.storage', ((logBytes / GB) * p.lambda.logRetentionDays) / monthDays);
  // Tables and the segment bucket use keys AWS owns, which bill nothing (-c secretsKey=customer adds a key's month and its requests).
  if (p.secretsKey === 'customer') {
    bill.add('kms.key_month', w.hoursPerMonth / 730, 'Customer managed key (the access-keys table)');
    bill.add('kms.requests', t(UNITS.apiRequests) > 0 ? p.kmsRequestsPerKeyUserHour * w.hoursPerMonth : 0, 'Requests by DynamoDB to that key (signature checks)');
  }
  const transform = w.firehose?.transform;
  if (transform && m.buffer) {
    const invocations = (monthSeconds / m.buffer.cycle.seconds) * Math.ceil(m.buffer.cycle.bytes / p.firehose.transformBatchBytes);
    bill.add('lambda.requests', invocations, 'Your Lambda processor: invocations').add('lambda.duration.x86_64', invocations * lambdaGbSeconds(transform.durationMs, transform.memoryMB), 'Your Lambda processor: duration');
  }
  const subscription = m.operations.find((o) => o.label === 'Kinesis.SubscribeToShard');
  if (subscription) bill.note(subscriptionNote(book, subscription.perCall, p));
  if (m.analytics) {
    addAnalyticsLines(bill, w, m.analytics, p);
    for (const n of analyticsNotes(m.analytics, perApplication(w, book, m.analytics, p, () => new Bill(book, false)))) bill.note(n);
  }
  return bill.done('runnel', 'Runnel');
}

/**
 * What holding one consumer-shard subscribed costs per hour before any record flows (the function
 * held, its head polls and heartbeats), next to Kinesis's enhanced fan-out hour.
 */
function subscriptionNote(book: PriceBook, perCall: Counters, p: RunnelProfile): string {
  const perHour = 3600 / p.subscription.seconds;
  const usd =
    book.cost('lambda.requests', perHour, false) +
    book.cost(`lambda.duration.${p.lambda.architecture}`, lambdaGbSeconds((perCall[UNITS.lambdaBilledMs] ?? 0) * perHour, p.lambda.memoryMB), false) +
    book.cost('ddb.rru', subscriptionWaitReadUnits(p) * perHour, false);
  const kinesis = book.cost('kds.prov.efo_consumer_shard_hour', 1, false);
  return `Enhanced fan-out: $${usd.toFixed(4)} per subscribed consumer-shard-hour before data (Kinesis provisioned: $${kinesis.toFixed(3)}, plus retrieval).`;
}
