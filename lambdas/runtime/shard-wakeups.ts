/**
 * The in-process ShardWakeups of a single-process host: the write path marks every watch of a shard
 * and hands it the batch it stored, and a waiting reader resumes at once. A watch that is not
 * waiting keeps the mark, so a store between a reader's last read and its next wait is never
 * missed. Waiting costs a timer, no polling. A watch keeps at most MAX_BATCHES batches: a reader
 * that falls further behind reads from the store instead.
 */
import type { ShardWakeups, ShardWatch, StoredBatch } from './context';

const MAX_BATCHES = 256;

class Watch implements ShardWatch {
  private marked = false;
  private wake?: () => void;
  private batches: StoredBatch[] = [];

  constructor(private readonly onClose: (w: Watch) => void) {}

  mark(batch?: StoredBatch): void {
    if (batch) {
      if (this.batches.length >= MAX_BATCHES) this.batches = [];
      this.batches.push(batch);
    }
    this.marked = true;
    this.wake?.();
  }

  take(): StoredBatch[] {
    const taken = this.batches;
    this.batches = [];
    return taken;
  }

  next(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (this.marked || signal?.aborted) {
      const woken = this.marked;
      this.marked = false;
      return Promise.resolve(woken);
    }
    return new Promise<boolean>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.wake = undefined;
        const woken = this.marked;
        this.marked = false;
        resolve(woken);
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done);
      this.wake = done;
    });
  }

  close(): void {
    this.wake?.();
    this.onClose(this);
  }
}

export class InProcessWakeups implements ShardWakeups {
  private readonly watches = new Map<string, Set<Watch>>();

  stored(shardKey: string, batch?: StoredBatch): void {
    for (const w of this.watches.get(shardKey) ?? []) w.mark(batch);
  }

  watch(shardKey: string): ShardWatch {
    const set = this.watches.get(shardKey) ?? new Set<Watch>();
    this.watches.set(shardKey, set);
    const watch = new Watch((w) => {
      set.delete(w);
      if (!set.size) this.watches.delete(shardKey);
    });
    set.add(watch);
    return watch;
  }
}
