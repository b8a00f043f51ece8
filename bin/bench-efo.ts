/**
 * `npm run bench -- --efo`: push latency of enhanced fan-out on a local Runnel. A consumer holds a
 * SubscribeToShard stream per shard (stock SDK client, HTTP/2); a producer sends single PutRecord
 * calls, and each record's latency is the time from its PutRecord acknowledgement to its arrival
 * in the subscriber (0 when the push beat the acknowledgement). Also reports the CPU the process
 * spends while the subscriptions sit idle. Prints one JSON line.
 */
import { CreateStreamCommand, DescribeStreamConsumerCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand, RegisterStreamConsumerCommand, SubscribeToShardCommand } from '@aws-sdk/client-kinesis';
import { startLocal } from '../lambdas/local/host';

const SHARDS = 4;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchEfo(opts: { samples: number; quotas: boolean }) {
  const runnel = await startLocal({ port: 0, s3Port: 0, createStreamMs: 0, createConsumerMs: 0, quotas: opts.quotas });
  const kinesis = new KinesisClient({ endpoint: runnel.url, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const hangUp = new AbortController();
  try {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'efo', ShardCount: SHARDS }));
    const summary = async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'efo' }))).StreamDescriptionSummary!;
    while ((await summary()).StreamStatus !== 'ACTIVE') await sleep(10);
    const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: (await summary()).StreamARN, ConsumerName: 'bench' }));
    while ((await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN }))).ConsumerDescription?.ConsumerStatus !== 'ACTIVE') await sleep(10);

    const arrivedAt = new Map<string, number>();
    const readers = await Promise.all(
      Array.from({ length: SHARDS }, async (_, s) => {
        const res = await kinesis.send(
          new SubscribeToShardCommand({ ConsumerARN: Consumer!.ConsumerARN, ShardId: `shardId-${String(s).padStart(12, '0')}`, StartingPosition: { Type: 'LATEST' } }),
          { abortSignal: hangUp.signal },
        );
        // Wrapped: an async function returning the reading loop's promise would wait for it to end.
        const reading = (async () => {
          for await (const e of res.EventStream!) for (const r of e.SubscribeToShardEvent?.Records ?? []) arrivedAt.set(Buffer.from(r.Data!).toString(), performance.now());
        })().catch(() => undefined);
        return { reading };
      }),
    );

    // Idle: what the process spends while every subscription waits for records.
    await sleep(500);
    const cpu = process.cpuUsage();
    await sleep(3000);
    const idle = process.cpuUsage(cpu);

    const ackedAt = new Map<string, number>();
    const sentAt = new Map<string, number>();
    for (let i = 0; i < opts.samples; i++) {
      const id = `efo-${i}`;
      sentAt.set(id, performance.now());
      await kinesis.send(new PutRecordCommand({ StreamName: 'efo', PartitionKey: `k-${i}`, Data: Buffer.from(id) }));
      ackedAt.set(id, performance.now());
      await sleep(5);
    }
    const deadline = performance.now() + 5000;
    while (arrivedAt.size < opts.samples && performance.now() < deadline) await sleep(10);
    const afterAck = [...ackedAt].filter(([id]) => arrivedAt.has(id)).map(([id, at]) => Math.max(0, arrivedAt.get(id)! - at)).sort((a, b) => a - b);
    const afterSend = [...sentAt].filter(([id]) => arrivedAt.has(id)).map(([id, at]) => arrivedAt.get(id)! - at).sort((a, b) => a - b);
    hangUp.abort();
    await Promise.all(readers.map((r) => r.reading));
    console.log(
      JSON.stringify({
        efo: {
          shards: SHARDS,
          samples: opts.samples,
          delivered: afterAck.length,
          pushAfterAckMs: { p50: round(percentile(afterAck, 50)), p99: round(percentile(afterAck, 99)), max: round(afterAck.at(-1) ?? NaN) },
          putToPushMs: { p50: round(percentile(afterSend, 50)), p99: round(percentile(afterSend, 99)) },
          idleCpuMsPerSecond: round((idle.user + idle.system) / 1000 / 3),
        },
      }),
    );
  } finally {
    hangUp.abort();
    kinesis.destroy();
    await runnel.stop();
  }
}
