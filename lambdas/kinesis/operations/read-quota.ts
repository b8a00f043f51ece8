/**
 * Per-shard read quotas (5 GetRecords calls/s and 2 MiB/s per shard) without a DynamoDB write per
 * read. Two cheap mechanisms, and what they guarantee:
 *
 * - An in-memory ledger per runtime: a sliding one-second window of calls and a byte budget that
 *   refills at 2 MiB/s and may go into debt (a 10 MiB read then blocks the shard for about 4 s, as
 *   Kinesis blocks it for 5 s). Locally there is one process, so this is exact. In the cloud it is
 *   exact per Lambda instance: consumers whose calls land on different instances may together
 *   exceed it.
 * - The byte debt also travels inside the NextShardIterator (`readyAt`), so one consumer reading
 *   its chain of iterators is held to 2 MiB/s whichever instance serves it.
 */
import { ProvisionedThroughputExceededException } from '../../protocol/errors';
import type { Runtime } from '../../runtime/context';
import { kinesisMessages } from '../domain/messages';

const READ_CALLS_PER_SECOND = 5;
const READ_BYTES_PER_SECOND = 2 * 1024 * 1024;

interface Ledger {
  calls: number[];
  iterators: number[];
  bytes: number;
  at: number;
}

const ledgers = new WeakMap<object, Map<string, Ledger>>();

function ledgerOf(rt: Runtime, shardKey: string, now: number): Ledger {
  let shards = ledgers.get(rt.ddb);
  if (!shards) ledgers.set(rt.ddb, (shards = new Map()));
  let ledger = shards.get(shardKey);
  if (!ledger) shards.set(shardKey, (ledger = { calls: [], iterators: [], bytes: READ_BYTES_PER_SECOND, at: now }));
  ledger.bytes = Math.min(READ_BYTES_PER_SECOND, ledger.bytes + ((now - ledger.at) / 1000) * READ_BYTES_PER_SECOND);
  ledger.at = now;
  ledger.calls = ledger.calls.filter((t) => now - t < 1000);
  ledger.iterators = ledger.iterators.filter((t) => now - t < 1000);
  return ledger;
}

function throttled(shardId: string, stream: string, account: string): ProvisionedThroughputExceededException {
  return new ProvisionedThroughputExceededException(kinesisMessages.shardRateExceeded(shardId, stream, account));
}

/** Admits one GetRecords call or throws ProvisionedThroughputExceededException. */
export function admitRead(rt: Runtime, shardKey: string, readyAt: number | undefined, names: { shardId: string; stream: string; account: string }): void {
  if (!rt.config.quotas.enabled) return;
  const now = rt.clock();
  const ledger = ledgerOf(rt, shardKey, now);
  if ((readyAt !== undefined && now < readyAt) || ledger.bytes <= 0 || ledger.calls.length >= READ_CALLS_PER_SECOND) {
    throw throttled(names.shardId, names.stream, names.account);
  }
  ledger.calls.push(now);
}

/** GetShardIterator is limited to 5 calls per second per shard, counted the same way. */
export function admitIteratorRequest(rt: Runtime, shardKey: string, names: { shardId: string; stream: string; account: string }): void {
  if (!rt.config.quotas.enabled) return;
  const now = rt.clock();
  const ledger = ledgerOf(rt, shardKey, now);
  if (ledger.iterators.length >= READ_CALLS_PER_SECOND) throw throttled(names.shardId, names.stream, names.account);
  ledger.iterators.push(now);
}

/** Charges the bytes a call returned; returns when the iterator chain may read again. */
export function chargeRead(rt: Runtime, shardKey: string, bytes: number): number | undefined {
  if (!rt.config.quotas.enabled) return undefined;
  const now = rt.clock();
  ledgerOf(rt, shardKey, now).bytes -= bytes;
  const debtMs = ((bytes - READ_BYTES_PER_SECOND) / READ_BYTES_PER_SECOND) * 1000;
  return debtMs > 0 ? now + debtMs : undefined;
}
