import type { MetricsName, StreamDescriptionSummary } from '@aws-sdk/client-kinesis';
import type { StreamItem } from './stream';

/** The fields DescribeStream and DescribeStreamSummary share. */
export function describeStreamCommon(stream: StreamItem) {
  return {
    StreamName: stream.name,
    StreamARN: stream.arn,
    StreamStatus: stream.status,
    StreamModeDetails: { StreamMode: stream.mode },
    RetentionPeriodHours: stream.retentionHours,
    StreamCreationTimestamp: new Date(stream.createdAt),
    EnhancedMonitoring: [{ ShardLevelMetrics: stream.enhancedMetrics as MetricsName[] }],
    EncryptionType: stream.encryption.type,
    ...(stream.encryption.keyId ? { KeyId: stream.encryption.keyId } : {}),
  } satisfies Partial<StreamDescriptionSummary>;
}
