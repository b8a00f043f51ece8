import { describe, expect, it } from 'vitest';
import { planMerge, planSplit, planUniformScaling, type ReshardPlan } from '../../lambdas/kinesis/domain/reshard-plan';
import { uniformRanges } from '../../lambdas/kinesis/domain/shard-ranges';
import type { ShardRecord, StreamItem } from '../../lambdas/kinesis/domain/stream';

function stream(count: number): StreamItem {
  return {
    shards: uniformRanges(count).map((r, index) => ({ index, start: r.start.toString(), end: r.end.toString(), startCounter: 0, createdAt: 0 })),
    nextShardIndex: count,
  } as StreamItem;
}

/** Applies a plan the way the workflow does, parents closing with counter 0. */
function apply(s: StreamItem, plan: ReshardPlan): StreamItem {
  const shards = s.shards.map((sh) => (plan.parents.includes(sh.index) ? { ...sh, endCounter: 0, closedAt: 1 } : sh));
  return { ...s, shards: [...shards, ...plan.created], nextShardIndex: plan.nextShardIndex };
}

const openRanges = (s: StreamItem) =>
  s.shards
    .filter((x) => x.endCounter === undefined)
    .map((x) => [x.start, x.end])
    .sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : 1));

describe('reshard plans', () => {
  it('split a shard into its lower and upper halves with the next free indices', () => {
    const s = stream(2);
    const plan = planSplit(s, 0, 1000n, 5);
    expect(plan.parents).toEqual([0]);
    expect(plan.created).toEqual([
      { index: 2, start: '0', end: '999', parent: 0, startCounter: 0, createdAt: 5 },
      { index: 3, start: '1000', end: s.shards[0].end, parent: 0, startCounter: 0, createdAt: 5 },
    ]);
    expect(plan.nextShardIndex).toBe(4);
  });

  it('merge two adjacent shards into one with both parents', () => {
    const plan = planMerge(stream(3), 1, 2, 5);
    expect(plan.parents).toEqual([1, 2]);
    expect(plan.created).toEqual([{ index: 3, start: stream(3).shards[1].start, end: stream(3).shards[2].end, parent: 1, adjacentParent: 2, startCounter: 0, createdAt: 5 }]);
  });

  it.each([
    [1, 2],
    [2, 4],
    [3, 5],
    [4, 2],
    [5, 3],
    [10, 13],
    [13, 7],
    [3, 3],
    [6, 12],
  ])('scale %i shards uniformly to %i: exactly the ranges of a fresh stream, through splits and merges', (from, to) => {
    const s = stream(from);
    const plan = planUniformScaling(s, to, 5);
    const after = apply(s, plan);
    expect(openRanges(after)).toEqual(uniformRanges(to).map((r) => [r.start.toString(), r.end.toString()]));
    const byIndex = new Map(after.shards.map((x) => [x.index, x]));
    for (const created of plan.created) {
      const parents = [created.parent, created.adjacentParent].filter((p): p is number => p !== undefined).map((p) => byIndex.get(p)!);
      expect(parents.length).toBeGreaterThanOrEqual(1);
      expect(parents.every((p) => p.endCounter !== undefined)).toBe(true);
      // a child covers exactly its parents' union (split halves lie inside their parent)
      const lo = BigInt(parents[0].start);
      const hi = BigInt(parents[parents.length - 1].end);
      expect(BigInt(created.start) >= lo && BigInt(created.end) <= hi).toBe(true);
    }
    const intermediates = plan.created.filter((x: ShardRecord) => x.endCounter !== undefined);
    expect(intermediates.every((x) => x.endCounter === 0 && x.closedAt === 5)).toBe(true);
    expect(new Set(after.shards.map((x) => x.index)).size).toBe(after.shards.length);
  });
});
