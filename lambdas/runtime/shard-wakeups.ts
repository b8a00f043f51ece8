/**
 * The in-process ShardWakeups of a single-process host: the write path marks every watch of a shard,
 * and a waiting reader resumes at once. A watch that is not waiting keeps the mark, so a store
 * between a reader's last read and its next wait is never missed. Waiting costs a timer, no polling.
 */
import type { ShardWakeups, ShardWatch } from './context';

class Watch implements ShardWatch {
  private marked = false;
  private wake?: () => void;

  constructor(private readonly onClose: (w: Watch) => void) {}

  mark(): void {
    this.marked = true;
    this.wake?.();
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

  stored(shardKey: string): void {
    for (const w of this.watches.get(shardKey) ?? []) w.mark();
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
