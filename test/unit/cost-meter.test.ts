/** The meter: scopes, the SDK middleware's unit counting (with AWS's corrections), the edge and log counters. */
import { afterAll, describe, expect, it } from 'vitest';
import { itemBytes, writeUnits } from '../../lambdas/cost/billing-rules';
import { UNITS } from '../../lambdas/cost/counters';
import { countLogs, Meter, OUTSIDE } from '../../lambdas/cost/meter';
import { meterDynamoDB, meterS3 } from '../../lambdas/cost/meter-clients';
import { meteredDispatch } from '../../lambdas/cost/meter-edge';

type Handler = (args: { input: Record<string, any> }) => Promise<{ output: Record<string, any> }>;

/** A client whose one middleware is the meter's; `send` runs it around `respond`. */
function fakeClient() {
  let middleware: (next: Handler, context: { commandName: string }) => Handler = () => {
    throw new Error('no middleware added');
  };
  return {
    middlewareStack: { add: (m: typeof middleware) => void (middleware = m) },
    send: (commandName: string, input: Record<string, any>, respond: (input: Record<string, any>) => Record<string, any>) =>
      middleware(async (args) => ({ output: respond(args.input) }), { commandName })({ input }),
  };
}

const conditionFailed = (item?: Record<string, unknown>) => Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException', Item: item });

describe('the meter', () => {
  it('counts a call per scope, keeps nested scopes apart, and resets', async () => {
    const meter = new Meter();
    await meter.scope('outer', async () => {
      meter.count({ [UNITS.writeUnits]: 2 });
      await meter.scope('inner', async () => meter.count({ [UNITS.writeUnits]: 5 }), { invocation: true });
    });
    meter.count({ [UNITS.readUnits]: 1 });
    const snapshot = meter.snapshot();
    expect(snapshot.outer).toEqual({ [UNITS.calls]: 1, [UNITS.writeUnits]: 2 });
    expect(snapshot.inner).toMatchObject({ [UNITS.calls]: 1, [UNITS.writeUnits]: 5, [UNITS.lambdaInvocations]: 1 });
    expect(snapshot[OUTSIDE]).toEqual({ [UNITS.readUnits]: 1 });
    meter.reset();
    expect(meter.snapshot()).toEqual({});
  });
});

describe('DynamoDB metering', () => {
  const meter = new Meter();
  const client = fakeClient();
  meterDynamoDB(client, meter);

  it('asks every call for its consumed capacity and counts it as read or write units', async () => {
    let asked: unknown;
    await client.send('PutItemCommand', { Item: { pk: 'a' } }, (input) => ((asked = input.ReturnConsumedCapacity), { ConsumedCapacity: { CapacityUnits: 3 } }));
    await client.send('BatchGetItemCommand', {}, () => ({ ConsumedCapacity: [{ CapacityUnits: 1.5 }, { CapacityUnits: 0.5 }] }));
    expect(asked).toBe('TOTAL');
    expect(meter.snapshot()[OUTSIDE]).toEqual({ [UNITS.writeUnits]: 3, [UNITS.readUnits]: 2 });
    meter.reset();
  });

  it('bills a Query that finds nothing one read unit, half if eventually consistent (dynalite says zero)', async () => {
    await client.send('QueryCommand', { ConsistentRead: true }, () => ({ ConsumedCapacity: { CapacityUnits: 0 } }));
    await client.send('ScanCommand', {}, () => ({ ConsumedCapacity: { CapacityUnits: 0 } }));
    expect(meter.snapshot()[OUTSIDE]).toEqual({ [UNITS.readUnits]: 1.5 });
    meter.reset();
  });

  it('bills a failed conditional write by the larger of the requested and the existing item, and still fails it', async () => {
    const item = { pk: 'p', sk: 1, d: new Uint8Array(3000) };
    const put = { Item: item, ConditionExpression: 'attribute_not_exists(pk)' };
    await expect(client.send('PutItemCommand', put, () => { throw conditionFailed(); })).rejects.toThrow('conditional');
    expect(meter.snapshot()[OUTSIDE]).toEqual({ [UNITS.writeUnits]: writeUnits(itemBytes(item)), [UNITS.failedWrites]: 1 });
    expect(put).toMatchObject({ ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    meter.reset();
    const existing = { pk: { S: 'p' }, d: { B: new Uint8Array(5000) } };
    await expect(client.send('UpdateItemCommand', { Key: { pk: 'p' }, ConditionExpression: 'x', ExpressionAttributeValues: { ':n': 1 } }, () => { throw conditionFailed(existing); })).rejects.toThrow();
    expect(meter.snapshot()[OUTSIDE]![UNITS.writeUnits]).toBe(writeUnits(2 + 1 + 1 + 5000));
    meter.reset();
  });
});

describe('S3 metering', () => {
  it('counts PUT-class and GET-class requests, separates Runnel\'s bucket from delivery buckets, and leaves deletes free', async () => {
    const meter = new Meter();
    const client = fakeClient();
    meterS3(client, meter, 'segments');
    await client.send('PutObjectCommand', { Bucket: 'segments', Body: Buffer.alloc(100) }, () => ({}));
    await client.send('PutObjectCommand', { Bucket: 'theirs', Body: Buffer.alloc(40) }, () => ({}));
    await client.send('GetObjectCommand', { Bucket: 'segments' }, () => ({}));
    await client.send('DeleteObjectsCommand', { Bucket: 'segments' }, () => ({}));
    expect(meter.snapshot()[OUTSIDE]).toEqual({ [UNITS.s3Puts]: 1, [UNITS.s3PutBytes]: 100, [UNITS.destinationPuts]: 1, [UNITS.destinationBytes]: 40, [UNITS.s3Gets]: 1 });
  });
});

describe('edge metering', () => {
  it('counts a request as a CloudFront request, a function run, HTTP API units of 512 KB and a front invocation', async () => {
    const meter = new Meter();
    const dispatch = meteredDispatch(meter, async () => ({ status: 200, headers: { a: 'bc' }, body: 'x'.repeat(10) }));
    await dispatch({ method: 'POST', path: '/', headers: { 'x-amz-target': 'Kinesis_20131202.PutRecords' }, body: Buffer.alloc(600 * 1024) });
    expect(meter.snapshot()['Kinesis.PutRecords']).toMatchObject({
      [UNITS.calls]: 1,
      [UNITS.apiUnits]: 2,
      [UNITS.cloudfrontRequests]: 1,
      [UNITS.cloudfrontFunctions]: 1,
      [UNITS.cloudfrontBytesToOrigin]: 600 * 1024 + 'x-amz-target'.length + 'Kinesis_20131202.PutRecords'.length + 4,
      [UNITS.cloudfrontBytesOut]: 10 + 1 + 2 + 4,
      [UNITS.lambdaInvocations]: 1,
    });
  });
});

describe('log metering', () => {
  afterAll(() => countLogs({ silent: false }));

  it('counts the bytes and lines a scope writes to stdout', async () => {
    const meter = new Meter();
    countLogs({ silent: true });
    await meter.scope('logging', async () => void process.stdout.write('{"level":"INFO"}\n{"level":"INFO"}\n'));
    expect(meter.snapshot().logging).toMatchObject({ [UNITS.logBytes]: 34, [UNITS.logEvents]: 2 });
  });
});
