import type { DescribeStreamSummaryInput, DescribeStreamSummaryOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { describeStreamCommon } from '../domain/stream-view';
import { openShards } from '../domain/stream';
import { countConsumers } from '../store/consumers';
import { loadStream } from '../store/streams';

export async function describeStreamSummary(input: DescribeStreamSummaryInput, ctx: ActionContext): Promise<DescribeStreamSummaryOutput> {
  const { stream } = await loadStream(ctx, input);
  return {
    StreamDescriptionSummary: {
      ...describeStreamCommon(stream),
      OpenShardCount: stream.status === 'CREATING' ? 0 : openShards(stream).length,
      ConsumerCount: await countConsumers(ctx, stream.streamId),
      MaxRecordSizeInKiB: stream.maxRecordSizeKiB,
      ...(stream.warmThroughputMiBps ? { WarmThroughput: { TargetMiBps: stream.warmThroughputMiBps.target, CurrentMiBps: stream.warmThroughputMiBps.current } } : {}),
    },
  };
}
