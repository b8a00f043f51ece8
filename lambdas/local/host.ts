/**
 * The local host: the composition root for `npm start`. Starts the embedded stand-ins (dynalite,
 * s3rver), the workflow runner and the sweeper, and serves the very same dispatcher the Lambda
 * handler serves.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_KEYS_TABLE, ALL_TABLES, APPLICATIONS_TABLE, BUFFERS_TABLE, DELIVERY_STREAMS_TABLE, SHARDS_TABLE, STREAMS_TABLE, TRIGGERS_TABLE } from '../runtime/tables';
import { accessKeyLookup, issueAccessKey, LOOKUP_CACHE, type LookupCache } from '../auth/access-keys';
import { LOCAL_KEY_FILE, localSecretBox } from '../auth/secret-box';
import { countLogs, Meter } from '../cost/meter';
import { meterDynamoDB, meterS3 } from '../cost/meter-clients';
import { meteredDispatch } from '../cost/meter-edge';
import { createStreamingDispatcher } from '../protocol/dispatch';
import { SYSTEM_TIME, type Faults, type RunnelConfig, type Runtime } from '../runtime/context';
import { ANALYTICS_RUNNER } from '../analytics/workflows';
import { DELIVERY_STREAM_LIFECYCLE, FIREHOSE_FLUSH } from '../firehose/workflows';
import { resumeAbandonedFlushes } from '../firehose/operations/ingest';
import { logger } from '../runtime/logger';
import { CONSUMER_LIFECYCLE, STREAM_LIFECYCLE, STREAM_UPDATE } from '../kinesis/workflows';
import { CONFIG_DEFAULTS, runnelConfig } from '../runtime/config';
import { SERVICES } from '../services';
import { InProcessWakeups } from '../runtime/shard-wakeups';
import { localDestinations, type LocalFunction } from './destinations';
import { TASK_FUNCTIONS, WORKFLOWS } from '../workflows/registry';
import { withCloudWatch } from './cloudwatch/endpoint';
import { MetricStore } from './cloudwatch/metric-store';
import { startDynamo } from './dynamodb';
import { S3RVER_CREDENTIALS, startS3 } from './s3';
import { listen, type TlsIdentity } from './server';
import { injectStorageFaults, seededRandom, type FaultRates, type StorageFaults } from './storage-faults';
import { startSweeper } from './sweeper';
import { startTriggers, type LocalTrigger } from './triggers';
import { LocalWorkflowRunner, type WaitOverrides } from './workflow-runner';

export interface LocalOptions {
  port?: number;
  s3Port?: number;
  /** Port of the embedded DynamoDB (0 or absent: any free port). */
  dynamodbPort?: number;
  /** Directory to persist everything in; in-memory without it. */
  path?: string;
  createStreamMs?: number;
  /** How long a registered consumer stays CREATING. */
  createConsumerMs?: number;
  /** How long asynchronous stream updates (mode, encryption, warm throughput) stay UPDATING. */
  updateStreamMs?: number;
  shardLimit?: number;
  quotas?: boolean;
  gapTimeoutMs?: number;
  sweepIntervalMs?: number;
  /** How often scheduled workflows (the on-demand scaler) run; their cloud schedule is in minutes. */
  scheduleIntervalMs?: number;
  region?: string;
  /** Serve HTTPS (HTTP/2 and HTTP/1.1 by ALPN) with this certificate instead of cleartext. */
  tls?: TlsIdentity;
  /** Verify SigV4 signatures against keys Runnel issues (a first key pair is issued at start). */
  auth?: boolean;
  /** How long key lookups are cached (revocation takes effect within ttlMs). */
  keyCache?: LookupCache;
  clock?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  faults?: Faults;
  /** DynamoDB and S3 failures to inject (storage-faults.ts); `seed` makes the pattern replayable. */
  storageFaults?: FaultRates & { seed?: number };
  config?: Partial<RunnelConfig>;
  /** Lambda processors for Firehose, by function name (what a LambdaArn's `function:<name>` names). */
  functions?: Record<string, LocalFunction>;
  /** Lambda triggers on streams (`--trigger`). */
  triggers?: LocalTrigger[];
  /** How often triggers look for new records. */
  triggerPollMs?: number;
  /** Run analytics applications this often instead of the schedule interval (the cloud runs them every minute), so windows close promptly. */
  analyticsIntervalMs?: number;
  /** How long a new delivery stream stays CREATING. */
  createDeliveryStreamMs?: number;
  /** Replaces every delivery stream's buffering interval wait (tests shorten it). */
  bufferIntervalMs?: number;
}

