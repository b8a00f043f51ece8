/**
 * The consumer a request names: by ConsumerARN, or by StreamARN and ConsumerName, or all three when
 * they agree (DescribeStreamConsumer, DeregisterStreamConsumer). An ARN names one registration: a
 * consumer registered again under the same name has another ARN, and the old one is not found.
 */
import { InvalidArgumentException, ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { parseConsumerArn, type ConsumerItem } from '../domain/consumer';
import { kinesisMessages } from '../domain/messages';
import type { StreamItem } from '../domain/stream';
import { getConsumer } from '../store/consumers';
import { loadStream, type ResolvedRef } from '../store/streams';

export interface ConsumerRef {
  ConsumerARN?: string;
  StreamARN?: string;
  ConsumerName?: string;
}

export interface LoadedConsumer {
  stream: StreamItem;
  ref: ResolvedRef;
  consumer: ConsumerItem;
}

export async function loadConsumer(ctx: ActionContext, input: ConsumerRef): Promise<LoadedConsumer> {
  const { ConsumerARN: arn, StreamARN: streamArn, ConsumerName: name } = input;
  const parsed = arn === undefined ? undefined : parseConsumerArn(arn);
  const notFound = () => new ResourceNotFoundException(kinesisMessages.consumerNotFound(arn ?? name!, parsed?.account ?? ctx.account));
  if (arn !== undefined) {
    if (!parsed) throw notFound();
    if ((streamArn !== undefined && streamArn !== parsed.streamArn) || (name !== undefined && name !== parsed.name)) {
      throw new InvalidArgumentException(kinesisMessages.consumerRefConflict(arn));
    }
  } else if (streamArn === undefined || name === undefined) {
    throw new InvalidArgumentException(kinesisMessages.consumerRefMissing());
  }
  const { stream, ref } = await loadStream(ctx, { StreamARN: parsed?.streamArn ?? streamArn });
  const consumer = await getConsumer(ctx, stream.streamId, parsed?.name ?? name!);
  if (!consumer || (arn !== undefined && consumer.arn !== arn)) throw notFound();
  return { stream, ref, consumer };
}
