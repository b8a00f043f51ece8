/**
 * What an ARN-addressed call names (TagResource, UntagResource, ListTagsForResource and the
 * resource-policy operations): a stream, or one of its registered consumers. Both carry tags and a
 * resource policy; a consumer's live on its own item.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ResourceInUseException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { isConsumerArn, type ConsumerItem } from '../domain/consumer';
import { kinesisMessages } from '../domain/messages';
import type { StreamItem } from '../domain/stream';
import { updateConsumer } from '../store/consumers';
import { loadStream, updateStream, type ResolvedRef } from '../store/streams';
import { loadConsumer } from './consumer-ref';

export interface ResourceTarget {
  stream: StreamItem;
  ref: ResolvedRef;
  consumer?: ConsumerItem;
  tags: Record<string, string>;
  policy?: string;
}

export async function resourceTarget(ctx: ActionContext, arn: string): Promise<ResourceTarget> {
  if (!isConsumerArn(arn)) {
    const { stream, ref } = await loadStream(ctx, { StreamARN: arn });
    return { stream, ref, tags: stream.tags, policy: stream.policy };
  }
  const { stream, ref, consumer } = await loadConsumer(ctx, { ConsumerARN: arn });
  return { stream, ref, consumer, tags: consumer.tags, policy: consumer.policy };
}

export async function setTags(ctx: ActionContext, target: ResourceTarget, tags: Record<string, string>): Promise<void> {
  if (target.consumer) await updateConsumer(ctx, target.consumer, { tags });
  else await updateStream(ctx, target.stream, { tags });
}

/** A consumer takes a policy only while ACTIVE, as AWS's does. */
export async function setPolicy(ctx: ActionContext, target: ResourceTarget, policy: string): Promise<void> {
  const { consumer, stream, ref } = target;
  if (!consumer) return void (await updateStream(ctx, stream, { policy }));
  if (!(await updateConsumer(ctx, consumer, { policy }, ['ACTIVE']))) {
    throw new ResourceInUseException(kinesisMessages.policyConsumerNotActive(consumer.sk, Math.floor(consumer.createdAt / 1000), stream.name, ref.account));
  }
}

export async function removePolicy(ctx: ActionContext, target: ResourceTarget): Promise<void> {
  const key = target.consumer ? { pk: target.consumer.pk, sk: target.consumer.sk } : { pk: target.stream.pk, sk: target.stream.sk };
  await ctx.ddb.send(new UpdateCommand({ TableName: ctx.config.tables.streams, Key: key, UpdateExpression: 'REMOVE #p', ExpressionAttributeNames: { '#p': 'policy' } }));
}
