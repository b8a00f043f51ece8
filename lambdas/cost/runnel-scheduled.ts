/**
 * The scheduled workflows (kinesis/workflows/on-demand-scaler.ts, firehose/workflows/tasks.ts
 * pollSources, analytics/workflows/tasks.ts runApplications): Express executions every minute and
 * their task Lambdas, but only while something needs them. Each turns its own schedule off when it
 * finds nothing to do, and writes, buffered records and application starts turn it back on, so an
 * idle deployment (or an idle on-demand stream, or an idle Kinesis-source delivery stream) runs
 * none. A month with traffic is modelled with each needed schedule on throughout.
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
  addTo(scale, { [UNITS.readUnits]: readUnits(scanned, true) });
  if (s && w.streamMode === 'ON_DEMAND') {
    addTo(scale, { [UNITS.readUnits]: s.shards * readUnits(p.shardLog.headBytes, true), [UNITS.writeUnits]: writeUnits(streamItemBytes(s.shards, true, p)) }, w.streams);
  }

  // Each delivery stream: a Kinesis source is read, then the buffer is checked for lost timers.
  const f = w.firehose;
  const sources = invocation('task:pollSources', p, 0);
  addTo(sources, { [UNITS.readUnits]: readUnits(f ? p.firehose.deliveryStreamBytes : 0, true) });
  if (f) {
    addTo(sources, pollCounters(f, b, p));
    if (f.source === 'kinesis' && s) addTo(sources, sourcePoll(w, s, b, p));
  }
  const traffic = w.recordsPerSecond > 0;
  const scaling = traffic && w.streams > 0 && w.streamMode === 'ON_DEMAND';
  const polling = traffic && f !== undefined;
  const applications = (w.analytics?.applications ?? 0) > 0;
  const on = (needed: boolean) => (needed ? runs : 0);
  return [
    { label: 'workflow:OnDemandScaling', callsPerMonth: on(scaling), perCall: express },
    { label: 'task:scaleOnDemandStreams', callsPerMonth: on(scaling), perCall: scale },
    { label: 'workflow:FirehoseSources', callsPerMonth: on(polling), perCall: express },
    { label: 'task:pollSources', callsPerMonth: on(polling), perCall: sources },
    { label: 'workflow:AnalyticsRunner', callsPerMonth: on(applications), perCall: express },
    // A consistent scan of the applications table for the running ones.
    { label: 'task:runApplications', callsPerMonth: on(applications), perCall: addTo(invocation('task:runApplications', p, 0), { [UNITS.readUnits]: readUnits(0, true) }) },
  ].filter((o) => o.callsPerMonth > 0);
}
