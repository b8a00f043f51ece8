/**
 * `npm run bench -- --analytics` (the `latency` part): end-to-end latency of a running analytics
 * application on a local Runnel. A pass-through application reads stream `in` and writes every row
 * to stream `out`; a producer sends single-record PutRecords calls spread over several runner
 * intervals, and a consumer polls `out` with GetRecords every `pollMs`. Each sample's latency is
 * the time from its PutRecords acknowledgement to the GetRecords answer that returned its row, so
 * it includes up to one runner interval of waiting, the run, and up to one poll interval.
 */
import { CreateApplicationCommand, DescribeApplicationCommand, KinesisAnalyticsClient, StartApplicationCommand } from '@aws-sdk/client-kinesis-analytics';
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { startLocal } from '../lambdas/local/host';
import { logger } from '../lambdas/runtime/logger';
import { shardId, shardReader } from './load';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const ROLE = 'arn:aws:iam::000000000000:role/analytics';
const arn = (stream: string) => `arn:aws:kinesis:us-east-1:000000000000:stream/${stream}`;

const CODE = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ID VARCHAR(32));
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM ID FROM "SOURCE_SQL_STREAM_001";`;

export interface LatencyOptions {
  samples: number;
  intervalMs: number;
  /** Gap between samples: spread over several intervals, so samples land at every phase of the runner's cycle. */
  spacingMs: number;
  pollMs: number;
}

export async function benchAnalyticsLatency(o: LatencyOptions) {
  logger.setLogLevel('WARN');
  const runnel = await startLocal({ port: 0, s3Port: 0, createStreamMs: 0, analyticsIntervalMs: o.intervalMs });
  const kinesis = new KinesisClient({ endpoint: runnel.url, region: 'us-east-1', credentials });
  const analytics = new KinesisAnalyticsClient({ endpoint: runnel.url, region: 'us-east-1', credentials });
  let polling = true;
  try {
    for (const name of ['in', 'out']) {
      await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      while ((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary?.StreamStatus !== 'ACTIVE') await sleep(10);
    }
    await analytics.send(
      new CreateApplicationCommand({
        ApplicationName: 'latency',
        ApplicationCode: CODE,
        Inputs: [
          {
            NamePrefix: 'SOURCE_SQL_STREAM',
            KinesisStreamsInput: { ResourceARN: arn('in'), RoleARN: ROLE },
            InputSchema: { RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } }, RecordColumns: [{ Name: 'ID', SqlType: 'VARCHAR(32)', Mapping: '$.ID' }] },
          },
        ],
        Outputs: [{ Name: 'DESTINATION_SQL_STREAM', DestinationSchema: { RecordFormatType: 'JSON' }, KinesisStreamsOutput: { ResourceARN: arn('out'), RoleARN: ROLE } }],
      }),
    );
    await analytics.send(new StartApplicationCommand({ ApplicationName: 'latency', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] }));
    while ((await analytics.send(new DescribeApplicationCommand({ ApplicationName: 'latency' }))).ApplicationDetail?.ApplicationStatus !== 'RUNNING') await sleep(20);

    const arrivedAt = new Map<string, number>();
    const reader = await shardReader(kinesis, 'out', shardId(0), 'LATEST');
    const consuming = (async () => {
      while (polling) {
        const page = await reader.next();
        const at = performance.now();
        for (const r of page.Records ?? []) arrivedAt.set(JSON.parse(Buffer.from(r.Data!).toString()).ID, at);
        await sleep(o.pollMs);
      }
    })();

    const ackedAt = new Map<string, number>();
    for (let i = 0; i < o.samples; i++) {
      const id = `s-${i}`;
      await kinesis.send(new PutRecordsCommand({ StreamName: 'in', Records: [{ PartitionKey: id, Data: Buffer.from(JSON.stringify({ ID: id })) }] }));
      ackedAt.set(id, performance.now());
      await sleep(o.spacingMs);
    }
    const deadline = performance.now() + 3 * o.intervalMs + 10_000;
    while (arrivedAt.size < o.samples && performance.now() < deadline) await sleep(20);
    polling = false;
    await consuming;
    const latencies = [...ackedAt].filter(([id]) => arrivedAt.has(id)).map(([id, at]) => Math.max(0, arrivedAt.get(id)! - at)).sort((a, b) => a - b);
    return {
      runnerIntervalMs: o.intervalMs,
      consumerPollMs: o.pollMs,
      samples: o.samples,
      spacingMs: o.spacingMs,
      delivered: latencies.length,
      putAckToOutputMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? NaN) },
    };
  } finally {
    polling = false;
    kinesis.destroy();
    analytics.destroy();
    await runnel.stop();
  }
}
