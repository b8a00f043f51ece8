/**
 * Runnel's Firehose, per call, as the current code bills it (firehose/ingest.ts, store/buffer.ts,
 * delivery/flush.ts): records are packed into buffer items of up to 350 KB in one of four slots,
 * read back and deleted by each flush (deletes cost write units like writes), and each flush is a
 * Standard workflow execution.
 */
import { readUnits, writeUnits } from './billing-rules';
import { addTo, UNITS, type Counters, type Operation } from './counters';
import { binomialExpectation, deliveryCycle, slotsHit, type DeliveryCycle } from './delivery-cycle';
import type { RunnelProfile } from './runnel-profile';
import { apiCall, invocation } from './runnel-streams';
import { secondsPerMonth, type FirehoseSpec, type Workload } from './workload';

/** The buffer items one write of `records` records of `dataBytes` makes. */
export interface BufferWrite {
  items: number;
  /** Bytes of each item as DynamoDB bills it. */
  itemBytes: number[];
  writeUnits: number;
}

export function bufferWrite(records: number, dataBytes: number, p: RunnelProfile): BufferWrite {
  const f = p.firehose;
  const perItem = Math.max(1, Math.floor(f.itemDataBytes / dataBytes));
  const itemBytes: number[] = [];
  for (let left = records; left > 0; left -= perItem) itemBytes.push(f.bufferItemAttributeBytes + Math.min(perItem, left) * (dataBytes + f.recordOverheadBytes));
  return { items: itemBytes.length, itemBytes, writeUnits: itemBytes.reduce((n, b) => n + writeUnits(b), 0) };
}

const MANY_WRITES = 200;

/** Reads of the first item of each slot (oldestArrival): a whole item's units where one is waiting. */
function oldestArrivalUnits(write: BufferWrite, slotsWithData: number, slots: number): number {
  return slotsWithData * readUnits(write.itemBytes[0], true) + (slots - slotsWithData);
}

export interface BufferShape {
  write: BufferWrite;
  writesPerSecond: number;
  cycle: DeliveryCycle;
}

/**
 * One write into the buffer (a PutRecordBatch, or a Kinesis-source poll of one shard): the items,
 * the slot counter, the first write into each slot of a cycle tries to arm the timed flush (one
 * wins, the rest are billed failed conditional writes), and a slot past a quarter of the buffer
 * size adds up all four counters.
 */
export function bufferWriteCounters(f: FirehoseSpec, b: BufferShape, p: RunnelProfile): Counters {
  const slots = p.firehose.slots;
  const threshold = Math.ceil((f.bufferMiB * 1024 * 1024) / slots / (b.cycle.bytes / b.cycle.writes));
  // The j-th write of a cycle adds up the counters when its slot already took threshold - 1 writes
  // (with many writes per cycle, each slot's share is taken as even).
  const writes = Math.max(1, Math.round(b.cycle.writes));
  let checks = slots * Math.max(0, writes / slots - threshold + 1);
  if (writes <= MANY_WRITES) {
    checks = 0;
    for (let j = 0; j < writes; j++) checks += binomialExpectation(j, 1 / slots, (k) => (k + 1 >= threshold ? 1 : 0));
  }
  const claims = slotsHit(b.cycle.writes, slots) / b.cycle.writes;
  // Under sustained load the flush re-arms the timer itself, and every claim by a write fails.
  const won = b.cycle.bySize ? 0 : 1 / b.cycle.writes;
  return {
    [UNITS.writeUnits]: b.write.writeUnits + writeUnits(p.firehose.headBytes) + claims * writeUnits(p.firehose.controlBytes),
    [UNITS.failedWrites]: claims - won,
    [UNITS.readUnits]: (checks / writes) * slots * readUnits(p.firehose.headBytes, false),
    [UNITS.workflowStarts]: won,
  };
}

/**
 * One delivery (task:flushBuffer): lease, read every slot, write the object, delete the items,
 * clear the timer and the slot counters, look for records that arrived meanwhile (re-arming the
 * timer if any), release the lease.
 */
export function flushCounters(f: FirehoseSpec, b: BufferShape, p: RunnelProfile): Counters {
  const slots = p.firehose.slots;
  const x = p.firehose;
  const itemsPerWrite = b.write.itemBytes.reduce((n, i) => n + i, 0);
  const slotRead = binomialExpectation(b.cycle.writes, 1 / slots, (k) => readUnits(k * itemsPerWrite, true)) * slots;
  const duringFlush = b.writesPerSecond * (p.durationsMs['task:flushBuffer'] / 1000);
  const rearm = b.cycle.bySize ? 1 : 1 - Math.exp(-duringFlush);
  const small = (bytes: number) => writeUnits(bytes);
  return {
    ...invocation('task:flushBuffer', p, p.logs.flushLineBytes),
    [UNITS.readUnits]: readUnits(x.deliveryStreamBytes, true) + slotRead + oldestArrivalUnits(b.write, slotsHit(duringFlush, slots), slots),
    [UNITS.writeUnits]: small(x.controlBytes) * 3 + slots * small(x.headBytes) + b.cycle.writes * b.write.writeUnits + rearm * small(x.controlBytes),
    [UNITS.destinationPuts]: 1,
    [UNITS.destinationBytes]: b.cycle.bytes * f.compressionRatio,
    [UNITS.workflowStarts]: rearm,
  };
}

