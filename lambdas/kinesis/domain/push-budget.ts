/**
 * The enhanced fan-out push budget: a subscription may push `bytesPerSecond` per consumer and shard
 * (AWS: 2 MiB/s). A token bucket that holds at most one second's worth. An event goes out while the
 * bucket is not in debt and carries at most what the bucket holds; its bytes are charged after,
 * so a single record larger than the bucket still goes out, and the debt delays the next event.
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

  /** How long to wait before the next event may go out (0: now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.bytesPerSecond) * 1000);
  }

  /** Bytes of records the next event may carry. */
  available(now: number): number {
    this.refill(now);
    return Math.max(1, Math.floor(this.tokens));
  }

  charge(bytes: number, now: number): void {
    this.refill(now);
    this.tokens -= bytes;
  }
}
