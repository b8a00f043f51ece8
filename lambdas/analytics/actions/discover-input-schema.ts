import type { DiscoverInputSchemaRequest, DiscoverInputSchemaResponse } from '@aws-sdk/client-kinesis-analytics';
import { readNewRecords, type ShardCheckpoint, type StartingPosition } from '../../kinesis/reader';
import { InvalidArgumentException, UnableToDetectSchemaException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { analyticsMessages as m } from '../domain/messages';
import { discoverSchema } from '../domain/schema-discovery';

const SAMPLES = 100;

/** Samples a Kinesis stream without keeping a place in it (checkpoints live only for this call). */
async function sample(ctx: ActionContext, arn: string, start: StartingPosition): Promise<string[]> {
  const samples: string[] = [];
  const checkpoints = new Map<number, ShardCheckpoint>();
  await readNewRecords(ctx, {
    streamArn: arn,
    start,
    checkpoints: { load: async (shard) => checkpoints.get(shard), save: async (shard, cp) => void checkpoints.set(shard, cp) },
    deliver: async (records) => {
      const taken = records.slice(0, SAMPLES - samples.length);
      samples.push(...taken.map((r) => Buffer.from(r.data).toString('utf8')));
      return taken.length;
    },
  });
  return samples;
}

export async function discoverInputSchema(input: DiscoverInputSchemaRequest, ctx: ActionContext): Promise<DiscoverInputSchemaResponse> {
  if (input.S3Configuration) throw new InvalidArgumentException(m.notSupported('S3Configuration'));
  if (input.InputProcessingConfiguration) throw new InvalidArgumentException(m.notSupported('InputProcessingConfiguration'));
  if (!input.ResourceARN || !input.RoleARN || !input.InputStartingPositionConfiguration) throw new InvalidArgumentException(m.discoverySource());
  const position = input.InputStartingPositionConfiguration.InputStartingPosition;
  // NOW would wait for records to arrive: samples are taken from what the stream holds.
  const start: StartingPosition = position === 'NOW' ? { type: 'LATEST' } : { type: 'TRIM_HORIZON' };
  const samples = await sample(ctx, input.ResourceARN, start);
  if (!samples.length) throw new UnableToDetectSchemaException(m.noSamples(input.ResourceARN));
  const { schema, parsed } = discoverSchema(samples);
  return { InputSchema: schema, ParsedInputRecords: parsed as string[][], ProcessedInputRecords: samples, RawInputRecords: samples };
}
