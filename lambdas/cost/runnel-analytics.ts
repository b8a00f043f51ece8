/**
 * Running analytics applications on Runnel (analytics/operations/run-application.ts): every run
 * of the AnalyticsRunner schedule (once a minute) takes each RUNNING application's lease, reads its
 * state, reads what its input received since the last run (a stream's shards through Kinesis's
 * checkpointed reader, as GetRecords reads them; or its tap on a delivery stream), writes its
 * output rows to a Kinesis stream through Kinesis's write port (PutRecords' storage path), and
 * saves its state. A Firehose input also costs on the write side: each PutRecordBatch copies its
 * records into the tap of every application reading the delivery stream.
 *
 * The schedule itself (the Express execution and the one task invocation that runs every
 * application in turn) is priced with the other schedules (runnel-scheduled.ts); what each
 * application adds to that invocation is priced here, per application and run, at the workload's
 * average rate. Output rows go to one Kinesis stream, one row per input record unless the
 * workload's `outputRatio` says otherwise, each the size of an input record's data.
 */
import { GB, lambdaGbSeconds, readUnits, writeUnits } from './billing-rules';
import { addTo, UNITS, type Counters } from './counters';
import { shardLimits } from './kinesis-options';
import type { Bill } from './line-items';
import type { PriceBook } from './price-table';
import { bufferWrite } from './runnel-firehose';
import type { RunnelProfile } from './runnel-profile';
import { streamItemBytes, type StreamShape } from './runnel-streams';
import { secondsPerMonth, type Workload } from './workload';

export type AnalyticsInput = 'stream' | 'firehose' | 'none';

/** What one application causes in one run, by part (the tap's copies are made by the producers' writes of that minute). */
export interface AnalyticsRun {
  run: Counters;
  input: Counters;
  output: Counters;
  tap: Counters;
}

export interface OutputStream {
  shards: number;
  /** Bytes of one output record as Kinesis counts it: the row and its partition key. */
  recordBytes: number;
  rowsPerSecond: number;
}

export interface AnalyticsModel {
  applications: number;
  runsPerMonth: number;
  input: AnalyticsInput;
  recordsPerRun: number;
  rowsPerRun: number;
  output: OutputStream;
  outputBatchesPerRun: number;
  /** Records a run can take from its input (the reader's per-run limits). */
  inputCapacityPerRun: number;
  /** Output records a run writes per second (its burst), and what the output's shards take per second with quotas on. */
  outputBurstPerSecond: number;
  outputQuotaPerSecond: number;
  stateItemBytes: number;
  /** Lambda duration one application adds to a run. */
  durationMs: number;
  perRun: AnalyticsRun;
}

const runSeconds = (p: RunnelProfile) => p.schedules.everyMinutes * 60;

export function inputOf(w: Workload): AnalyticsInput {
  if (w.streams > 0) return 'stream';
  return w.firehose?.source === 'direct' ? 'firehose' : 'none';
}

/** Bytes of an input record's data: Kinesis counts the key in the record size, Firehose does not. */
const dataBytesOf = (w: Workload) => (w.streams > 0 ? w.recordBytes - w.partitionKeyBytes : w.recordBytes);

/** The stream the applications write to: provisioned for its average rate by Kinesis's per-shard limits. */
export function outputStream(w: Workload, book: PriceBook, p: RunnelProfile): OutputStream {
  const rowsPerSecond = w.recordsPerSecond * (w.analytics?.outputRatio ?? 1);
  const recordBytes = dataBytesOf(w) + p.analytics.outputKeyBytes;
  const limits = shardLimits(book);
  const shards = Math.max(1, Math.ceil((rowsPerSecond * recordBytes) / limits.writeBytes), Math.ceil(rowsPerSecond / limits.writeRecords));
  return { shards, recordBytes, rowsPerSecond };
}

export function stateItemBytes(shards: number, p: RunnelProfile): number {
  const a = p.analytics;
  return a.stateBaseBytes + shards * a.checkpointBytesPerShard + a.snapshotBytes;
}

