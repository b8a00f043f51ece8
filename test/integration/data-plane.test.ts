import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  MergeShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  SplitShardCommand,
  type GetRecordsOutput,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../support/eventually';
import { createActiveStream, credentials, expectAwsError, startRunnel, waitForStatus, type TestRunnel } from '../support/local';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel();
  await createActiveStream(t.kinesis, 'data', 4);
  await createActiveStream(t.kinesis, 'one', 1);
});
afterAll(() => t.stop());

const text = (r: GetRecordsOutput) => r.Records!.map((x) => Buffer.from(x.Data!).toString());

async function iterator(kinesis: KinesisClient, stream: string, shard: string, type: string, extra: object = {}) {
  const res = await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard, ShardIteratorType: type as never, ...extra }));
  return res.ShardIterator!;
}

async function readAll(kinesis: KinesisClient, shardIterator: string, limit?: number) {
  const records: string[] = [];
  let it: string | undefined = shardIterator;
  for (let i = 0; i < 50 && it; i++) {
    const r: GetRecordsOutput = await kinesis.send(new GetRecordsCommand({ ShardIterator: it, Limit: limit }));
    records.push(...text(r));
    if (r.Records!.length === 0 && r.MillisBehindLatest === 0) break;
    it = r.NextShardIterator;
  }
  return records;
}

