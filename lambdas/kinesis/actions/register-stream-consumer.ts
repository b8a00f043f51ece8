import type { RegisterStreamConsumerInput, RegisterStreamConsumerOutput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException, LimitExceededException, ResourceInUseException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { brokenLimit, consumerArn, describeConsumer, MAX_CONSUMERS, MAX_CREATING_CONSUMERS, type ConsumerItem } from '../domain/consumer';
import { kinesisMessages } from '../domain/messages';
import { checkTagCharacters, MAX_TAGS } from '../domain/tags';
import { consumersPartition, getConsumer, insertConsumer, listConsumers, removeConsumer } from '../store/consumers';
import { loadStream, requireActive } from '../store/streams';
import { startConsumerLifecycle } from '../workflows';

export async function registerStreamConsumer(input: RegisterStreamConsumerInput, ctx: ActionContext): Promise<RegisterStreamConsumerOutput> {
  const { stream, ref } = await loadStream(ctx, { StreamARN: input.StreamARN });
  if (stream.status !== 'UPDATING') requireActive(stream, ref);
  const tags = input.Tags ?? {};
  checkTagCharacters(tags);
  if (Object.keys(tags).length > MAX_TAGS) throw new InvalidArgumentException(`A consumer can have at most ${MAX_TAGS} tags.`);
  const name = input.ConsumerName!;
  const exists = () => new ResourceInUseException(kinesisMessages.consumerExists(name, stream.name, ref.account));
  const limited = (limit: 'consumers' | 'creating') =>
    new LimitExceededException(limit === 'consumers' ? kinesisMessages.consumerLimit(MAX_CONSUMERS, stream.name, ref.account) : kinesisMessages.creatingConsumerLimit(MAX_CREATING_CONSUMERS, stream.name, ref.account));
  if (await getConsumer(ctx, stream.streamId, name)) throw exists();
  const now = ctx.clock();
  const consumer: ConsumerItem = { pk: consumersPartition(stream.streamId), sk: name, arn: consumerArn(stream.arn, name, now), streamArn: stream.arn, status: 'CREATING', createdAt: now, tags };
  const before = brokenLimit([...(await listConsumers(ctx, stream.streamId)).items, consumer], name);
  if (before) throw limited(before);
  if (!(await insertConsumer(ctx, consumer))) throw exists();
  // Registrations racing this one may together overshoot a limit: the later ones step back.
  const after = brokenLimit((await listConsumers(ctx, stream.streamId)).items, name);
  if (after) {
    await removeConsumer(ctx, consumer);
    throw limited(after);
  }
  await startConsumerLifecycle(ctx, 'create', stream, consumer);
  return { Consumer: describeConsumer(consumer) };
}
