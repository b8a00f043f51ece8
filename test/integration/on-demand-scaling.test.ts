/** On-demand streams size themselves: sustained load splits a hot shard, idle pairs merge again. */
import { CreateStreamCommand, ListShardsCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLD_RUNS, HOT_RUNS } from '../../lambdas/kinesis/domain/on-demand-scaling';
import { startRunnel, waitForStatus, type TestRunnel } from '../support/local';

let now = Date.now();
let t: TestRunnel;
let runs = 0;
beforeAll(async () => {
  t = await startRunnel({ clock: () => now });
  await t.kinesis.send(new CreateStreamCommand({ StreamName: 'auto', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
  await waitForStatus(t.kinesis, 'auto', 'ACTIVE');
});
afterAll(() => t.stop());

/** One scheduled run of the scaler workflow, as the timer (or EventBridge) starts it. */
async function runScaler() {
  await t.runnel.workflows.start('OnDemandScaling', `test-${++runs}`, {});
  await t.runnel.workflows.idle();
  await waitForStatus(t.kinesis, 'auto', 'ACTIVE');
}

const openShards = async () => (await t.kinesis.send(new ListShardsCommand({ StreamName: 'auto', ShardFilter: { Type: 'AT_LATEST' } }))).Shards!;

async function loadShardZero(records: number) {
  for (let sent = 0; sent < records; sent += 500) {
    const res = await t.kinesis.send(new PutRecordsCommand({ StreamName: 'auto', Records: Array.from({ length: 500 }, () => ({ PartitionKey: 'k', ExplicitHashKey: '0', Data: Buffer.alloc(100) })) }));
    expect(res.FailedRecordCount).toBe(0);
  }
}

describe('on-demand scaling', () => {
  it('splits a shard that stays hot, and only after the hysteresis', async () => {
    expect(await openShards()).toHaveLength(4);
    await runScaler(); // first sample
    for (let i = 1; i <= HOT_RUNS; i++) {
      await loadShardZero(1000); // 1,000 records in one second: a full shard's worth
      now += 1000;
      await runScaler();
      if (i < HOT_RUNS) expect(await openShards()).toHaveLength(4);
    }
    const open = await openShards();
    expect(open).toHaveLength(5);
    expect(open.filter((s) => s.ParentShardId === 'shardId-000000000000').map((s) => s.ShardId)).toEqual(['shardId-000000000004', 'shardId-000000000005']);
  });

  it('does not split a shard under moderate load', async () => {
    for (let i = 0; i < HOT_RUNS + 1; i++) {
      await loadShardZero(500);
      now += 1000;
      await runScaler();
    }
    expect(await openShards()).toHaveLength(5);
  });

  it('merges a cold adjacent pair after a longer quiet spell, never below four shards', async () => {
    for (let i = 0; i < COLD_RUNS + 1; i++) {
      now += 60_000;
      await runScaler();
    }
    const open = await openShards();
    expect(open).toHaveLength(4);
    expect(open.some((s) => s.AdjacentParentShardId)).toBe(true);
    for (let i = 0; i < COLD_RUNS * 2; i++) {
      now += 60_000;
      await runScaler();
    }
    expect(await openShards()).toHaveLength(4);
  });
});
