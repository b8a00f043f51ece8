import type { DescribeStreamSummaryInput, DescribeStreamSummaryOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { loadStream } from '../store/streams';
import { openShards } from '../store/stream-item';

export async function describeStreamSummary(input: DescribeStreamSummaryInput, ctx: ActionContext): Promise<DescribeStreamSummaryOutput> {
  const { stream } = await loadStream(ctx, input);
  return {
    StreamDescriptionSummary: {
      StreamName: stream.name,
      StreamARN: stream.arn,
      StreamStatus: stream.status,
      StreamModeDetails: { StreamMode: stream.mode },
      RetentionPeriodHours: stream.retentionHours,
      StreamCreationTimestamp: new Date(stream.createdAt),
      EnhancedMonitoring: [{ ShardLevelMetrics: stream.enhancedMetrics as never }],
      EncryptionType: stream.encryption.type,
      ...(stream.encryption.keyId ? { KeyId: stream.encryption.keyId } : {}),
      OpenShardCount: stream.status === 'CREATING' ? 0 : openShards(stream).length,
      ConsumerCount: 0,
      MaxRecordSizeInKiB: stream.maxRecordSizeKiB,
    },
  };
}
