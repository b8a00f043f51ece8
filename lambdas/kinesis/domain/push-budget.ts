/**
 * The enhanced fan-out push budget: a subscription may push `bytesPerSecond` per consumer and shard
 * (AWS: 2 MiB/s). A token bucket that holds at most one second's worth. An event carries at most
 * what the bucket holds and goes out once the bucket covers it; a single record larger than the
 * whole bucket goes out when the bucket is full, and the debt it leaves delays the next event.
 */
export class PushBudget {
  private tokens: number;

  constructor(
    private readonly bytesPerSecond: number,
    private at: number,
  ) {
    this.tokens = bytesPerSecond;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.bytesPerSecond, this.tokens + ((now - this.at) / 1000) * this.bytesPerSecond);
    this.at = now;
  }

  /** Bytes of records the next event may carry (a reader returns at least one record regardless). */
  available(now: number): number {
    this.refill(now);
    return Math.max(1, Math.floor(this.tokens));
  }

  /** How long to wait before an event of `bytes` may go out (0: now). */
  waitMs(bytes: number, now: number): number {
    this.refill(now);
    const needed = Math.min(bytes, this.bytesPerSecond) - this.tokens;
    return needed > 0 ? Math.ceil((needed / this.bytesPerSecond) * 1000) : 0;
  }

  charge(bytes: number, now: number): void {
    this.refill(now);
    this.tokens -= bytes;
  }
}
