import type { DiscoverInputSchemaRequest, DiscoverInputSchemaResponse } from '@aws-sdk/client-kinesis-analytics';
import { sampleBuffered } from '../../firehose/taps';
import { readNewRecords, type ShardCheckpoint, type StartingPosition } from '../../kinesis/reader';
import { InvalidArgumentException, UnableToDetectSchemaException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { applicationArn } from '../domain/application';
import { lambdaFunctionOf, type SourceRecord } from '../domain/lambda-events';
import { analyticsMessages as m } from '../domain/messages';
import { discoverSchema } from '../domain/schema-discovery';
import { sourceRecordOf } from '../operations/input-source';
import { preprocess, PreprocessingFailed } from '../operations/preprocess';

const SAMPLES = 100;
/** A sample is a request's worth of work: the preprocessor is tried twice, not a run's four times. */
const SAMPLE_ATTEMPTS = 2;

/** Samples a Kinesis stream without keeping a place in it (checkpoints live only for this call). */
async function sampleStream(ctx: ActionContext, arn: string, start: StartingPosition, deaggregate: boolean): Promise<SourceRecord[]> {
  const samples: SourceRecord[] = [];
  const checkpoints = new Map<number, ShardCheckpoint>();
  await readNewRecords(ctx, {
    streamArn: arn,
    start,
    deaggregate,
    checkpoints: { load: async (shard) => checkpoints.get(shard), save: async (shard, cp) => void checkpoints.set(shard, cp) },
    deliver: async (records) => {
      const taken = records.slice(0, SAMPLES - samples.length);
      // Aggregates are de-aggregated only without a preprocessor, and recordIds matter only with one.
      samples.push(...taken.map(sourceRecordOf));
      return taken.length;
    },
  });
  return samples;
}

/**
 * Samples up to 100 records of a Kinesis stream (TRIM_HORIZON, or what arrives after NOW) or what
 * a Firehose delivery stream still buffers, runs them through the preprocessor if one is given,
 * and infers a schema from what it answered Ok.
 */
export async function discoverInputSchema(input: DiscoverInputSchemaRequest, ctx: ActionContext): Promise<DiscoverInputSchemaResponse> {
  if (input.S3Configuration) throw new InvalidArgumentException(m.notSupported('S3Configuration'));
  if (!input.ResourceARN || !input.RoleARN || !input.InputStartingPositionConfiguration) throw new InvalidArgumentException(m.discoverySource());
  const lambda = input.InputProcessingConfiguration?.InputLambdaProcessor;
  const position = input.InputStartingPositionConfiguration.InputStartingPosition;
  // NOW would wait for records to arrive: samples are taken from what the stream holds.
  const raw = input.ResourceARN.includes(':deliverystream/')
    ? await sampleBuffered(ctx, input.ResourceARN, SAMPLES)
    : await sampleStream(ctx, input.ResourceARN, position === 'NOW' ? { type: 'LATEST' } : { type: 'TRIM_HORIZON' }, !lambda);
  if (!raw.length) throw new UnableToDetectSchemaException(m.noSamples(input.ResourceARN));
  let processed: Buffer[] = raw.map((r) => Buffer.from(r.data));
  if (lambda) {
    const discovery = applicationArn(ctx.region, ctx.account, 'discovery');
    const result = await preprocess(ctx, lambdaFunctionOf(lambda), discovery, input.ResourceARN, raw, SAMPLE_ATTEMPTS).catch((e: Error) => {
      if (e instanceof PreprocessingFailed) throw new UnableToDetectSchemaException(m.processingError(e.message));
      throw e;
    });
    processed = result.ok.map((o) => o.data);
    if (!processed.length) throw new UnableToDetectSchemaException(m.noSamples(input.ResourceARN));
  }
  const texts = processed.map((d) => d.toString('utf8'));
  const { schema, parsed } = discoverSchema(texts);
  return { InputSchema: schema, ParsedInputRecords: parsed as string[][], ProcessedInputRecords: texts, RawInputRecords: raw.map((r) => Buffer.from(r.data).toString('utf8')) };
}
