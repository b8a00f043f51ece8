/**
 * Resources a user wants to exist: streams and delivery streams declared in a JSON or YAML file,
 * created through the public API (so the same file works against a local endpoint and a
 * deployment) and waited for until ACTIVE. Applying the file again changes nothing.
 *
 *   streams:
 *     - { name: orders, shards: 2, retentionHours: 48, tags: { team: shop } }
 *     - { name: clicks, mode: ON_DEMAND }
 *   deliveryStreams:
 *     - { DeliveryStreamName: orders-archive, ExtendedS3DestinationConfiguration: { … } }  # CreateDeliveryStream input
 */
import { readFileSync } from 'node:fs';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, type CreateDeliveryStreamInput, type FirehoseClient } from '@aws-sdk/client-firehose';
import { CreateStreamCommand, DescribeStreamSummaryCommand, IncreaseStreamRetentionPeriodCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { parse } from 'yaml';

export interface StreamSpec {
  name: string;
  shards?: number;
  mode?: 'PROVISIONED' | 'ON_DEMAND';
  retentionHours?: number;
  tags?: Record<string, string>;
}

export interface ResourceFile {
  streams: StreamSpec[];
  deliveryStreams: CreateDeliveryStreamInput[];
}

/** A resource file that cannot be applied: the CLI reports it and exits with code 2. */
export class ResourceFileError extends Error {}

function fail(file: string, message: string): never {
  throw new ResourceFileError(`${file}: ${message}`);
}

/** Reads and checks a resource file (YAML, of which JSON is a subset). */
export function readResourceFile(file: string): ResourceFile {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(file, (e as Error).message);
  }
  const { streams = [], deliveryStreams = [], ...rest } = (doc ?? {}) as Record<string, unknown>;
  if (Object.keys(rest).length) fail(file, `unknown keys ${Object.keys(rest).join(', ')} (expected streams, deliveryStreams)`);
  if (!Array.isArray(streams) || !Array.isArray(deliveryStreams)) fail(file, 'streams and deliveryStreams must be lists');
  for (const s of streams as StreamSpec[]) {
    if (typeof s?.name !== 'string') fail(file, 'every stream needs a name');
    if (s.mode !== undefined && s.mode !== 'PROVISIONED' && s.mode !== 'ON_DEMAND') fail(file, `stream ${s.name}: mode must be PROVISIONED or ON_DEMAND`);
    if (s.shards !== undefined && !(Number.isInteger(s.shards) && s.shards > 0)) fail(file, `stream ${s.name}: shards must be a positive integer`);
  }
  for (const d of deliveryStreams as CreateDeliveryStreamInput[]) {
    if (typeof d?.DeliveryStreamName !== 'string') fail(file, 'every delivery stream needs a DeliveryStreamName');
  }
  return { streams: streams as StreamSpec[], deliveryStreams: deliveryStreams as CreateDeliveryStreamInput[] };
}

const isAlreadyThere = (e: unknown) => (e as Error).name === 'ResourceInUseException';

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not become ACTIVE within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function applyStream(kinesis: KinesisClient, s: StreamSpec): Promise<string> {
  const onDemand = s.mode === 'ON_DEMAND';
  let outcome = 'created';
  try {
    await kinesis.send(
      new CreateStreamCommand({
        StreamName: s.name,
        ...(onDemand ? { StreamModeDetails: { StreamMode: 'ON_DEMAND' } } : { ShardCount: s.shards ?? 1 }),
        ...(s.tags ? { Tags: s.tags } : {}),
      }),
    );
  } catch (e) {
    if (!isAlreadyThere(e)) throw e;
    outcome = 'exists';
  }
  const active = async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: s.name }))).StreamDescriptionSummary!;
  await until(`stream ${s.name}`, async () => (await active()).StreamStatus === 'ACTIVE');
  if (s.retentionHours !== undefined && (await active()).RetentionPeriodHours! < s.retentionHours) {
    await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: s.name, RetentionPeriodHours: s.retentionHours }));
    await until(`stream ${s.name}`, async () => (await active()).StreamStatus === 'ACTIVE');
  }
  return `stream ${s.name}: ${outcome}`;
}

async function applyDeliveryStream(firehose: FirehoseClient, d: CreateDeliveryStreamInput): Promise<string> {
  let outcome = 'created';
  try {
    await firehose.send(new CreateDeliveryStreamCommand(d));
  } catch (e) {
    if (!isAlreadyThere(e)) throw e;
    outcome = 'exists';
  }
  const name = d.DeliveryStreamName!;
  await until(`delivery stream ${name}`, async () => (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription!.DeliveryStreamStatus === 'ACTIVE');
  return `delivery stream ${name}: ${outcome}`;
}

/** Creates what is missing (streams first: delivery streams may read them); returns one line per resource. */
export async function applyResources(resources: ResourceFile, clients: { kinesis: KinesisClient; firehose: FirehoseClient }): Promise<string[]> {
  const lines: string[] = [];
  for (const s of resources.streams) lines.push(await applyStream(clients.kinesis, s));
  for (const d of resources.deliveryStreams) lines.push(await applyDeliveryStream(clients.firehose, d));
  return lines;
}