/** Reading a stream input: per shard, reads of up to 10,000 records (head, containing segment, following segments), S3 GETs for large segments. */
function streamInput(w: Workload, s: StreamShape, p: RunnelProfile): { counters: Counters; capacity: number; ddbCalls: number } {
  const r = p.analytics.reader;
  const perShard = (w.recordsPerSecond * runSeconds(p)) / s.shards;
  const byBytes = Math.floor(r.maxReadBytes / w.recordBytes);
  // A read cut short by bytes rather than records ends the shard's reading for the run.
  const bytesCapped = byBytes < r.recordsPerRead;
  const perRead = Math.max(1, Math.min(r.recordsPerRead, byBytes));
  const capacity = (bytesCapped ? perRead : perRead * r.readsPerRun) * s.shards;
  const taken = Math.min(perShard, capacity / s.shards);
  const dataReads = taken > 0 ? Math.ceil(taken / perRead) : 0;
  // A read that filled up is followed by one more, which finds only the head (as is a run with nothing new).
  const emptyReads = dataReads === 0 || (!bytesCapped && dataReads < r.readsPerRun && taken % perRead === 0) ? 1 : 0;
  const segments = taken / s.recordsPerSegment;
  const segmentsPerRead = dataReads ? segments / dataReads : 0;
  const following = readUnits(Math.min(segments, Math.max(segmentsPerRead, r.pageItems)) * s.segmentItemBytes, true);
  const head = readUnits(p.shardLog.headBytes, true);
  const perShardCounters: Counters = {
    [UNITS.readUnits]: (dataReads + emptyReads) * head + dataReads * (readUnits(s.segmentItemBytes, true) + following),
    [UNITS.s3Gets]: s.large ? segments : 0,
  };
  const counters = addTo({ [UNITS.readUnits]: readUnits(s.streamItemBytes, true) }, perShardCounters, s.shards);
  const pages = dataReads * Math.max(1, Math.ceil(segmentsPerRead / r.pageItems));
  return { counters, capacity, ddbCalls: 1 + s.shards * (dataReads + emptyReads + dataReads + pages) };
}

/** Reading a delivery stream's tap: the delivery stream item and a Query per 4 MB, and the hourly renewal of the tap's registration. */
function firehoseInput(w: Workload, p: RunnelProfile): { counters: Counters; tap: Counters; capacity: number; ddbCalls: number } {
  const t = p.analytics.tap;
  const batchesPerRun = (w.recordsPerSecond * runSeconds(p)) / w.batchSize;
  const write = bufferWrite(w.batchSize, w.recordBytes, p);
  const bytes = batchesPerRun * write.itemBytes.reduce((a, b) => a + b, 0);
  const perRecord = bytes / Math.max(1e-9, w.recordsPerSecond * runSeconds(p));
  const taken = Math.min(bytes, t.readBytes * t.readsPerRun);
  const reads = Math.min(t.readsPerRun, Math.floor(taken / t.readBytes) + 1);
  let queryUnits = 0;
  for (let i = 0, left = taken; i < reads; i++, left -= t.readBytes) queryUnits += readUnits(Math.max(0, Math.min(t.readBytes, left)), true);
  return {
    counters: {
      [UNITS.readUnits]: reads * readUnits(p.firehose.deliveryStreamBytes, true) + queryUnits,
      [UNITS.writeUnits]: (writeUnits(p.firehose.deliveryStreamBytes) * p.schedules.everyMinutes) / t.renewMinutes,
    },
    // The same records again in the tap's items, written by each PutRecordBatch of the minute.
    tap: { [UNITS.writeUnits]: batchesPerRun * write.writeUnits },
    capacity: perRecord > 0 ? (t.readBytes * t.readsPerRun) / perRecord : Infinity,
    ddbCalls: 2 * reads,
  };
}

/** Writing a run's rows: batches of up to 500 as PutRecords stores them (a reservation and a segment per touched shard; one S3 object per batch for large segments). */
function outputWrites(rows: number, o: OutputStream, p: RunnelProfile): { counters: Counters; batches: number; seconds: number } {
  if (!(rows > 0)) return { counters: {}, batches: 0, seconds: 0 };
  const wr = p.analytics.writer;
  const perBatch = Math.max(1, Math.min(wr.batchRecords, Math.floor(wr.maxBatchBytes / o.recordBytes), rows));
  const batches = rows >= 1 ? Math.ceil(rows / perBatch) : rows;
  const records = rows / batches;
  const touched = o.shards * (1 - (1 - 1 / o.shards) ** records);
  const segmentBytes = (records / touched) * (o.recordBytes + p.shardLog.recordOverheadBytes);
  const large = segmentBytes > p.shardLog.s3SegmentThresholdBytes;
  const segmentItem = large ? p.shardLog.indexItemBytes : p.shardLog.segmentAttributeBytes + segmentBytes;
  const head = writeUnits(p.shardLog.headBytes);
  // The run writes in one burst; with quotas on, the first reservation of each second on a shard is tried against the old second first and fails.
  const seconds = Math.max(1, Math.ceil((batches * p.analytics.durationMs.perOutputBatch) / 1000));
  const failed = p.quotasEnabled ? o.shards * (1 - (1 - 1 / o.shards) ** rows) * seconds : 0;
  return {
    counters: {
      [UNITS.readUnits]: readUnits(streamItemBytes(o.shards, false, p), true),
      [UNITS.writeUnits]: batches * touched * (head + writeUnits(segmentItem)) + failed * head,
      [UNITS.failedWrites]: failed,
      [UNITS.s3Puts]: large ? batches : 0,
      [UNITS.s3PutBytes]: large ? rows * (o.recordBytes + p.shardLog.recordOverheadBytes) : 0,
    },
    batches,
    seconds,
  };
}

