/**
 * The short soak (`npm run soak` runs it longer): producers and consumers through storage faults,
 * a producer killed mid-batch, a split, a merge and a restart on the same --path. Every
 * acknowledged record must be read exactly once per consumer, in order, with no 5xx.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bin/soak';

describe('soak', () => {
  it('loses, skips, duplicates and reorders nothing through faults, a kill, resharding and a restart', async () => {
    const report = await runSoak({ seconds: 14, producers: 2, consumers: 2, shards: 3, faults: { dynamodb: 0.04, s3: 0.04, afterShare: 0.3 }, seed: 20261202 });
    const { examples, ...verdict } = report.verdict;
    console.log(`soak: ${JSON.stringify({ elapsed: report.elapsedSeconds, http: report.http, faults: report.faults, verdict })}`);
    expect(examples).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, failedButRead: 0, unexpected: 0, corrupted: 0, misplaced: 0, outOfOrder: 0 });
    expect(Object.keys(report.http).filter((s) => Number(s) >= 500)).toEqual([]);
    expect(report.ok).toBe(true);
    // The run must have exercised what it claims to.
    expect(verdict.acknowledged).toBeGreaterThan(500);
    expect(verdict.readPerConsumer.every((n) => n >= verdict.acknowledged)).toBe(true);
    expect(report.faults.injected).toBeGreaterThan(20);
    expect(report.events.map((e) => e.replace(/^[\d.]+s /, '').split(' ')[0])).toEqual(['split', 'producer', 'server', 'server', 'merged', 'producers', 'consumers']);
  }, 90_000);
});
