/**
 * Property-based fuzzing of the local endpoint: thousands of generated and mutated requests for
 * every Kinesis and Firehose operation (test/support/fuzz-requests.ts). Every answer must be a
 * well-formed AWS success or error (never a 5xx, a hang or a crash), the server must stay healthy,
 * and records stored before the run must read back unchanged after it.
 *
 * RUNNEL_FUZZ_SECONDS (default 20) sets how long it runs; RUNNEL_FUZZ_SEED replays a run.
 */
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, ListStreamsCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import firehoseModel from '../../lambdas/protocol/generated/firehose.json';
import kinesisModel from '../../lambdas/protocol/generated/kinesis.json';
import { decodeCbor } from '../../lambdas/protocol/cbor';
import type { ServiceModel } from '../../lambdas/protocol/service-model';
import { createActiveDeliveryStream, ROLE } from '../support/firehose';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { FUZZ_NAMES, requestArb, type FuzzRequest } from '../support/fuzz-requests';
import { createActiveStream, credentials, startRunnel, type TestRunnel } from '../support/local';
import { send, type RawResponse } from '../support/raw';

const SECONDS = Number(process.env.RUNNEL_FUZZ_SECONDS ?? 20);
const MODELS = [kinesisModel, firehoseModel] as unknown as ServiceModel[];
const AUTH = { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20250101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd', 'x-amz-date': '20250101T000000Z' };
/** Errors any operation may answer before it runs: the edge's and the validator's. */
const EDGE_ERRORS = ['SerializationException', 'ValidationException', 'UnknownOperationException', 'MissingAuthenticationTokenException', 'IncompleteSignatureException', 'InvalidSignatureException'];

let t: TestRunnel;
let precious: KinesisClient;
beforeAll(async () => {
  t = await startRunnel({ shardLimit: 16, createDeliveryStreamMs: 0, bufferIntervalMs: 200 });
  precious = new KinesisClient({ endpoint: t.runnel.url, region: 'eu-west-1', credentials });
});
afterAll(async () => {
  precious.destroy();
  await t.stop();
});

/** Every record of a stream, shard by shard, in order. */
async function readAll(client: KinesisClient, stream: string) {
  const out: Array<{ shard: string; seq: string; key: string; data: string }> = [];
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  for (const shard of Shards) {
    let it = (await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (;;) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: it! }));
      for (const r of page.Records ?? []) out.push({ shard: shard.ShardId!, seq: r.SequenceNumber!, key: r.PartitionKey!, data: Buffer.from(r.Data!).toString('hex') });
      if (!page.Records?.length && page.MillisBehindLatest === 0) break;
      it = page.NextShardIterator;
    }
  }
  return out;
}

function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

/** What a well-formed AWS answer to `req` looks like; throws (with the request) when it is not one. */
function checkAnswer(req: FuzzRequest, res: RawResponse, model: ServiceModel): void {
  const where = `${req.target} ${req.contentType} ${req.mutation} → ${res.status} ${res.body.subarray(0, 300).toString()}`;
  expect([200, 400, 403, 413], where).toContain(res.status);
  expect(res.headers['x-amzn-requestid'], where).toBeTruthy();
  if (res.status === 403) {
    expect(res.body.toString(), where).toMatch(/^<AccessDeniedException>\n {2}<Message>.+<\/Message>\n<\/AccessDeniedException>\n$/);
    return;
  }
  const type = res.headers['content-type'];
  const parsed: unknown =
    type === 'application/x-amz-cbor-1.1' ? decodeCbor(res.body) : res.body.length ? JSON.parse(res.body.toString()) : {};
  expect(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), where).toBe(true);
  if (type === 'application/json') {
    expect(parsed, where).toMatchObject({ Version: '1.0', Output: { __type: expect.stringMatching(/^com\.amazon\.coral\.service#/) } });
    return;
  }
  expect(['application/x-amz-json-1.1', 'application/x-amz-cbor-1.1'], where).toContain(type);
  if (res.status === 200) return;
  const error = parsed as { __type?: string };
  expect(res.headers['x-amzn-errortype'], where).toBe(error.__type);
  const op = model.operations[req.target.slice(model.targetPrefix.length + 1)];
  expect([...EDGE_ERRORS, ...(op?.errors ?? [])], where).toContain(error.__type);
}

describe('fuzzing every Kinesis and Firehose operation', () => {
  it(`answers every hostile request as AWS would for ${SECONDS} s, stays healthy and corrupts nothing`, async () => {
    // Records written before the run, in a region the run never names.
    await createActiveStream(precious, 'precious', 2);
    await precious.send(new PutRecordsCommand({ StreamName: 'precious', Records: Array.from({ length: 40 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.from(`before-${i}`) })) }));
    const before = await readAll(precious, 'precious');
    expect(before).toHaveLength(40);
    // Resources the run may find (and delete, reshard, retag ...).
    await createActiveStream(t.kinesis, FUZZ_NAMES[0], 1);
    await createActiveStream(t.kinesis, FUZZ_NAMES[1], 2);
    const firehose = new FirehoseClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials });
    await createActiveDeliveryStream(firehose, { DeliveryStreamName: FUZZ_NAMES[2], ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::fuzz-bucket' } });
    firehose.destroy();

    const stats = { requests: 0, byStatus: {} as Record<number, number>, byModel: {} as Record<string, number> };
    const arb = fc.oneof(...MODELS.map((m) => requestArb(m).map((req) => ({ req, model: m }))));
    await fc.assert(
      fc.asyncProperty(arb, async ({ req, model }) => {
        const headers: Record<string, string> = { ...AUTH, 'x-amz-target': req.target };
        if (req.contentType) headers['content-type'] = req.contentType;
        const res = await withDeadline(send(t.runnel.url, { headers, body: req.body, http2: req.http2 }), 15_000, `${req.target} ${req.mutation}`);
        stats.requests++;
        stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
        stats.byModel[model.targetPrefix] = (stats.byModel[model.targetPrefix] ?? 0) + 1;
        checkAnswer(req, res, model);
      }),
      { numRuns: 1_000_000, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false, ...(process.env.RUNNEL_FUZZ_SEED ? { seed: Number(process.env.RUNNEL_FUZZ_SEED) } : {}) },
    );
    console.log(`fuzz: ${JSON.stringify(stats)}`);
    expect(stats.requests).toBeGreaterThan(500);
    expect(stats.byStatus[200], 'some requests must get through to the operations').toBeGreaterThan(0);

    const health = await send(t.runnel.url, { method: 'GET', path: '/health' });
    expect(health.status).toBe(200);
    expect((await t.kinesis.send(new ListStreamsCommand({}))).$metadata.httpStatusCode).toBe(200);
    expect(await readAll(precious, 'precious')).toEqual(before);
  }, SECONDS * 1000 + 60_000);
});