/** The model of the workload's running applications; undefined when none runs. */
export function analyticsModel(w: Workload, stream: StreamShape | undefined, book: PriceBook, p: RunnelProfile): AnalyticsModel | undefined {
  const applications = w.analytics?.applications ?? 0;
  if (applications === 0) return undefined;
  const a = p.analytics;
  const input = inputOf(w);
  const recordsPerRun = input === 'none' ? 0 : w.recordsPerSecond * runSeconds(p);
  const read =
    input === 'stream' && stream
      ? { ...streamInput(w, stream, p), tap: {} }
      : input === 'firehose'
        ? firehoseInput(w, p)
        : { counters: {}, tap: {}, capacity: Infinity, ddbCalls: 0 };
  const output = outputStream(w, book, p);
  const rowsPerRun = recordsPerRun * (w.analytics?.outputRatio ?? 1);
  const writes = outputWrites(rowsPerRun, output, p);
  const state = stateItemBytes(stream?.shards ?? 0, p);
  const inS3 = state > 300 * 1024;
  // The runner's consistent scan reads each application's item and its state item (its one base unit is the schedule's).
  const scanned = (readUnits(applications * (a.applicationItemBytes + state), true) - readUnits(0, true)) / applications;
  const s3Gets = (read.counters[UNITS.s3Gets] ?? 0) + (inS3 ? 1 : 0);
  const d = a.durationMs;
  const durationMs = d.base + d.perDynamoCall * (3 + read.ddbCalls + (writes.batches ? 1 : 0)) + d.perS3Get * s3Gets + d.perOutputBatch * writes.batches + d.perRecord * (recordsPerRun + rowsPerRun);
  const run: Counters = {
    [UNITS.lambdaBilledMs]: durationMs,
    // Lease (an update billed at the whole item), consistent state read, state write.
    [UNITS.readUnits]: scanned + readUnits(inS3 ? a.stateBaseBytes : state, true),
    [UNITS.writeUnits]: 2 * writeUnits(inS3 ? a.stateBaseBytes : state),
    [UNITS.s3Puts]: inS3 ? 1 : 0,
    [UNITS.s3Gets]: inS3 ? 1 : 0,
  };
  return {
    applications,
    runsPerMonth: secondsPerMonth(w) / runSeconds(p),
    input,
    recordsPerRun,
    rowsPerRun,
    output,
    outputBatchesPerRun: writes.batches,
    inputCapacityPerRun: read.capacity,
    outputBurstPerSecond: writes.seconds ? rowsPerRun / writes.seconds : 0,
    outputQuotaPerSecond: output.shards * book.figure('kds.shard.write_records_per_second'),
    stateItemBytes: state,
    durationMs,
    perRun: { run, input: read.counters, output: writes.counters, tap: read.tap },
  };
}

const PARTS: { key: keyof AnalyticsRun; label: string }[] = [
  { key: 'run', label: 'run (lease, state, duration)' },
  { key: 'input', label: 'input reads' },
  { key: 'output', label: 'output writes' },
  { key: 'tap', label: 'Firehose tap copies' },
];

/** Adds the lines of `times` runs of one part's counters, named as analytics lines. */
function addPart(bill: Bill, counters: Counters, times: number, label: string, w: Workload, p: RunnelProfile): void {
  const t = (u: keyof Counters) => (counters[u] ?? 0) * times;
  const monthSeconds = secondsPerMonth(w);
  // Output segment objects live as a 24-hour stream's do (the 2-day prefix, plus lifecycle lag); their index items a day past retention.
  const objectDays = 2 + p.storage.lifecycleLagHours / 24;
  bill
    .add(`lambda.duration.${p.lambda.architecture}`, lambdaGbSeconds(t(UNITS.lambdaBilledMs), p.lambda.memoryMB), `Analytics ${label}: duration`)
    .add('ddb.wru', t(UNITS.writeUnits), `Analytics ${label}: write request units`)
    .add('ddb.rru', t(UNITS.readUnits), `Analytics ${label}: read request units`)
    .add('s3.get', t(UNITS.s3Gets), `Analytics ${label}: GET`)
    .add('s3.put', t(UNITS.s3Puts), `Analytics ${label}: PUT`)
    .add('s3.storage', ((t(UNITS.s3PutBytes) / monthSeconds) * objectDays * 86_400) / GB, `Analytics ${label}: segment objects stored`);
}

