/**
 * The workload on Amazon Kinesis Data Streams: provisioned, on-demand Standard and On-demand
 * Advantage, each with every rounding rule as AWS bills it. A Kinesis-source delivery stream and
 * analytics applications add Firehose and Managed Flink lines to each.
 */
import { GB, kinesisBilledBytes, putPayloadUnits } from './billing-rules';
import { Bill, type OptionCost } from './line-items';
import type { PriceBook } from './price-table';
import { addAnalytics, addFirehose } from './aws-firehose';
import { consumerCounts, recordsPerMonth, secondsPerMonth, shardsFor, type Workload } from './workload';

/** Kinesis's per-shard limits, from the price table's figures. */
export function shardLimits(book: PriceBook) {
  return {
    writeBytes: book.figure('kds.shard.write_bytes_per_second'),
    writeRecords: book.figure('kds.shard.write_records_per_second'),
    readBytes: book.figure('kds.shard.read_bytes_per_second'),
  };
}

interface Volumes {
  records: number;
  /** Bytes as written (data and key). */
  bytes: number;
  /** Bytes with each record rounded up to 1 KB (on-demand and Advantage). */
  billedBytes: number;
  /** Polling readers of each record: the consumers, and a Kinesis-source delivery stream. */
  pollingReaders: number;
  efoReaders: number;
  /** Retention hours beyond the included 24, split at 7 days. */
  extendedHours: number;
  longTermHours: number;
}

function volumes(w: Workload, book: PriceBook): Volumes {
  const records = recordsPerMonth(w) * w.streams;
  const consumers = consumerCounts(w);
  const included = book.figure('kds.included_retention_hours');
  const sevenDays = book.figure('kds.extended_retention_hours');
  return {
    records,
    bytes: records * w.recordBytes,
    billedBytes: records * kinesisBilledBytes(w.recordBytes),
    pollingReaders: consumers.polling + (w.firehose?.source === 'kinesis' ? 1 : 0),
    efoReaders: consumers.efo,
    extendedHours: Math.max(0, Math.min(w.retentionHours, sevenDays) - included),
    longTermHours: Math.max(0, w.retentionHours - sevenDays),
  };
}

/** GB-month stored for data kept `hours` beyond another period: the monthly volume over the month's length. */
const retainedGbMonth = (bytes: number, hours: number, w: Workload) => (bytes / GB) * (hours / w.hoursPerMonth);

function withExtras(bill: Bill, w: Workload, book: PriceBook, id: string, label: string): OptionCost {
  if (w.firehose?.source === 'kinesis') addFirehose(bill, w);
  if (w.analytics?.applications) addAnalytics(bill, w, book);
  return bill.done(id, label);
}

/**
 * Provisioned: shards for the peak hour by Kinesis's per-shard limits, PUT payload units of 25 KB
 * per record, extended retention per shard-hour; polling consumers cost nothing extra, enhanced
 * fan-out per consumer-shard-hour and GB.
 */
export function kinesisProvisioned(w: Workload, book: PriceBook): OptionCost {
  const v = volumes(w, book);
  const shards = w.streams * shardsFor(w, shardLimits(book));
  const bill = new Bill(book, w.freeTier);
  bill
    .add('kds.prov.shard_hour', shards * w.hoursPerMonth, `Shard hours (${shards} shard${shards === 1 ? '' : 's'})`)
    .add('kds.prov.put_payload_unit', v.records * putPayloadUnits(w.recordBytes))
    .add('kds.prov.extended_retention', v.extendedHours > 0 ? shards * w.hoursPerMonth : 0)
    .add('kds.prov.long_term_retention', retainedGbMonth(v.bytes, v.longTermHours, w))
    .add('kds.prov.efo_consumer_shard_hour', v.efoReaders * shards * w.hoursPerMonth)
    .add('kds.prov.efo_retrieval', (v.bytes * v.efoReaders) / GB);
  if (w.streams > 0 && v.pollingReaders * (v.bytes / secondsPerMonth(w)) > 0) bill.note('Polling consumers share each shard\'s 2 MiB/s and 5 reads/s; shards are sized for it.');
  return withExtras(bill, w, book, 'kds-provisioned', 'Kinesis provisioned');
}

/** On-demand Standard: per stream-hour, per GB in and out with each record rounded up to 1 KB. */
export function kinesisOnDemand(w: Workload, book: PriceBook): OptionCost {
  const v = volumes(w, book);
  const bill = new Bill(book, w.freeTier);
  bill
    .add('kds.od.stream_hour', w.streams * w.hoursPerMonth)
    .add('kds.od.data_in', v.billedBytes / GB)
    .add('kds.od.data_out', (v.billedBytes * v.pollingReaders) / GB)
    .add('kds.od.efo_retrieval', (v.billedBytes * v.efoReaders) / GB)
    .add('kds.od.extended_retention', retainedGbMonth(v.billedBytes, v.extendedHours, w))
    .add('kds.od.long_term_retention', retainedGbMonth(v.billedBytes, v.longTermHours, w));
  return withExtras(bill, w, book, 'kds-on-demand', 'Kinesis on-demand');
}

/**
 * On-demand Advantage: no stream-hour fee, lower per-GB prices, but an account-wide commitment
 * of 25 MiB/s written and 25 MiB/s read, billed whether used or not.
 */
export function kinesisAdvantage(w: Workload, book: PriceBook): OptionCost {
  const v = volumes(w, book);
  const committed = (book.figure('kds.oda.commitment_bytes_per_second') * secondsPerMonth(w)) / GB;
  const inGb = v.billedBytes / GB;
  const outGb = (v.billedBytes * (v.pollingReaders + v.efoReaders)) / GB;
  const bill = new Bill(book, w.freeTier);
  bill
    .add('kds.oda.data_in', Math.max(inGb, committed), inGb < committed ? 'Data ingested (25 MiB/s commitment; unused part billed too)' : undefined)
    .add('kds.oda.data_out', Math.max(outGb, committed), outGb < committed ? 'Data retrieved (25 MiB/s commitment; unused part billed too)' : undefined)
    .add('kds.oda.retention', retainedGbMonth(v.billedBytes, v.extendedHours + v.longTermHours, w));
  bill.note('The commitment is per account and Region: it is shared by every stream, and can be left only after 24 hours.');
  return withExtras(bill, w, book, 'kds-advantage', 'Kinesis On-demand Advantage');
}
