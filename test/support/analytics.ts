/** Helpers for Kinesis Analytics tests: the stock v1 client against the local host. */
import { DescribeApplicationCommand, KinesisAnalyticsClient } from '@aws-sdk/client-kinesis-analytics';
import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-kinesis';
import { expect } from 'vitest';
import type { LocalOptions } from '../../lambdas/local/host';
import { eventually } from './eventually';
import { credentials, startRunnel, type TestRunnel } from './local';

export interface AnalyticsRunnel extends TestRunnel {
  analytics: KinesisAnalyticsClient;
}

export async function startAnalyticsRunnel(opts: LocalOptions = {}): Promise<AnalyticsRunnel> {
  const t = await startRunnel(opts);
  const analytics = new KinesisAnalyticsClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials });
  return {
    ...t,
    analytics,
    stop: async () => {
      analytics.destroy();
      await t.stop();
    },
  };
}

export const ROLE = 'arn:aws:iam::000000000000:role/analytics';
export const streamArn = (name: string) => `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`;

export async function waitForApplicationStatus(analytics: KinesisAnalyticsClient, name: string, status: string): Promise<void> {
  await eventually(async () => {
    const d = await analytics.send(new DescribeApplicationCommand({ ApplicationName: name }));
    expect(d.ApplicationDetail?.ApplicationStatus, `status of ${name}`).toBe(status);
  });
}

/** One run of the scheduled runner, as its schedule starts it (`id`: the workflow's, new each time). */
export async function runAnalytics(t: TestRunnel, id: string): Promise<void> {
  await t.runnel.workflows.start('AnalyticsRunner', id, {});
  await t.runnel.workflows.idle();
}

/** What shard 0 of a stream holds, from its beginning, as text. */
export async function readStream(t: TestRunnel, stream: string): Promise<string[]> {
  const { ShardIterator } = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
  const { Records } = await t.kinesis.send(new GetRecordsCommand({ ShardIterator }));
  return Records!.map((r) => Buffer.from(r.Data!).toString('utf8'));
}
