/**
 * How often a delivery stream delivers, for Runnel and for Amazon Data Firehose: an object when
 * the buffer reaches its size, or the buffering interval after the first record of an empty
 * buffer. Writers are taken to be paced: one write every 1/writesPerSecond seconds.
 */
import { MiB } from './billing-rules';
import type { FirehoseSpec } from './workload';

export interface DeliveryCycle {
  /** Seconds between deliveries. */
  seconds: number;
  /** Buffer writes (requests, or Kinesis-source polls) between deliveries. */
  writes: number;
  /** Ingested bytes per delivery. */
  bytes: number;
  /** Deliveries are driven by the buffer filling up rather than by its interval. */
  bySize: boolean;
}

/**
 * After a delivery empties the buffer, the next write starts the interval: with writes every Δ
 * seconds, the cycle is the first multiple of Δ past the interval.
 */
function intervalCycle(intervalSeconds: number, writesPerSecond: number): number {
  // A continuous reader (Firehose on a Kinesis source) fills the buffer the moment it empties.
  if (!Number.isFinite(writesPerSecond)) return Math.max(intervalSeconds, 1);
  const every = 1 / writesPerSecond;
  return (Math.floor(intervalSeconds / every) + 1) * every;
}

/**
 * Amazon Data Firehose delivers when either hint is met. Runnel (firehose/delivery/flush.ts) does
 * too, but under sustained load it delivers more often than the buffer fills (see the profile's
 * `sustained`): `deliveriesPerFill` says how much more (1 for Firehose).
 */
export function deliveryCycle(f: FirehoseSpec, bytesPerSecond: number, writesPerSecond: number, deliveriesPerFill = 1): DeliveryCycle | undefined {
  if (!(bytesPerSecond > 0 && writesPerSecond > 0)) return undefined;
  const size = f.bufferMiB * MiB;
  const fillSeconds = size / bytesPerSecond;
  const timed = intervalCycle(f.bufferSeconds, writesPerSecond);
  const bySize = fillSeconds < timed;
  const seconds = bySize ? fillSeconds / deliveriesPerFill : timed;
  return { seconds, writes: seconds * writesPerSecond, bytes: seconds * bytesPerSecond, bySize };
}

/** Trials above which the binomial is taken at its mean (its spread no longer matters to a bill). */
const EXACT_TRIALS = 1000;

/**
 * Expected value of f(k) for k ~ Binomial(n, p); a fractional n interpolates between its
 * neighbours. Probabilities are built in log space, so large n neither overflows nor underflows.
 */
export function binomialExpectation(n: number, p: number, f: (k: number) => number): number {
  if (n > EXACT_TRIALS) return f(n * p);
  const at = (trials: number) => {
    let logP = trials * Math.log1p(-p);
    let total = 0;
    for (let k = 0; k <= trials; k++) {
      total += Math.exp(logP) * f(k);
      logP += Math.log((trials - k) / (k + 1)) + Math.log(p / (1 - p));
    }
    return total;
  };
  const low = Math.floor(n);
  return low === n ? at(n) : (low + 1 - n) * at(low) + (n - low) * at(low + 1);
}

/** Distinct slots n random writes land in. */
export function slotsHit(n: number, slots: number): number {
  return slots * (1 - (1 - 1 / slots) ** n);
}
