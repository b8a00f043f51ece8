import {
  CreateStreamCommand,
  DeleteResourcePolicyCommand,
  DescribeAccountSettingsCommand,
  DescribeStreamSummaryCommand,
  DisableEnhancedMonitoringCommand,
  EnableEnhancedMonitoringCommand,
  GetRecordsCommand,
  GetResourcePolicyCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
  PutRecordsCommand,
  PutResourcePolicyCommand,
  StartStreamEncryptionCommand,
  StopStreamEncryptionCommand,
  UpdateAccountSettingsCommand,
  UpdateMaxRecordSizeCommand,
  UpdateStreamModeCommand,
  UpdateStreamWarmThroughputCommand,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveStream, expectAwsError, holdWorkflow, startRunnel, waitForStatus, type TestRunnel } from '../support/local';

let t: TestRunnel;
const arn = (name: string) => `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`;
beforeAll(async () => {
  t = await startRunnel({ updateStreamMs: 200, quotas: true });
});
afterAll(() => t.stop());

const summary = async (name: string) => (await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!;

describe('capacity mode', () => {
  it('switches modes through UPDATING, at most twice a day', async () => {
    await createActiveStream(t.kinesis, 'modes', 2);
    const update = holdWorkflow(t.runnel, 'StreamUpdate');
    await t.kinesis.send(new UpdateStreamModeCommand({ StreamARN: arn('modes'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    expect(update.held()).toHaveLength(1);
    expect(await summary('modes')).toMatchObject({ StreamStatus: 'UPDATING', StreamModeDetails: { StreamMode: 'PROVISIONED' } });
    await expectAwsError(
      t.kinesis.send(new UpdateStreamModeCommand({ StreamARN: arn('modes'), StreamModeDetails: { StreamMode: 'PROVISIONED' } })),
      'ResourceInUseException',
      'Stream modes under account 000000000000 not ACTIVE, instead in state UPDATING',
    );
    await update.release();
    await waitForStatus(t.kinesis, 'modes', 'ACTIVE');
    expect((await summary('modes')).StreamModeDetails?.StreamMode).toBe('ON_DEMAND');
    await t.kinesis.send(new UpdateStreamModeCommand({ StreamARN: arn('modes'), StreamModeDetails: { StreamMode: 'PROVISIONED' } }));
    await waitForStatus(t.kinesis, 'modes', 'ACTIVE');
    expect((await summary('modes')).StreamModeDetails?.StreamMode).toBe('PROVISIONED');
    await expectAwsError(
      t.kinesis.send(new UpdateStreamModeCommand({ StreamARN: arn('modes'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } })),
      'LimitExceededException',
      /changed its capacity mode 2 times in the last 24 hours/,
    );
  });
});

describe('record size', () => {
  it('accepts records up to the configured maximum of 1–10 MiB', async () => {
    await createActiveStream(t.kinesis, 'large', 1);
    const eightMiB = Buffer.alloc(8 * 1024 * 1024, 5);
    await expectAwsError(t.kinesis.send(new PutRecordCommand({ StreamName: 'large', PartitionKey: 'k', Data: eightMiB })), 'InvalidArgumentException', /exceeds the maximum record size of 1024 KiB/);
    await t.kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: arn('large'), MaxRecordSizeInKiB: 10240 }));
    expect((await summary('large')).MaxRecordSizeInKiB).toBe(10240);
    // Larger than the shard's 1 MiB/s write quota: accepted into an untouched second.
    const put = await t.kinesis.send(new PutRecordCommand({ StreamName: 'large', PartitionKey: 'k', Data: eightMiB }));
    const it = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'large', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
    expect(Buffer.from(r.Records![0].Data!).equals(eightMiB)).toBe(true);
    await expectAwsError(
      t.kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: arn('large'), MaxRecordSizeInKiB: 20000 })),
      'ValidationException',
      "1 validation error detected: Value '20000' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240",
    );
  });
});

