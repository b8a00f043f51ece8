import type { ListStreamsInput, ListStreamsOutput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { openPageToken, pageToken } from '../domain/page-token';
import { listStreamItems } from '../store/streams';

const MAX_STREAMS = 100;

export async function listStreams(input: ListStreamsInput, ctx: ActionContext): Promise<ListStreamsOutput> {
  let after = input.ExclusiveStartStreamName;
  if (input.NextToken) {
    if (input.ExclusiveStartStreamName) throw new InvalidArgumentException('NextToken and ExclusiveStartStreamName cannot be provided together.');
    after = openPageToken<{ after: string }>(input.NextToken, ctx.clock()).after;
  }
  const { items, more } = await listStreamItems(ctx, after, Math.min(input.Limit ?? MAX_STREAMS, MAX_STREAMS));
  return {
    StreamNames: items.map((s) => s.name),
    HasMoreStreams: more,
    ...(more ? { NextToken: pageToken({ after: items[items.length - 1].name }, ctx.clock()) } : {}),
    StreamSummaries: items.map((s) => ({
      StreamName: s.name,
      StreamARN: s.arn,
      StreamStatus: s.status,
      StreamModeDetails: { StreamMode: s.mode },
      StreamCreationTimestamp: new Date(s.createdAt),
    })),
  };
}