/** A delivery stream's share of each scheduled FirehoseSources run: find buffered records, try to re-arm. */
export function pollCounters(f: FirehoseSpec, b: BufferShape | undefined, p: RunnelProfile): Counters {
  const slots = p.firehose.slots;
  if (!b) return { [UNITS.readUnits]: slots };
  // At a random moment the buffer holds records for the buffering interval of each cycle (all
  // the time under sustained load); while it does, writes land every 1/writesPerSecond seconds,
  // so the time it holds j writes is known, and with it the slots holding a first item to read.
  // Under sustained load no flush empties it: every slot holds records.
  const held = b.cycle.bySize ? b.cycle.seconds : Math.min(f.bufferSeconds, b.cycle.seconds);
  const every = 1 / b.writesPerSecond;
  let units = b.cycle.bySize ? oldestArrivalUnits(b.write, slots, slots) : 0;
  for (let j = 1; !b.cycle.bySize && (j - 1) * every < held; j++) {
    const share = (Math.min(held, j * every) - (j - 1) * every) / held;
    units += share * oldestArrivalUnits(b.write, slotsHit(j, slots), slots);
  }
  const holding = held / b.cycle.seconds;
  return {
    [UNITS.readUnits]: holding * units + (1 - holding) * slots,
    [UNITS.writeUnits]: holding * writeUnits(p.firehose.controlBytes),
    [UNITS.failedWrites]: holding,
  };
}

export function directBuffer(w: Workload, f: FirehoseSpec, p: RunnelProfile): BufferShape | undefined {
  const writesPerSecond = w.recordsPerSecond / w.batchSize;
  const cycle = deliveryCycle(f, w.recordsPerSecond * w.recordBytes, writesPerSecond, p.firehose.sustained.deliveriesPerFill);
  return cycle && { write: bufferWrite(w.batchSize, w.recordBytes, p), writesPerSecond, cycle };
}

/** Delivery streams: PutRecordBatch (DirectPut), flush tasks and their Standard executions. */
export function firehoseOperations(w: Workload, b: BufferShape | undefined, p: RunnelProfile): Operation[] {
  const f = w.firehose;
  if (!f || !b) return [];
  const seconds = secondsPerMonth(w);
  const deliveries = seconds / b.cycle.seconds;
  const drivenBy = f.source === 'direct' ? 'Firehose.PutRecordBatch' : 'task:pollSources';
  // Under sustained load some flushes deliver nothing (the lease is taken, or too little is left).
  const x = p.firehose.sustained;
  const [flushes, executions, transitions] = b.cycle.bySize ? [x.flushesPerDelivery, x.executionsPerDelivery, x.transitionsPerExecution] : [1, 1, p.flushTransitions.interval];
  const idle = addTo(invocation('task:flushBuffer', p, p.logs.flushLineBytes), {
    [UNITS.readUnits]: readUnits(p.firehose.deliveryStreamBytes, true) + x.idleFlushReadUnits,
    [UNITS.writeUnits]: x.idleFlushWrites * writeUnits(p.firehose.controlBytes),
    [UNITS.failedWrites]: x.idleFlushWrites,
  });
  const flush = addTo(addTo({}, flushCounters(f, b, p), 1 / flushes), idle, 1 - 1 / flushes);
  const ops: Operation[] = [
    { label: 'task:flushBuffer', callsPerMonth: deliveries * flushes, perCall: flush, drivenBy },
    { label: 'workflow:FirehoseFlush', callsPerMonth: deliveries * executions, perCall: { [UNITS.calls]: 1, [UNITS.transitions]: transitions }, drivenBy },
  ];
  if (f.source === 'direct') {
    const request = p.http.baseBodyBytes + w.batchSize * (4 * Math.ceil(w.recordBytes / 3) + p.http.putRecordBatchEntryBytes);
    const put = apiCall('Firehose.PutRecordBatch', request, p.http.baseBodyBytes + w.batchSize * p.http.putRecordBatchResultBytes, p);
    addTo(put, { [UNITS.readUnits]: readUnits(p.firehose.deliveryStreamBytes, true) });
    ops.unshift({ label: 'Firehose.PutRecordBatch', callsPerMonth: b.writesPerSecond * seconds, perCall: addTo(put, bufferWriteCounters(f, b, p)) });
  }
  return ops;
}
