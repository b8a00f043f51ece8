import { describe, expect, it } from 'vitest';
import { InProcessWakeups } from '../../lambdas/runtime/shard-wakeups';

describe('in-process shard wake-ups', () => {
  it('wakes a waiting watch of the shard at once, and only watches of that shard', async () => {
    const wakeups = new InProcessWakeups();
    const watch = wakeups.watch('s#0');
    const other = wakeups.watch('s#1');
    const started = Date.now();
    const woken = watch.next(10_000);
    wakeups.stored('s#0');
    expect(await woken).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await other.next(20)).toBe(false);
    watch.close();
    other.close();
  });

  it('keeps a wake-up that came while nobody waited, so a store between a read and the next wait is not missed', async () => {
    const wakeups = new InProcessWakeups();
    const watch = wakeups.watch('s#0');
    wakeups.stored('s#0');
    expect(await watch.next(10_000)).toBe(true);
    expect(await watch.next(20)).toBe(false);
    watch.close();
  });

  it('stops waiting when the caller goes away, and forgets closed watches', async () => {
    const wakeups = new InProcessWakeups();
    const watch = wakeups.watch('s#0');
    const gone = new AbortController();
    const waiting = watch.next(10_000, gone.signal);
    gone.abort();
    expect(await waiting).toBe(false);
    watch.close();
    wakeups.stored('s#0');
    expect(await watch.next(20)).toBe(false);
  });
});
