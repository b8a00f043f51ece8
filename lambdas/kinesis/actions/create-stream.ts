import type { CreateStreamInput } from '@aws-sdk/client-kinesis';
import { randomBytes } from 'node:crypto';
import { InvalidArgumentException, ResourceInUseException, ValidationException } from '../../protocol/errors';
import { checkOnDemandStreamLimit, checkShardLimit } from '../operations/resharding';
import type { ActionContext } from '../../runtime/context';
import { uniformRanges } from '../domain/shard-ranges';
import { checkTagCharacters, MAX_TAGS } from '../domain/tags';
import { streamArn, type StreamItem } from '../domain/stream';
import { refuseUnsupportedCreateStreamSettings } from '../domain/unsupported-settings';
import { insertStream } from '../store/streams';
import { ON_DEMAND_SCALING, startStreamLifecycle } from '../workflows';
import { kinesisMessages } from '../domain/messages';
import { accountPartition } from '../../runtime/tables';

/** On-demand streams start with the capacity of four shards, as Kinesis's do. */
const ON_DEMAND_INITIAL_SHARDS = 4;

export async function createStream(input: CreateStreamInput, ctx: ActionContext): Promise<void> {
  const mode = input.StreamModeDetails?.StreamMode ?? (input.ShardCount === undefined ? 'ON_DEMAND' : 'PROVISIONED');
  if (mode === 'ON_DEMAND' && input.ShardCount !== undefined) {
    throw new ValidationException('ShardCount is not expected when StreamMode=ON_DEMAND');
  }
  if (mode === 'PROVISIONED' && input.ShardCount === undefined) {
    throw new ValidationException('1 validation error detected: Value null at \'shardCount\' failed to satisfy constraint: Member must not be null');
  }
  refuseUnsupportedCreateStreamSettings(input);
  const shardCount = input.ShardCount ?? ON_DEMAND_INITIAL_SHARDS;
  const tags = input.Tags ?? {};
  checkTagCharacters(tags);
  if (Object.keys(tags).length > MAX_TAGS) throw new InvalidArgumentException(`A stream can have at most ${MAX_TAGS} tags.`);
  if (mode === 'ON_DEMAND') await checkOnDemandStreamLimit(ctx);
  else await checkShardLimit(ctx, shardCount);
  const now = ctx.clock();
  const item: StreamItem = {
    pk: accountPartition(ctx.account, ctx.region),
    sk: input.StreamName!,
    name: input.StreamName!,
    arn: streamArn(ctx.region, ctx.account, input.StreamName!),
    streamId: randomBytes(10).toString('hex'),
    status: 'CREATING',
    mode,
    retentionHours: 24,
    createdAt: now,
    shards: uniformRanges(shardCount).map((r, index) => ({ index, start: r.start.toString(), end: r.end.toString(), startCounter: 0, createdAt: now })),
    nextShardIndex: shardCount,
    encryption: { type: 'NONE' },
    enhancedMetrics: [],
    tags,
    maxRecordSizeKiB: input.MaxRecordSizeInKiB ?? 1024,
    // The scaler may be asleep: the first write wakes it (an on-demand stream never written to needs no scaling).
    ...(mode === 'ON_DEMAND' ? { wakeOnWrite: new Set([ON_DEMAND_SCALING.name]) } : {}),
  };
  if (!(await insertStream(ctx, item))) {
    throw new ResourceInUseException(kinesisMessages.streamExists(item.name, ctx.account));
  }
  await startStreamLifecycle(ctx, 'create', item);
}
