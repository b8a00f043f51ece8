/**
 * On-demand streams size themselves: sustained load splits a hot shard, idle pairs merge again.
 * First run by run on a test clock, then on the scaler's own (shortened) schedule and real time.
 */
import { CreateStreamCommand, ListShardsCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLD_RUNS, HOT_RUNS } from '../../lambdas/kinesis/domain/on-demand-scaling';
import { eventually, sleep } from '../support/eventually';
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

describe('on-demand scaling on its schedule', () => {
  const INTERVAL_MS = 250;
  let s: TestRunnel;
  beforeAll(async () => {
    // Real time, and the scheduled workflow on a timer every 250 ms instead of every minute.
    s = await startRunnel({ scheduleIntervalMs: INTERVAL_MS });
    await s.kinesis.send(new CreateStreamCommand({ StreamName: 'scheduled', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    await waitForStatus(s.kinesis, 'scheduled', 'ACTIVE');
  });
  afterAll(() => s.stop());

  const shards = async () => (await s.kinesis.send(new ListShardsCommand({ StreamName: 'scheduled' }))).Shards!;
  const open = async () => (await s.kinesis.send(new ListShardsCommand({ StreamName: 'scheduled', ShardFilter: { Type: 'AT_LATEST' } }))).Shards!;

  it('splits a shard under sustained load and merges a pair back once it is quiet, without being asked', async () => {
    let hot = true;
    let failed = 0;
    // Far more than a shard's 1,000 records per second, all on shard 0, until the scaler splits it.
    const load = (async () => {
      while (hot) {
        const r = await s.kinesis.send(new PutRecordsCommand({ StreamName: 'scheduled', Records: Array.from({ length: 500 }, () => ({ PartitionKey: 'k', ExplicitHashKey: '0', Data: Buffer.alloc(10) })) }));
        failed += r.FailedRecordCount!;
      }
    })();
    try {
      await eventually(async () => expect((await shards()).filter((x) => x.ParentShardId === 'shardId-000000000000').map((x) => x.ShardId)).toEqual(['shardId-000000000004', 'shardId-000000000005']));
    } finally {
      hot = false;
      await load;
    }
    expect(failed).toBe(0);
    await waitForStatus(s.kinesis, 'scheduled', 'ACTIVE');
    expect(await open()).toHaveLength(5);

    // Idle now: after COLD_RUNS quiet runs a cold adjacent pair is merged, back to the floor of four.
    await eventually(async () => expect((await shards()).filter((x) => x.AdjacentParentShardId)).toHaveLength(1));
    await waitForStatus(s.kinesis, 'scheduled', 'ACTIVE');
    expect(await open()).toHaveLength(4);
    // ... and it stays there: more quiet runs never take an on-demand stream below four shards.
    await sleep(INTERVAL_MS * (COLD_RUNS + 3));
    expect(await open()).toHaveLength(4);
    expect(await shards()).toHaveLength(7);
  });
});