describe('PutRecord and GetRecords', () => {
  it('routes by MD5 of the partition key and returns records in order with their metadata', async () => {
    // "1" hashes into the last of four shards, "a" into the first (reference test vectors).
    const p1 = await t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: '1', Data: Buffer.from('one') }));
    const p2 = await t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: '1', Data: Buffer.from('two') }));
    const pa = await t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: 'a', Data: Buffer.from('alpha') }));
    expect(p1.ShardId).toBe('shardId-000000000003');
    expect(pa.ShardId).toBe('shardId-000000000000');
    expect(p1.SequenceNumber).toMatch(/^\d{56}$/);
    expect(BigInt(p2.SequenceNumber!) > BigInt(p1.SequenceNumber!)).toBe(true);
    expect(p1.EncryptionType).toBeUndefined();

    const before = Date.now();
    const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator(t.kinesis, 'data', 'shardId-000000000003', 'TRIM_HORIZON') }));
    expect(text(r)).toEqual(['one', 'two']);
    expect(r.Records![0]).toMatchObject({ PartitionKey: '1', SequenceNumber: p1.SequenceNumber });
    expect(r.Records![0].ApproximateArrivalTimestamp!.getTime()).toBeLessThanOrEqual(before);
    expect(r.MillisBehindLatest).toBe(0);
    expect(r.NextShardIterator).toBeDefined();
  });

  it('honours ExplicitHashKey and rejects one outside the key space', async () => {
    const max = '340282366920938463463374607431768211455';
    const res = await t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: 'a', ExplicitHashKey: max, Data: Buffer.from('x') }));
    expect(res.ShardId).toBe('shardId-000000000003');
    const tooBig = '340282366920938463463374607431768211456';
    await expectAwsError(
      t.kinesis.send(new PutRecordCommand({ StreamName: 'data', PartitionKey: 'a', ExplicitHashKey: tooBig, Data: Buffer.from('x') })),
      'InvalidArgumentException',
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${tooBig}`,
    );
  });

  it('supports all five iterator types', async () => {
    const puts = [];
    for (const word of ['p', 'q', 'r', 's']) puts.push(await t.kinesis.send(new PutRecordCommand({ StreamName: 'one', PartitionKey: 'k', Data: Buffer.from(word) })));
    const shard = 'shardId-000000000000';
    expect(await readAll(t.kinesis, await iterator(t.kinesis, 'one', shard, 'TRIM_HORIZON'))).toEqual(['p', 'q', 'r', 's']);
    expect(await readAll(t.kinesis, await iterator(t.kinesis, 'one', shard, 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: puts[1].SequenceNumber }))).toEqual(['q', 'r', 's']);
    expect(await readAll(t.kinesis, await iterator(t.kinesis, 'one', shard, 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: puts[1].SequenceNumber }))).toEqual(['r', 's']);
    const latest = await iterator(t.kinesis, 'one', shard, 'LATEST');
    expect(await readAll(t.kinesis, latest)).toEqual([]);
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'one', PartitionKey: 'k', Data: Buffer.from('t') }));
    expect(await readAll(t.kinesis, latest)).toEqual(['t']);
    const first = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator(t.kinesis, 'one', shard, 'TRIM_HORIZON'), Limit: 1 }));
    const at = first.Records![0].ApproximateArrivalTimestamp!;
    expect(await readAll(t.kinesis, await iterator(t.kinesis, 'one', shard, 'AT_TIMESTAMP', { Timestamp: at }))).toEqual(['p', 'q', 'r', 's', 't']);
    await new Promise((r) => setTimeout(r, 10)); // so that "1 ms ago" is after every arrival
    expect(await readAll(t.kinesis, await iterator(t.kinesis, 'one', shard, 'AT_TIMESTAMP', { Timestamp: new Date(Date.now() - 1) }))).toEqual([]);
  });

  it('pages with Limit and reports MillisBehindLatest while behind', async () => {
    await createActiveStream(t.kinesis, 'paged', 1);
    await t.kinesis.send(new PutRecordsCommand({ StreamName: 'paged', Records: Array.from({ length: 25 }, (_, i) => ({ PartitionKey: 'k', Data: Buffer.from(`m${i}`) })) }));
    await new Promise((r) => setTimeout(r, 20));
    const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator(t.kinesis, 'paged', '0', 'TRIM_HORIZON'), Limit: 10 }));
    expect(text(r)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    expect(r.MillisBehindLatest).toBeGreaterThan(0);
    const rest = await readAll(t.kinesis, r.NextShardIterator!, 10);
    expect(rest).toEqual(Array.from({ length: 15 }, (_, i) => `m${i + 10}`));
  });

  it('orders a record put with SequenceNumberForOrdering after that sequence number, also across a split and a merge', async () => {
    await createActiveStream(t.kinesis, 'ordered', 1);
    const seqs: string[] = [];
    const put = async (data: string) => {
      const res = await t.kinesis.send(new PutRecordCommand({ StreamName: 'ordered', PartitionKey: 'same-key', Data: Buffer.from(data), SequenceNumberForOrdering: seqs.at(-1) }));
      if (seqs.length) expect(BigInt(res.SequenceNumber!), `${data} after ${seqs.at(-1)}`).toBeGreaterThan(BigInt(seqs.at(-1)!));
      seqs.push(res.SequenceNumber!);
      return res.ShardId;
    };
    for (let i = 0; i < 3; i++) expect(await put(`before-${i}`)).toBe('shardId-000000000000');
    // The key moves to a child shard, whose counters start over: its numbers must still be larger.
    await t.kinesis.send(new SplitShardCommand({ StreamName: 'ordered', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '170141183460469231731687303715884105728' }));
    await waitForStatus(t.kinesis, 'ordered', 'ACTIVE');
    expect(['shardId-000000000001', 'shardId-000000000002']).toContain(await put('after-split'));
    await t.kinesis.send(new MergeShardsCommand({ StreamName: 'ordered', ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000002' }));
    await waitForStatus(t.kinesis, 'ordered', 'ACTIVE');
    expect(await put('after-merge')).toBe('shardId-000000000003');
    expect(seqs).toHaveLength(5);
    // A number in AWS's layout with an unknown version digit.
    const badVersion = BigInt('0x20000000000000000000000000000000000000000000004').toString();
    await expectAwsError(
      t.kinesis.send(new PutRecordCommand({ StreamName: 'ordered', PartitionKey: 'k', Data: Buffer.from('x'), SequenceNumberForOrdering: badVersion })),
      'InvalidArgumentException',
      `ExclusiveMinimumSequenceNumber ${badVersion} used in PutRecord on stream ordered under account 000000000000 is invalid.`,
    );
  });

  it('keeps iterators reusable and gives a new one on every call', async () => {
    const it = await iterator(t.kinesis, 'one', 'shardId-000000000000', 'TRIM_HORIZON');
    const a = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
    const b = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
    expect(text(a)).toEqual(text(b));
    const c = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: a.NextShardIterator }));
    const d = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: a.NextShardIterator }));
    expect(c.Records).toEqual([]);
    expect(c.NextShardIterator).not.toBe(d.NextShardIterator);
  });

  it('stores large records through S3 and returns them intact, including 1 MiB records', async () => {
    await createActiveStream(t.kinesis, 'big', 1);
    const big = Buffer.alloc(1024 * 1024 - 1, 7);
    const medium = Buffer.alloc(20_000, 3);
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'big', PartitionKey: 'k', Data: big }));
    const batch = await t.kinesis.send(new PutRecordsCommand({ StreamName: 'big', Records: [{ PartitionKey: 'k', Data: medium }, { PartitionKey: 'k', Data: Buffer.from('small') }] }));
    expect(batch.FailedRecordCount).toBe(0);
    const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator(t.kinesis, 'big', '0', 'TRIM_HORIZON') }));
    expect(r.Records!.map((x) => x.Data!.length)).toEqual([big.length, medium.length, 5]);
    expect(Buffer.from(r.Records![0].Data!).equals(big)).toBe(true);
    expect(Buffer.from(r.Records![1].Data!).equals(medium)).toBe(true);
    await expectAwsError(
      t.kinesis.send(new PutRecordCommand({ StreamName: 'big', PartitionKey: 'k', Data: Buffer.alloc(1024 * 1024) })),
      'InvalidArgumentException',
      'Record size 1048577 bytes exceeds the maximum record size of 1024 KiB for stream big.',
    );
  });

  it('accepts empty data', async () => {
    const res = await t.kinesis.send(new PutRecordCommand({ StreamName: 'one', PartitionKey: 'empty', Data: new Uint8Array() }));
    expect(res.SequenceNumber).toMatch(/^\d{56}$/);
  });
});

describe('PutRecords', () => {
  it('stores 500 records across shards and answers per record, in request order', async () => {
    const records = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `key-${i}`, Data: Buffer.from(`v${i}`) }));
    const res = await t.kinesis.send(new PutRecordsCommand({ StreamName: 'data', Records: records }));
    expect(res.FailedRecordCount).toBe(0);
    expect(res.Records).toHaveLength(500);
    const byShard = new Map<string, string[]>();
    res.Records!.forEach((r, i) => byShard.set(r.ShardId!, [...(byShard.get(r.ShardId!) ?? []), `v${i}`]));
    expect(byShard.size).toBe(4);
    for (const [shard, expected] of byShard) {
      const all = await readAll(t.kinesis, await iterator(t.kinesis, 'data', shard, 'TRIM_HORIZON'));
      expect(all.filter((v) => /^v\d+$/.test(v))).toEqual(expected);
    }
  });

  it('rejects bad batches as a whole with AWS errors', async () => {
    await expectAwsError(
      t.kinesis.send(new PutRecordsCommand({ StreamName: 'data', Records: [] })),
      'ValidationException',
      "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const tooMany = Array.from({ length: 501 }, () => ({ PartitionKey: 'k', Data: Buffer.from('x') }));
    await expectAwsError(t.kinesis.send(new PutRecordsCommand({ StreamName: 'data', Records: tooMany })), 'ValidationException', /Member must have length less than or equal to 500/);
    await expectAwsError(
      t.kinesis.send(new PutRecordsCommand({ StreamName: 'data', Records: [{ PartitionKey: 'k', Data: Buffer.from('x'), ExplicitHashKey: '340282366920938463463374607431768211456' }] })),
      'InvalidArgumentException',
      /^Invalid ExplicitHashKey/,
    );
    await expectAwsError(
      t.kinesis.send(new PutRecordsCommand({ StreamName: 'missing', Records: [{ PartitionKey: 'k', Data: Buffer.from('x') }] })),
      'ResourceNotFoundException',
      'Stream missing under account 000000000000 not found.',
    );
  });
});

describe('GetRecords page budget', () => {
  const GAP_TIMEOUT_MS = 100;
  let g: TestRunnel;
  let dying = false;
  beforeAll(async () => {
    // While `dying`, every writer dies between reserving its counters and writing them.
    g = await startRunnel({ gapTimeoutMs: GAP_TIMEOUT_MS, faults: { afterReserve: async () => void (dying && (() => { throw new Error('writer died'); })()) } });
  });
  afterAll(() => g.stop());

  it('stops a read at its page budget with records in hand, and reports it is behind', async () => {
    await createActiveStream(g.kinesis, 'holes', 1);
    await g.kinesis.send(new PutRecordCommand({ StreamName: 'holes', PartitionKey: 'k', Data: Buffer.from('first') }));
    // 1,100 counters reserved by writers that died: readers close them with one tombstone per
    // counter, more stored items than one GetRecords examines (a bounded number of pages).
    dying = true;
    const once = new KinesisClient({ endpoint: g.runnel.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    for (const n of [500, 500, 100]) {
      const died = await once.send(new PutRecordsCommand({ StreamName: 'holes', Records: Array.from({ length: n }, () => ({ PartitionKey: 'k', Data: Buffer.from('lost') })) })).then(
        () => undefined,
        (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode,
      );
      expect(died).toBe(500);
    }
    once.destroy();
    dying = false;
    await g.kinesis.send(new PutRecordCommand({ StreamName: 'holes', PartitionKey: 'k', Data: Buffer.from('last') }));

    // A first consumer waits out the gap timeout in front of the dead ranges and closes them.
    const consume = async (from: string) => {
      const pages: GetRecordsOutput[] = [];
      let it: string | undefined = from;
      while (it && !pages.some((p) => text(p).includes('last'))) {
        const r: GetRecordsOutput = await g.kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
        pages.push(r);
        it = r.NextShardIterator;
        if (r.Records!.length === 0) await sleep(GAP_TIMEOUT_MS / 2);
      }
      return pages;
    };
    const closing = await consume(await iterator(g.kinesis, 'holes', '0', 'TRIM_HORIZON'));
    expect(closing.flatMap(text)).toEqual(['first', 'last']);

    // A second consumer from the start: its first read holds 'first' and then meets tombstones
    // until its page budget runs out, long before the data ends.
    const fresh = await consume(await iterator(g.kinesis, 'holes', '0', 'TRIM_HORIZON'));
    expect(text(fresh[0])).toEqual(['first']);
    expect(fresh[0].MillisBehindLatest).toBeGreaterThan(0); // behind: more follows, however long the skipped stretch
    expect(fresh.length).toBeGreaterThan(1);
    expect(fresh.flatMap(text)).toEqual(['first', 'last']);
    expect(fresh.at(-1)!.MillisBehindLatest).toBe(0);
  });
});
