import type { ListStreamConsumersInput, ListStreamConsumersOutput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException, ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { describeConsumer } from '../domain/consumer';
import { kinesisMessages } from '../domain/messages';
import { openPageToken, pageToken } from '../domain/page-token';
import { listConsumers } from '../store/consumers';
import { loadStream } from '../store/streams';

const MAX_RESULTS = 100;

interface Position {
  streamId: string;
  after: string;
}

export async function listStreamConsumers(input: ListStreamConsumersInput, ctx: ActionContext): Promise<ListStreamConsumersOutput> {
  const { stream, ref } = await loadStream(ctx, { StreamARN: input.StreamARN });
  // A creation time names one incarnation of the stream: another one's consumers are not these.
  const created = input.StreamCreationTimestamp?.getTime();
  if (created !== undefined && Math.floor(created / 1000) !== Math.floor(stream.createdAt / 1000)) {
    throw new ResourceNotFoundException(kinesisMessages.streamNotFound(ref.label, ref.account));
  }
  const position = input.NextToken ? openPageToken<Position>(input.NextToken, ctx.clock()) : undefined;
  if (position && position.streamId !== stream.streamId) throw new InvalidArgumentException(`Invalid NextToken: ${input.NextToken}`);
  const limit = Math.min(input.MaxResults ?? MAX_RESULTS, MAX_RESULTS);
  const page = await listConsumers(ctx, stream.streamId, position?.after, limit);
  return {
    Consumers: page.items.map(describeConsumer),
    ...(page.more ? { NextToken: pageToken<Position>({ streamId: stream.streamId, after: page.items[page.items.length - 1].sk }, ctx.clock()) } : {}),
  };
}
