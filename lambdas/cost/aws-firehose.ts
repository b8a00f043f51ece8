/**
 * Amazon Data Firehose (per GB ingested with each record rounded up to 5 KB, format conversion,
 * dynamic partitioning, your Lambda processor, objects into your bucket) and the analytics
 * services (Managed Service for Apache Flink, and the discontinued Kinesis Data Analytics for SQL).
 */
import { firehoseBilledBytes, GB, lambdaGbSeconds } from './billing-rules';
import { deliveryCycle } from './delivery-cycle';
import { Bill, type OptionCost } from './line-items';
import type { PriceBook } from './price-table';
import { recordsPerMonth, secondsPerMonth, type Workload } from './workload';

/** Bytes of one record as Firehose receives it: a Kinesis source hands over the data, not the key. */
function firehoseRecordBytes(w: Workload): number {
  return w.firehose?.source === 'kinesis' ? w.recordBytes - w.partitionKeyBytes : w.recordBytes;
}

/** Adds the delivery stream's lines: ingestion, options, the processor, and delivered objects. */
export function addFirehose(bill: Bill, w: Workload): Bill {
  const f = w.firehose!;
  const records = recordsPerMonth(w) * Math.max(1, w.streams);
  const recordBytes = firehoseRecordBytes(w);
  const billedGb = (records * firehoseBilledBytes(recordBytes)) / GB;
  const dataGb = (records * recordBytes) / GB;
  // Firehose reads a Kinesis source continuously; DirectPut writes arrive as requests.
  const writesPerSecond = f.source === 'kinesis' ? Infinity : w.recordsPerSecond / w.batchSize;
  const cycle = deliveryCycle(f, w.recordsPerSecond * recordBytes, writesPerSecond);
  const objects = cycle ? secondsPerMonth(w) / cycle.seconds : 0;
  bill
    .add('firehose.ingest', billedGb, f.source === 'kinesis' ? 'Ingestion from the Kinesis source (5 KB rounding)' : undefined)
    .add('firehose.format_conversion', f.formatConversion ? billedGb : 0)
    .add('firehose.dp.gb', f.dynamicPartitioning ? dataGb : 0)
    .add('firehose.dp.objects', f.dynamicPartitioning ? objects : 0);
  if (f.transform && cycle) {
    const invocations = objects * Math.ceil(cycle.bytes / (1024 * 1024));
    bill.add('lambda.requests', invocations, 'Your Lambda processor: invocations').add('lambda.duration.x86_64', invocations * lambdaGbSeconds(f.transform.durationMs, f.transform.memoryMB), 'Your Lambda processor: duration');
  }
  bill
    .add('s3.put', objects, 'PUT: delivered objects (your bucket)')
    .add('s3.storage', dataGb * f.compressionRatio * 0.5, "Storage: the month's delivered objects (your bucket)");
  return bill;
}

export function firehoseOption(w: Workload, book: PriceBook): OptionCost {
  return addFirehose(new Bill(book, w.freeTier), w).done('firehose', 'Amazon Data Firehose');
}

/** Managed Flink: each application's KPUs, one more for orchestration, and 50 GB of storage per KPU. */
export function addAnalytics(bill: Bill, w: Workload, book: PriceBook): Bill {
  const a = w.analytics!;
  const kpuHours = a.applications * (a.kpus + book.figure('msf.orchestration_kpus')) * w.hoursPerMonth;
  const sqlKpuHours = a.applications * a.kpus * w.hoursPerMonth;
  bill
    .add('msf.kpu_hour', kpuHours, `KPU hours (${a.applications} application${a.applications === 1 ? '' : 's'} × (${a.kpus} + 1 orchestration))`)
    .add('msf.running_storage', a.applications * a.kpus * book.figure('msf.storage_gb_per_kpu'));
  const sql = book.cost('kda_sql.kpu_hour', sqlKpuHours, w.freeTier);
  bill.note(`On Kinesis Data Analytics for SQL (closed to new applications) the same KPUs would have cost $${sql.toFixed(2)} a month.`);
  return bill;
}