describe('encryption', () => {
  it('reports KMS on puts once encryption is on, and NONE after it is off', async () => {
    await createActiveStream(t.kinesis, 'secret', 1);
    const update = holdWorkflow(t.runnel, 'StreamUpdate');
    await t.kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'secret', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    expect(update.held()).toHaveLength(1);
    expect(await summary('secret')).toMatchObject({ StreamStatus: 'UPDATING', EncryptionType: 'NONE' });
    await update.release();
    await waitForStatus(t.kinesis, 'secret', 'ACTIVE');
    expect(await summary('secret')).toMatchObject({ EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
    await new Promise((r) => setTimeout(r, 1100)); // the data plane caches stream settings for a second
    const put = await t.kinesis.send(new PutRecordCommand({ StreamName: 'secret', PartitionKey: 'k', Data: Buffer.from('s') }));
    expect(put.EncryptionType).toBe('KMS');
    const batch = await t.kinesis.send(new PutRecordsCommand({ StreamName: 'secret', Records: [{ PartitionKey: 'k', Data: Buffer.from('t') }] }));
    expect(batch.EncryptionType).toBe('KMS');
    const it = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'secret', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }));
    expect((await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }))).Records![0].EncryptionType).toBe('KMS');
    await t.kinesis.send(new StopStreamEncryptionCommand({ StreamName: 'secret', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    await waitForStatus(t.kinesis, 'secret', 'ACTIVE');
    expect((await summary('secret')).EncryptionType).toBe('NONE');
  });
});

describe('enhanced monitoring', () => {
  it('enables and disables shard-level metrics, ALL standing for all of them', async () => {
    await createActiveStream(t.kinesis, 'metrics', 1);
    const on = await t.kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'metrics', ShardLevelMetrics: ['IncomingBytes', 'OutgoingRecords'] }));
    expect(on).toMatchObject({ StreamName: 'metrics', CurrentShardLevelMetrics: [], DesiredShardLevelMetrics: ['IncomingBytes', 'OutgoingRecords'] });
    const all = await t.kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'metrics', ShardLevelMetrics: ['ALL'] }));
    expect(all.DesiredShardLevelMetrics).toHaveLength(7);
    const off = await t.kinesis.send(new DisableEnhancedMonitoringCommand({ StreamName: 'metrics', ShardLevelMetrics: ['IncomingBytes'] }));
    expect(off.DesiredShardLevelMetrics).toHaveLength(6);
    expect(off.DesiredShardLevelMetrics).not.toContain('IncomingBytes');
    expect((await summary('metrics')).EnhancedMonitoring![0].ShardLevelMetrics).toEqual(off.DesiredShardLevelMetrics);
    await expectAwsError(t.kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'metrics', ShardLevelMetrics: ['Nope' as never] })), 'ValidationException', /Member must satisfy enum value set/);
  });
});

describe('resource policies', () => {
  it('puts, gets and deletes a stream policy; {} when there is none', async () => {
    await createActiveStream(t.kinesis, 'policed', 1);
    expect((await t.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arn('policed') }))).Policy).toBe('{}');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'kinesis:GetRecords', Resource: arn('policed') }] });
    await t.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arn('policed'), Policy: policy }));
    expect((await t.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arn('policed') }))).Policy).toBe(policy);
    await t.kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: arn('policed') }));
    expect((await t.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arn('policed') }))).Policy).toBe('{}');
    await expectAwsError(t.kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: arn('policed') })), 'ResourceNotFoundException');
    await expectAwsError(t.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arn('policed'), Policy: 'not json' })), 'InvalidArgumentException');
    await expectAwsError(t.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arn('nope') })), 'ResourceNotFoundException', `Stream ${arn('nope')} under account 000000000000 not found.`);
  });
});

describe('account settings and warm throughput', () => {
  it('needs an enabled commitment and an on-demand stream for warm throughput', async () => {
    expect((await t.kinesis.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment).toBeUndefined();
    await t.kinesis.send(new CreateStreamCommand({ StreamName: 'warm', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    await waitForStatus(t.kinesis, 'warm', 'ACTIVE');
    await expectAwsError(t.kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'warm', WarmThroughputMiBps: 100 })), 'InvalidArgumentException', /MinimumThroughputBillingCommitment/);

    const enabled = await t.kinesis.send(new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status: 'ENABLED' } }));
    expect(enabled.MinimumThroughputBillingCommitment?.Status).toBe('ENABLED');
    const described = (await t.kinesis.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment!;
    expect(described.StartedAt).toBeInstanceOf(Date);
    expect(described.EarliestAllowedEndAt!.getTime() - described.StartedAt!.getTime()).toBe(86_400_000);

    const res = await t.kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'warm', WarmThroughputMiBps: 100 }));
    expect(res).toMatchObject({ StreamName: 'warm', WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 0 } });
    await waitForStatus(t.kinesis, 'warm', 'ACTIVE');
    expect((await summary('warm')).WarmThroughput).toEqual({ TargetMiBps: 100, CurrentMiBps: 100 });

    const ending = await t.kinesis.send(new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status: 'DISABLED' } }));
    expect(ending.MinimumThroughputBillingCommitment?.Status).toBe('ENABLED_UNTIL_EARLIEST_ALLOWED_END');
  });
});
