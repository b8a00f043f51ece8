/**
 * The short soak (`npm run soak` runs it longer): producers and consumers through storage faults,
 * a producer killed mid-batch, a split, a merge and a restart on the same --path. Every
 * acknowledged record must be read exactly once per consumer, in order, with no 5xx. Alongside, a
 * Firehose producer writes to a delivery stream through the same faults and restart: every
 * acknowledged record must be in the S3 objects it wrote, exactly once unless a flush crashed or a
 * buffer write's answer was lost.
 */
import { describe, expect, it } from 'vitest';
import { runSoak, summaryLines } from '../../bin/soak';

describe('soak', () => {
  it('loses, skips, duplicates and reorders nothing through faults, a kill, resharding and a restart', async () => {
    const report = await runSoak({ seconds: 14, producers: 2, consumers: 2, shards: 3, firehoseProducers: 1, flushIntervalMs: 500, faults: { dynamodb: 0.04, s3: 0.04, afterShare: 0.3 }, seed: 20261202 });
    const { examples, ...verdict } = report.verdict;
    console.log(`soak: ${JSON.stringify({ elapsed: report.elapsedSeconds, http: report.http, faults: report.faults, verdict })}`);
    console.log(summaryLines(report).join('\n'));
    expect(examples).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, failedButRead: 0, unexpected: 0, corrupted: 0, misplaced: 0, outOfOrder: 0 });
    expect(Object.keys(report.http).filter((s) => Number(s) >= 500)).toEqual([]);
    expect(report.ok).toBe(true);
    // The run must have exercised what it claims to.
    expect(verdict.acknowledged).toBeGreaterThan(500);
    expect(verdict.readPerConsumer.every((n) => n >= verdict.acknowledged)).toBe(true);
    expect(report.faults.injected).toBeGreaterThan(20);
    expect(report.events.map((e) => e.replace(/^[\d.]+s /, '').split(' ')[0])).toEqual(['split', 'producer', 'server', 'server', 'merged', 'producers', 'consumers']);

    const { examples: firehoseExamples, ...firehose } = report.firehose.verdict;
    expect(firehoseExamples.filter((e) => !/delivered \d+ times/.test(e) || firehose.exactlyOnceExpected)).toEqual([]);
    expect(firehose).toMatchObject({ lost: 0, unexpected: 0, corrupted: 0 });
    if (firehose.exactlyOnceExpected) expect(firehose.duplicated).toBe(0);
    expect(firehose.verified).toBe(firehose.acknowledged);
    // Records were acknowledged, and delivered, on both sides of the restart.
    expect(report.firehose.acknowledgedBeforeRestart).toBeGreaterThan(0);
    expect(firehose.acknowledged).toBeGreaterThan(report.firehose.acknowledgedBeforeRestart);
    expect(firehose.objects).toBeGreaterThan(1);
    expect(report.summary.firehose.requestsSent).toBeGreaterThan(0);
    // Firehose's own throttling answer (503 ServiceUnavailableException) is allowed; nothing else.
    expect(Object.keys(report.summary.firehose.serverErrors).filter((k) => k !== '503 ServiceUnavailableException')).toEqual([]);
  }, 90_000);
});
