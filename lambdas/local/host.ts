/**
 * The local host: the composition root for `npm start`. Starts the embedded stand-ins (dynalite,
 * s3rver), the workflow runner and the sweeper, and serves the very same dispatcher the Lambda
 * handler serves.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { countLogs, Meter } from '../cost/meter';
import { meterDynamoDB, meterS3 } from '../cost/meter-clients';
import { meteredDispatch } from '../cost/meter-edge';
import { firehoseService } from '../firehose/service';
import { kinesisService } from '../kinesis/service';
import { ACCESS_KEYS_TABLE, ALL_TABLES, BUFFERS_TABLE, DELIVERY_STREAMS_TABLE, SHARDS_TABLE, STREAMS_TABLE } from '../runtime/tables';
import { accessKeyLookup, issueAccessKey } from '../kinesis/store/access-keys';
import { createDispatcher } from '../protocol/dispatch';
import type { Faults, RunnelConfig, Runtime } from '../runtime/context';
import { STREAM_LIFECYCLE } from '../workflows/stream-lifecycle';
import { STREAM_UPDATE } from '../workflows/stream-update';
import { FIREHOSE_FLUSH } from '../workflows/firehose-flush';
import { FIREHOSE_LIFECYCLE } from '../workflows/firehose-lifecycle';
import { localDestinations, type LocalFunction } from './destinations';
import { WORKFLOWS } from '../workflows';
import { startDynamo } from './dynamodb';
import { startS3 } from './s3';
import { listen } from './server';
import { startSweeper } from './sweeper';
import { LocalWorkflowRunner, type WaitOverrides } from './workflow-runner';

export interface LocalOptions {
  port?: number;
  s3Port?: number;
  /** Directory to persist everything in; in-memory without it. */
  path?: string;
  createStreamMs?: number;
  /** How long asynchronous stream updates (mode, encryption, warm throughput) stay UPDATING. */
  updateStreamMs?: number;
  shardLimit?: number;
  quotas?: boolean;
  gapTimeoutMs?: number;
  sweepIntervalMs?: number;
  /** How often scheduled workflows (the on-demand scaler) run; their cloud schedule is in minutes. */
  scheduleIntervalMs?: number;
  region?: string;
  /** Verify SigV4 signatures against keys Runnel issues (a first key pair is issued at start). */
  auth?: boolean;
  clock?: () => number;
  faults?: Faults;
  config?: Partial<RunnelConfig>;
  /** Lambda processors for Firehose, by function name (what a LambdaArn's `function:<name>` names). */
  functions?: Record<string, LocalFunction>;
  /** How long a new delivery stream stays CREATING. */
  createDeliveryStreamMs?: number;
  /** Replaces every delivery stream's buffering interval wait (tests shorten it). */
  bufferIntervalMs?: number;
}

export interface LocalRunnel {
  url: string;
  s3Url: string;
  runtime: Runtime;
  workflows: LocalWorkflowRunner;
  /** What the requests and workflows served so far would be billed for (also at GET /metering). */
  meter: Meter;
  /** The key pair issued at start when auth is on. */
  accessKey?: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

const LOCAL_BUCKET = 'runnel-local';

export async function startLocal(opts: LocalOptions = {}): Promise<LocalRunnel> {
  if (opts.path) mkdirSync(opts.path, { recursive: true });
  const dynamo = await startDynamo({ path: opts.path && join(opts.path, 'dynamodb'), tables: ALL_TABLES });
  const s3 = await startS3({ port: opts.s3Port ?? 0, path: opts.path && join(opts.path, 's3'), buckets: [LOCAL_BUCKET] });
  const waits: WaitOverrides = {
    [STREAM_LIFECYCLE.name]: { WaitForProvisioning: opts.createStreamMs ?? 500 },
    [STREAM_UPDATE.name]: { WaitForUpdate: opts.updateStreamMs ?? 500 },
    [FIREHOSE_LIFECYCLE.name]: { WaitForProvisioning: opts.createDeliveryStreamMs ?? 500 },
    ...(opts.bufferIntervalMs !== undefined ? { [FIREHOSE_FLUSH.name]: { WaitForInterval: opts.bufferIntervalMs } } : {}),
  };
  const meter = new Meter();
  meterDynamoDB(dynamo.ddb, meter);
  meterS3(s3.s3, meter, LOCAL_BUCKET);
  countLogs();
  const workflows = new LocalWorkflowRunner(WORKFLOWS, waits, meter);
  const runtime: Runtime = {
    config: {
      tables: {
        streams: dynamo.tableName(STREAMS_TABLE),
        shards: dynamo.tableName(SHARDS_TABLE),
        deliveryStreams: dynamo.tableName(DELIVERY_STREAMS_TABLE),
        buffers: dynamo.tableName(BUFFERS_TABLE),
      },
      bucket: LOCAL_BUCKET,
      accountId: '000000000000',
      defaultRegion: opts.region ?? 'us-east-1',
      shardLimit: opts.shardLimit ?? 500,
      quotas: { enabled: opts.quotas ?? true, writeBytesPerSecond: 1024 * 1024, writeRecordsPerSecond: 1000 },
      gapTimeoutMs: opts.gapTimeoutMs ?? 10_000,
      s3SegmentThresholdBytes: 8 * 1024,
      maxGetRecordsBytes: 10 * 1024 * 1024,
      maxPutRecordsBytes: 10 * 1024 * 1024,
      ...opts.config,
    },
    ddb: dynamo.ddb,
    s3: s3.s3,
    workflows,
    destinations: localDestinations(s3.s3, opts.functions ?? {}),
    clock: opts.clock ?? Date.now,
    faults: opts.faults,
  };
  workflows.attach(runtime);
  const stopSweeper = startSweeper(runtime, opts.sweepIntervalMs ?? 60_000);
  const stopSchedules = workflows.schedule(opts.scheduleIntervalMs);
  const keysTable = dynamo.tableName(ACCESS_KEYS_TABLE);
  const accessKey = opts.auth ? await issueAccessKey(dynamo.ddb, keysTable, runtime.config.accountId) : undefined;
  const dispatch = createDispatcher(runtime, [kinesisService, firehoseService], opts.auth ? accessKeyLookup(dynamo.ddb, keysTable) : undefined);
  const routes: Record<string, () => object> = {
    'GET /health': () => ({ status: 'ok', s3: s3.endpoint, dynamodb: dynamo.endpoint }),
    'GET /metering': () => meter.snapshot(),
    'DELETE /metering': () => (meter.reset(), {}),
  };
  const server = await listen(opts.port ?? 4567, meteredDispatch(meter, dispatch), (method, path) => routes[`${method} ${path}`]?.());
  return {
    url: `http://127.0.0.1:${server.port}`,
    s3Url: s3.endpoint,
    runtime,
    workflows,
    meter,
    accessKey,
    stop: async () => {
      stopSweeper();
      stopSchedules();
      await server.close();
      await workflows.abort();
      await s3.stop();
      await dynamo.stop();
    },
  };
}
