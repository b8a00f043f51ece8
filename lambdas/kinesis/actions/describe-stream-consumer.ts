import type { DescribeStreamConsumerInput, DescribeStreamConsumerOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { describeConsumerWithStream } from '../domain/consumer';
import { loadConsumer } from '../operations/consumer-ref';

export async function describeStreamConsumer(input: DescribeStreamConsumerInput, ctx: ActionContext): Promise<DescribeStreamConsumerOutput> {
  const { consumer } = await loadConsumer(ctx, input);
  return { ConsumerDescription: describeConsumerWithStream(consumer) };
}