export interface LocalRunnel {
  url: string;
  s3Url: string;
  dynamodbUrl: string;
  runtime: Runtime;
  workflows: LocalWorkflowRunner;
  /** What the requests and workflows served so far would be billed for (also at GET /metering). */
  meter: Meter;
  /** The key pair issued at start when auth is on. */
  accessKey?: { accessKeyId: string; secretAccessKey: string };
  /** Present when storage faults were asked for: their counts, and a way to change the rates. */
  storageFaults?: StorageFaults;
  /** The CloudWatch metrics publishers sent (in memory, bounded: cloudwatch/metric-store.ts). */
  metrics: MetricStore;
  stop(): Promise<void>;
}

const LOCAL_BUCKET = 'runnel-local';
const LOCAL_ACCOUNT = '000000000000';

export async function startLocal(opts: LocalOptions = {}): Promise<LocalRunnel> {
  if (opts.path) mkdirSync(opts.path, { recursive: true });
  const dynamo = await startDynamo({ path: opts.path && join(opts.path, 'dynamodb'), tables: ALL_TABLES, port: opts.dynamodbPort });
  const s3 = await startS3({ port: opts.s3Port ?? 0, path: opts.path && join(opts.path, 's3'), buckets: [LOCAL_BUCKET] });
  const sf = opts.storageFaults;
  const storageFaults = sf && injectStorageFaults({ dynamodb: dynamo.ddb, s3: s3.s3 }, sf, sf.seed === undefined ? Math.random : seededRandom(sf.seed));
  const waits: WaitOverrides = {
    [STREAM_LIFECYCLE.name]: { WaitForProvisioning: opts.createStreamMs ?? 500 },
    [STREAM_UPDATE.name]: { WaitForUpdate: opts.updateStreamMs ?? 500 },
    [CONSUMER_LIFECYCLE.name]: { WaitForProvisioning: opts.createConsumerMs ?? 500 },
    [DELIVERY_STREAM_LIFECYCLE.name]: { WaitForProvisioning: opts.createDeliveryStreamMs ?? 500 },
    ...(opts.bufferIntervalMs !== undefined ? { [FIREHOSE_FLUSH.name]: { WaitForInterval: opts.bufferIntervalMs } } : {}),
  };
  const meter = new Meter();
  meterDynamoDB(dynamo.ddb, meter);
  meterS3(s3.s3, meter, LOCAL_BUCKET);
  countLogs();
  const workflows = new LocalWorkflowRunner(WORKFLOWS, TASK_FUNCTIONS, waits, meter);
  const runtime: Runtime = {
    config: runnelConfig(
      {
        tables: {
          streams: dynamo.tableName(STREAMS_TABLE),
          shards: dynamo.tableName(SHARDS_TABLE),
          deliveryStreams: dynamo.tableName(DELIVERY_STREAMS_TABLE),
          buffers: dynamo.tableName(BUFFERS_TABLE),
          triggers: dynamo.tableName(TRIGGERS_TABLE),
          applications: dynamo.tableName(APPLICATIONS_TABLE),
        },
        bucket: LOCAL_BUCKET,
        accountId: LOCAL_ACCOUNT,
        defaultRegion: opts.region ?? 'us-east-1',
      },
      {
        ...(opts.shardLimit !== undefined ? { shardLimit: opts.shardLimit } : {}),
        ...(opts.quotas !== undefined ? { quotas: { ...CONFIG_DEFAULTS.quotas, enabled: opts.quotas } } : {}),
        ...(opts.gapTimeoutMs !== undefined ? { gapTimeoutMs: opts.gapTimeoutMs } : {}),
        // One process, one clock: a tap reader needs no margin for skew beyond the write deadline.
        firehoseTaps: { writeDeadlineMs: 5_000, readLagMs: 5_250 },
        ...opts.config,
      },
    ),
    ddb: dynamo.ddb,
    s3: s3.s3,
    workflows: workflows.starterFor('front'),
    destinations: localDestinations(s3.s3, opts.functions ?? {}),
    clock: opts.clock ?? SYSTEM_TIME.clock,
    random: opts.random ?? SYSTEM_TIME.random,
    sleep: opts.sleep ?? SYSTEM_TIME.sleep,
    faults: opts.faults,
    wakeups: new InProcessWakeups(),
  };
  workflows.attach(runtime);
  // Stopping abandoned the flushes the previous process had pending: start them again (before
  // listening, so no write races the re-arm). If storage fails now, FirehoseSources re-arms later.
  if (opts.path) {
    await resumeAbandonedFlushes(runtime).then(
      (names) => names.length && logger.info(`resumed the buffer flushes of ${names.join(', ')}`),
      (e: Error) => logger.warn(`could not resume buffer flushes yet: ${e.message}`),
    );
  }
  const stopSweeper = startSweeper(runtime, opts.sweepIntervalMs ?? 60_000);
  const stopSchedules = workflows.schedule(opts.scheduleIntervalMs, { [ANALYTICS_RUNNER.name]: opts.analyticsIntervalMs });
  const stopTriggers = startTriggers(runtime, opts.triggers ?? [], opts.triggerPollMs);
  const keysTable = dynamo.tableName(ACCESS_KEYS_TABLE);
  const box = localSecretBox(opts.path && join(opts.path, LOCAL_KEY_FILE));
  const accessKey = opts.auth ? await issueAccessKey(dynamo.ddb, keysTable, box, runtime.config.accountId, runtime.clock()) : undefined;
  const lookup = opts.auth ? accessKeyLookup(dynamo.ddb, keysTable, box, runtime.clock, opts.keyCache ?? LOOKUP_CACHE) : undefined;
  const dispatch = createStreamingDispatcher(runtime, SERVICES, lookup);
  // CloudWatch metrics (for KCL and KPL publishers) are a local stand-in, in front of the
  // dispatcher the cloud also runs, and outside metering: Runnel serves no CloudWatch in the cloud.
  const metrics = new MetricStore();
  const handle = withCloudWatch(
    { store: metrics, clock: runtime.clock, defaults: { account: runtime.config.accountId, region: runtime.config.defaultRegion }, verifier: lookup && { lookup, clock: runtime.clock } },
    meteredDispatch(meter, dispatch),
  );
  const routes: Record<string, () => object> = {
    'GET /health': () => ({ status: 'ok', s3: { endpoint: s3.endpoint, ...S3RVER_CREDENTIALS }, dynamodb: dynamo.endpoint }),
    'GET /metering': () => meter.snapshot(),
    'DELETE /metering': () => (meter.reset(), {}),
  };
  const server = await listen(opts.port ?? 4567, handle, (method, path) => routes[`${method} ${path}`]?.(), opts.tls);
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${server.port}`,
    s3Url: s3.endpoint,
    dynamodbUrl: dynamo.endpoint,
    runtime,
    workflows,
    meter,
    accessKey,
    storageFaults,
    metrics,
    stop: async () => {
      stopSweeper();
      stopSchedules();
      await stopTriggers();
      await server.close();
      await workflows.abort();
      await s3.stop();
      await dynamo.stop();
    },
  };
}
