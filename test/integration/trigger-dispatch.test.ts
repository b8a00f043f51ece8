/**
 * The cloud's trigger dispatcher, run in-process against the local stores: which triggers a write
 * wakes, and how a failing function is retried later with its attempts carried along.
 */
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStreamItem } from '../../lambdas/kinesis/store/streams';
import { putTrigger } from '../../lambdas/kinesis/store/triggers';
import { dispatchTriggers, triggersForShards, type DispatchPorts } from '../../lambdas/kinesis/triggers/dispatch';
import { TRIGGER_DEFAULTS, type Trigger } from '../../lambdas/kinesis/triggers/trigger';
import { createActiveStream, startRunnel, type TestRunnel } from '../support/local';
import { runRunnel } from '../support/runnel-process';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel();
});
afterAll(() => t.stop());

const trigger = (stream: string, settings: Partial<Trigger> = {}): Trigger => ({
  ...TRIGGER_DEFAULTS,
  id: `cloud-${stream}`,
  streamArn: `arn:aws:kinesis:us-east-1:000000000000:stream/${stream}`,
  functionName: `arn:aws:lambda:us-east-1:000000000000:function:${stream}`,
  ...settings,
});

function ports(handler: (event: { Records: { kinesis: { data: string } }[] }) => unknown) {
  const retries: { triggerId: string; delaySeconds: number; attempts: Record<string, number> }[] = [];
  const invoked: string[][] = [];
  const p: DispatchPorts = {
    region: 'us-east-1',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/dispatcher',
    invoke: async (_fn, event) => {
      const e = event as { Records: { kinesis: { data: string } }[] };
      invoked.push(e.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString()));
      return handler(e);
    },
    retryLater: async (triggerId, delaySeconds, attempts) => void retries.push({ triggerId, delaySeconds, attempts }),
  };
  return { p, retries, invoked };
}

describe('the trigger dispatcher', () => {
  it('wakes only the triggers on streams that took writes, and retries a failing one later until its retries run out', async () => {
    await createActiveStream(t.kinesis, 'woken', 1);
    await createActiveStream(t.kinesis, 'quiet', 1);
    const rt = t.runnel.runtime;
    await putTrigger(rt, trigger('woken', { maximumRetryAttempts: 1 }));
    await putTrigger(rt, trigger('quiet'));
    const put = await t.kinesis.send(new PutRecordsCommand({ StreamName: 'woken', Records: ['a', 'b', 'c'].map((v) => ({ PartitionKey: 'k', Data: Buffer.from(v) })) }));
    expect(put.FailedRecordCount).toBe(0);
    // What the shards table's stream reports for that write: the key of the shard's head item.
    const { streamId } = (await getStreamItem(rt, { account: '000000000000', region: 'us-east-1', name: 'woken' }))!;
    const woken = await triggersForShards(rt, [`${streamId}#0`]);
    expect(woken.map((x) => x.id)).toEqual(['cloud-woken']);

    const failing = ports(() => {
      throw new Error('function error');
    });
    await dispatchTriggers(rt, woken, failing.p);
    expect(failing.invoked).toEqual([['a', 'b', 'c']]);
    expect(failing.retries).toHaveLength(1);
    expect(failing.retries[0]).toMatchObject({ triggerId: 'cloud-woken', delaySeconds: 2 });

    // The retry carries one failed attempt; with MaximumRetryAttempts 1 a second failure skips the batch.
    await dispatchTriggers(rt, woken, failing.p, failing.retries[0].attempts);
    expect(failing.invoked).toHaveLength(2);
    expect(failing.retries).toHaveLength(1);

    const ok = ports(() => null);
    await t.kinesis.send(new PutRecordsCommand({ StreamName: 'woken', Records: [{ PartitionKey: 'k', Data: Buffer.from('d') }] }));
    await dispatchTriggers(rt, woken, ok.p);
    expect(ok.invoked).toEqual([['d']]);
    expect(ok.retries).toEqual([]);
  });

  it('takes its triggers from `runnel triggers create|list|delete`', async () => {
    const env = { AWS_ENDPOINT_URL_DYNAMODB: t.runnel.dynamodbUrl, AWS_REGION: 'us-east-1' };
    const table = ['--table', t.runnel.runtime.config.tables.triggers];
    const created = await runRunnel(['triggers', 'create', ...table, '--stream', 'arn:aws:kinesis:us-east-1:000000000000:stream/cli', '--function', 'arn:aws:lambda:us-east-1:000000000000:function:f', '--batch-size', '50', '--report-batch-item-failures'], env);
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('trigger cli-f: created');
    const listed = (await runRunnel(['triggers', 'list', ...table], env)).stdout.trim().split('\n').map((l) => JSON.parse(l) as Trigger);
    expect(listed.find((x) => x.id === 'cli-f')).toMatchObject({ batchSize: 50, reportBatchItemFailures: true, startingPosition: 'TRIM_HORIZON' });
    expect((await runRunnel(['triggers', 'create', ...table, '--stream', 'x', '--function', 'y', '--batch-size', '0'], env)).status).toBe(2);
    await runRunnel(['triggers', 'delete', ...table, '--id', 'cli-f'], env);
    expect((await runRunnel(['triggers', 'list', ...table], env)).stdout).not.toContain('cli-f');
  });
});
