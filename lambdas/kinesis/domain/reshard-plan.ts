/**
 * Resharding as a pure plan over the shard map: which open shards close (the parents) and which
 * shards appear. UNIFORM_SCALING is planned, as Kinesis performs it, as a sequence of splits and
 * merges; shards that one step creates and a later step consumes are intermediates, created
 * closed and empty, so writes never land on them but the lineage stays a chain of real splits and
 * merges (at most two parents per shard) that KCL-style readers can follow.
 */
import type { ShardRecord, StreamItem } from './stream';
import { uniformRanges } from './shard-ranges';

export interface ReshardPlan {
  /** Open shards this plan closes. */
  parents: number[];
  /** New shards, in index order; intermediates already carry endCounter/closedAt. */
  created: ShardRecord[];
  nextShardIndex: number;
}

interface Working {
  index: number;
  start: bigint;
  end: bigint;
  original: boolean;
}

class Planner {
  private readonly open: Working[];
  private readonly createdByIndex = new Map<number, ShardRecord>();
  private readonly parents: number[] = [];
  private next: number;

  constructor(stream: StreamItem, private readonly now: number) {
    this.next = stream.nextShardIndex;
    this.open = stream.shards
      .filter((s) => s.endCounter === undefined)
      .map((s) => ({ index: s.index, start: BigInt(s.start), end: BigInt(s.end), original: true }))
      .sort((a, b) => (a.start < b.start ? -1 : 1));
  }

  private close(w: Working): void {
    this.open.splice(this.open.indexOf(w), 1);
    if (w.original) this.parents.push(w.index);
    else Object.assign(this.createdByIndex.get(w.index)!, { endCounter: 0, closedAt: this.now });
  }

  private add(start: bigint, end: bigint, parent: number, adjacentParent?: number): Working {
    const index = this.next++;
    this.createdByIndex.set(index, {
      index,
      start: start.toString(),
      end: end.toString(),
      parent,
      ...(adjacentParent !== undefined ? { adjacentParent } : {}),
      startCounter: 0,
      createdAt: this.now,
    });
    const w = { index, start, end, original: false };
    this.open.push(w);
    this.open.sort((a, b) => (a.start < b.start ? -1 : 1));
    return w;
  }

  shard(index: number): Working {
    return this.open.find((w) => w.index === index)!;
  }

  split(w: Working, key: bigint): void {
    this.close(w);
    this.add(w.start, key - 1n, w.index);
    this.add(key, w.end, w.index);
  }

  merge(lower: Working, upper: Working): Working {
    this.close(lower);
    this.close(upper);
    return this.add(lower.start, upper.end, lower.index, upper.index);
  }

  uniform(target: number): void {
    const ranges = uniformRanges(target);
    for (const { start } of ranges.slice(1)) {
      const containing = this.open.find((w) => w.start < start && start <= w.end);
      if (containing) this.split(containing, start);
    }
    for (const range of ranges) {
      let inside = this.open.filter((w) => w.start >= range.start && w.end <= range.end);
      while (inside.length > 1) {
        const merged = this.merge(inside[0], inside[1]);
        inside = [merged, ...inside.slice(2)];
      }
    }
  }

  plan(): ReshardPlan {
    return { parents: this.parents, created: [...this.createdByIndex.values()], nextShardIndex: this.next };
  }
}

export function planSplit(stream: StreamItem, shardIndex: number, newStartingHashKey: bigint, now: number): ReshardPlan {
  const p = new Planner(stream, now);
  p.split(p.shard(shardIndex), newStartingHashKey);
  return p.plan();
}

export function planMerge(stream: StreamItem, lower: number, upper: number, now: number): ReshardPlan {
  const p = new Planner(stream, now);
  p.merge(p.shard(lower), p.shard(upper));
  return p.plan();
}

export function planUniformScaling(stream: StreamItem, target: number, now: number): ReshardPlan {
  const p = new Planner(stream, now);
  p.uniform(target);
  return p.plan();
}