/** Runnel's lines for the running applications: one group per part, all applications together. */
export function addAnalyticsLines(bill: Bill, w: Workload, m: AnalyticsModel, p: RunnelProfile): Bill {
  for (const part of PARTS) addPart(bill, m.perRun[part.key], m.runsPerMonth * m.applications, part.label, w, p);
  return bill;
}

export interface PerApplication {
  /** Monthly USD of one application, by part, and its share of the schedule (Express run, task invocation, scan). */
  parts: Record<keyof AnalyticsRun | 'schedule', number>;
  total: number;
  /** One KPU for the month on Kinesis Data Analytics for SQL. */
  kpuMonth: number;
  /** total / kpuMonth. */
  ofKpu: number;
}

/** One application's month at list prices (no free tier): what the ratio to a KPU is judged on. */
export function perApplication(w: Workload, book: PriceBook, m: AnalyticsModel, p: RunnelProfile, newBill: () => Bill): PerApplication {
  const price = (counters: Counters, label: string) => {
    const bill = newBill();
    addPart(bill, counters, m.runsPerMonth, label, w, p);
    return bill.done('part', label).total;
  };
  const parts = Object.fromEntries(PARTS.map((part) => [part.key, price(m.perRun[part.key], part.label)])) as PerApplication['parts'];
  const runs = m.runsPerMonth;
  const taskMs = p.durationsMs['task:runApplications'] ?? 0;
  parts.schedule =
    (book.cost('sfn.express.requests', runs, false) +
      book.cost('sfn.express.duration', runs * (p.express.billedMsPerRun / 1000) * (p.express.memoryMB / 1024), false) +
      book.cost('lambda.requests', runs, false) +
      book.cost(`lambda.duration.${p.lambda.architecture}`, lambdaGbSeconds(runs * taskMs, p.lambda.memoryMB), false) +
      book.cost('ddb.rru', runs * readUnits(0, true), false)) /
    m.applications;
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  const kpuMonth = book.cost('kda_sql.kpu_hour', w.hoursPerMonth, false);
  return { parts, total, kpuMonth, ofKpu: total / kpuMonth };
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** The notes `runnel cost` prints: the per-application month against a KPU's, and where a run cannot keep up. */
export function analyticsNotes(m: AnalyticsModel, per: PerApplication): string[] {
  const pct = (100 * per.ofKpu).toFixed(1);
  const input = m.input === 'none' ? 'no input records' : `${Math.round(m.recordsPerRun).toLocaleString('en-US')} records a run from its ${m.input === 'stream' ? 'stream' : "delivery stream's tap"}`;
  const notes = [
    `Analytics: ${usd(per.total)} a month per running application (${input}, ${Math.round(m.rowsPerRun).toLocaleString('en-US')} rows a run into a ${m.output.shards}-shard Kinesis stream, ${Math.round(m.durationMs)} ms a run): ` +
      `run ${usd(per.parts.run)}, input ${usd(per.parts.input)}, output ${usd(per.parts.output)}${m.input === 'firehose' ? `, tap copies ${usd(per.parts.tap)}` : ''}, schedule share ${usd(per.parts.schedule)}. ` +
      `That is ${pct}% of one KPU's month on Kinesis Data Analytics for SQL (${usd(per.kpuMonth)}; it bills at least one KPU per application).`,
  ];
  if (m.recordsPerRun > m.inputCapacityPerRun) {
    notes.push(`Analytics: a run reads at most ${Math.round(m.inputCapacityPerRun).toLocaleString('en-US')} records of this size from its input, fewer than the ${Math.round(m.recordsPerRun).toLocaleString('en-US')} a minute brings: the application falls behind.`);
  }
  if (m.outputBurstPerSecond > m.outputQuotaPerSecond) {
    notes.push(
      `Analytics: a run writes its ${Math.round(m.rowsPerRun).toLocaleString('en-US')} rows in one burst (about ${Math.round(m.outputBurstPerSecond).toLocaleString('en-US')} a second), more than the output's ${m.output.shards} shard${m.output.shards === 1 ? '' : 's'} take a second with quotas on (${m.outputQuotaPerSecond.toLocaleString('en-US')}): the write is throttled and the run fails and retries. Give the output stream more shards, or deploy with quotas off; priced as if the burst were taken.`,
    );
  }
  return notes;
}
