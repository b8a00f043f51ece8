/**
 * Kinesis Data Analytics for SQL, the service Runnel's analytics API reproduces: closed to new
 * applications since 2025-10-15 (and deleting them from 2026-01-27), priced for comparison. It
 * bills KPU-hours, at least one KPU per application whether busy or not. The option is the
 * workload's cheapest-shaped AWS pipeline for its input (Kinesis provisioned, or Firehose for
 * DirectPut) with the applications' KPUs and the Kinesis stream their rows go to (provisioned,
 * as Runnel's output stream is sized: runnel-analytics.ts).
 */
import { putPayloadUnits } from './billing-rules';
import { firehoseOption } from './aws-firehose';
import { kinesisProvisioned } from './kinesis-options';
import { Bill, type OptionCost } from './line-items';
import type { PriceBook } from './price-table';
import { outputStream } from './runnel-analytics';
import { RUNNEL_PROFILE, type RunnelProfile } from './runnel-profile';
import { secondsPerMonth, type Workload } from './workload';

export function kdaSqlOption(w: Workload, book: PriceBook, p: RunnelProfile = RUNNEL_PROFILE): OptionCost | undefined {
  const a = w.analytics;
  if (!a?.applications) return undefined;
  const plain = { ...w, analytics: undefined };
  const base = w.streams > 0 ? kinesisProvisioned(plain, book) : w.firehose?.source === 'direct' ? firehoseOption(plain, book) : undefined;
  const out = outputStream(w, book, p);
  const bill = new Bill(book, w.freeTier);
  bill
    .add('kda_sql.kpu_hour', a.applications * a.kpus * w.hoursPerMonth, `KPU hours (${a.applications} application${a.applications === 1 ? '' : 's'} × ${a.kpus} KPU${a.kpus === 1 ? '' : 's'})`)
    .add('kds.prov.shard_hour', a.applications * out.shards * w.hoursPerMonth, `Output stream: shard hours (${out.shards} shard${out.shards === 1 ? '' : 's'} per application)`)
    .add('kds.prov.put_payload_unit', a.applications * out.rowsPerSecond * secondsPerMonth(w) * putPayloadUnits(out.recordBytes), 'Output stream: PUT payload units');
  const extra = bill.done('kda', '');
  return {
    id: 'kda-sql',
    label: `${base ? `${base.label} + ` : ''}Kinesis Data Analytics for SQL (retired)`,
    items: [...(base?.items ?? []), ...extra.items],
    total: (base?.total ?? 0) + extra.total,
    notes: [...(base?.notes ?? []), 'Kinesis Data Analytics for SQL takes no new applications since 2025-10-15 and deletes existing ones from 2026-01-27: priced at its last list price for comparison.'],
  };
}
