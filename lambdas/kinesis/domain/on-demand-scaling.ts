/**
 * How an on-demand stream sizes itself from observed write throughput. Each run samples every open
 * shard's running counters; a shard above HOT_FRACTION of a shard's write capacity for
 * HOT_RUNS runs in a row is split, and a pair of adjacent shards that together stay under
 * COLD_FRACTION for COLD_RUNS runs is merged (never below the on-demand floor of four shards).
 * Scaling up reacts faster than scaling down, so load that hovers at a threshold does not flap.
 */

const HOT_FRACTION = 0.8;
const COLD_FRACTION = 0.3;
export const HOT_RUNS = 2;
export const COLD_RUNS = 5;
const MIN_ON_DEMAND_SHARDS = 4;

/** What scaling needs to know of an open shard (hash range bounds as decimal strings). */
export interface ScalableShard {
  index: number;
  start: string;
  end: string;
}

export interface ShardCounters {
  records: number;
  bytes: number;
}

export interface ScalingState {
  at: number;
  samples: Record<string, ShardCounters>;
  hot: Record<string, number>;
  cold: Record<string, number>;
}

export type ScalingDecision = { split: { shard: number; key: bigint } } | { merge: { lower: number; upper: number } } | undefined;

export interface Capacity {
  bytesPerSecond: number;
  recordsPerSecond: number;
}

/** Load as a fraction of one shard's write capacity (the larger of the bytes and records fractions). */
function load(prev: ShardCounters | undefined, now: ShardCounters, seconds: number, cap: Capacity): number | undefined {
  if (!prev || seconds <= 0) return undefined;
  return Math.max((now.bytes - prev.bytes) / seconds / cap.bytesPerSecond, (now.records - prev.records) / seconds / cap.recordsPerSecond);
}

export function decideScaling(
  open: ScalableShard[],
  counters: Record<string, ShardCounters>,
  previous: ScalingState | undefined,
  now: number,
  cap: Capacity,
): { state: ScalingState; decision: ScalingDecision } {
  const seconds = previous ? (now - previous.at) / 1000 : 0;
  const sorted = [...open].sort((a, b) => (BigInt(a.start) < BigInt(b.start) ? -1 : 1));
  const loads = new Map(sorted.map((s) => [s.index, load(previous?.samples[s.index], counters[s.index], seconds, cap)]));
  const state: ScalingState = { at: now, samples: counters, hot: {}, cold: {} };

  for (const s of sorted) {
    const l = loads.get(s.index);
    if (l !== undefined && l >= HOT_FRACTION) state.hot[s.index] = (previous?.hot[s.index] ?? 0) + 1;
  }
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = loads.get(sorted[i].index);
    const b = loads.get(sorted[i + 1].index);
    const pair = `${sorted[i].index}-${sorted[i + 1].index}`;
    if (a !== undefined && b !== undefined && a + b < COLD_FRACTION) state.cold[pair] = (previous?.cold[pair] ?? 0) + 1;
  }

  const hottest = sorted
    .filter((s) => (state.hot[s.index] ?? 0) >= HOT_RUNS)
    .sort((a, b) => loads.get(b.index)! - loads.get(a.index)!)[0];
  if (hottest) {
    const start = BigInt(hottest.start);
    const end = BigInt(hottest.end);
    const key = start + (end - start + 1n) / 2n;
    if (key > start + 1n && key < end) return { state: { ...state, hot: {}, cold: {} }, decision: { split: { shard: hottest.index, key } } };
  }
  if (sorted.length > MIN_ON_DEMAND_SHARDS) {
    const coldest = Object.entries(state.cold).find(([, runs]) => runs >= COLD_RUNS);
    if (coldest) {
      const [lower, upper] = coldest[0].split('-').map(Number);
      return { state: { ...state, hot: {}, cold: {} }, decision: { merge: { lower, upper } } };
    }
  }
  return { state, decision: undefined };
}

/**
 * Nothing for the scaler to do until the stream is written to again: no shard was written to since
 * the last sample, and the stream is at the on-demand floor (idle shards above it are merged first).
 */
export function isSettled(open: ScalableShard[], counters: Record<string, ShardCounters>, previous: ScalingState | undefined): boolean {
  if (!previous || open.length > MIN_ON_DEMAND_SHARDS) return false;
  return open.every((s) => {
    const before = previous.samples[s.index];
    return before !== undefined && before.records === counters[s.index].records && before.bytes === counters[s.index].bytes;
  });
}
