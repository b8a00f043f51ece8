/**
 * The one way tests wait for something asynchronous: retry a check until it passes, with a deadline
 * generous enough for a slow, shared machine. The check throws (an `expect` failing) while the
 * condition does not hold; when the deadline passes, the last failure is rethrown, so the test
 * reports what was still wrong rather than "timed out".
 */
export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export async function eventually<T>(check: () => T | Promise<T>, { timeoutMs = 30_000, intervalMs = 25 }: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() >= deadline) throw e;
    }
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
