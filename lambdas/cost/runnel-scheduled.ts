/**
 * What runs every minute whether or not anything is written (lambdas/workflows/on-demand-scaling.ts,
 * firehose-sources.ts, analytics/workflows/runner.ts): three Express executions and their task
 * Lambdas, scanning the streams, delivery-streams and applications tables, sampling on-demand
 * shards, reading Kinesis sources and looking for buffered records. Running analytics
 * applications are not modelled: the workloads have none.
 */
import { readUnits, writeUnits } from './billing-rules';
import { addTo, UNITS, type Counters, type Operation } from './counters';
import { deliveryCycle } from './delivery-cycle';
import { bufferWrite, bufferWriteCounters, pollCounters, type BufferShape } from './runnel-firehose';
import type { RunnelProfile } from './runnel-profile';
import { invocation, streamItemBytes, type StreamShape } from './runnel-streams';
import { consumerCounts, secondsPerMonth, type Workload } from './workload';

const SOURCE_POLL_SECONDS = 60;

/** The buffer of a delivery stream fed by a Kinesis source: one write per shard per poll. */
export function kinesisSourceBuffer(w: Workload, s: StreamShape, p: RunnelProfile): BufferShape | undefined {
  const f = w.firehose!;
  const dataBytes = w.recordBytes - w.partitionKeyBytes;
  const writesPerSecond = s.shards / SOURCE_POLL_SECONDS;
  const cycle = deliveryCycle(f, w.recordsPerSecond * dataBytes, writesPerSecond, p.firehose.sustained.deliveriesPerFill);
  const recordsPerWrite = (w.recordsPerSecond * SOURCE_POLL_SECONDS) / s.shards;
  return cycle && { write: bufferWrite(Math.max(1, Math.round(recordsPerWrite)), dataBytes, p), writesPerSecond, cycle };
}

/**
 * One poll of a Kinesis source: the stream item, then per shard its checkpoint, a read of the shard
 * log from it (as GetRecords reads), the records buffered, and the checkpoint saved, even when
 * nothing was read.
 */
function sourcePoll(w: Workload, s: StreamShape, b: BufferShape | undefined, p: RunnelProfile): Counters {
  const segments = s.segmentsPerShardPerSecond * SOURCE_POLL_SECONDS;
  const segmentRead = readUnits(s.segmentItemBytes, true);
  const following = segments > 0 ? readUnits(segments * s.segmentItemBytes, true) : 1;
  const perShard: Counters = {
    [UNITS.readUnits]: readUnits(p.firehose.checkpointBytes, true) + (w.recordsPerSecond > 0 ? segmentRead : 1) + following + readUnits(p.shardLog.headBytes, true),
    [UNITS.writeUnits]: writeUnits(p.firehose.checkpointBytes),
    [UNITS.s3Gets]: s.large ? segments : 0,
  };
  if (b) addTo(perShard, bufferWriteCounters(w.firehose!, b, p));
  return addTo({ [UNITS.readUnits]: readUnits(s.streamItemBytes, true), [UNITS.lambdaBilledMs]: p.durationsMs.perKinesisSourcePollMs }, perShard, s.shards);
}

export function scheduledOperations(w: Workload, s: StreamShape | undefined, b: BufferShape | undefined, p: RunnelProfile): Operation[] {
  const runs = secondsPerMonth(w) / (p.schedules.everyMinutes * 60);
  const express: Counters = { [UNITS.calls]: 1, [UNITS.expressRequests]: 1, [UNITS.expressBilledMs]: p.express.billedMsPerRun };

  // The scaler scans the streams table (every stream item, and the iterator key once a consumer
  // made one), then samples and updates each on-demand stream.
  const consumers = consumerCounts(w);
  const streamBytes = s ? s.streamItemBytes : 0;
  const scanned = w.streams * streamBytes + (consumers.polling + consumers.efo > 0 ? p.iteratorKeyBytes : 0);
  const scale = invocation('task:scaleOnDemandStreams', p, 0);
  addTo(scale, { [UNITS.readUnits]: readUnits(scanned, false) });
  if (s && w.streamMode === 'ON_DEMAND') {
    addTo(scale, { [UNITS.readUnits]: s.shards * readUnits(p.shardLog.headBytes, true), [UNITS.writeUnits]: writeUnits(streamItemBytes(s.shards, true, p)) }, w.streams);
  }

  // Each delivery stream: a Kinesis source is read, then the buffer is checked for lost timers.
  const f = w.firehose;
  const sources = invocation('task:pollSources', p, 0);
  addTo(sources, { [UNITS.readUnits]: readUnits(f ? p.firehose.deliveryStreamBytes : 0, false) });
  if (f) {
    addTo(sources, pollCounters(f, b, p));
    if (f.source === 'kinesis' && s) addTo(sources, sourcePoll(w, s, b, p));
  }
  return [
    { label: 'workflow:OnDemandScaling', callsPerMonth: runs, perCall: express },
    { label: 'task:scaleOnDemandStreams', callsPerMonth: runs, perCall: scale },
    { label: 'workflow:FirehoseSources', callsPerMonth: runs, perCall: express },
    { label: 'task:pollSources', callsPerMonth: runs, perCall: sources },
    { label: 'workflow:AnalyticsRunner', callsPerMonth: runs, perCall: express },
    // A scan of the applications table, empty here (billed as one eventually consistent read).
    { label: 'task:runApplications', callsPerMonth: runs, perCall: addTo(invocation('task:runApplications', p, 0), { [UNITS.readUnits]: readUnits(0, false) }) },
  ];
}
