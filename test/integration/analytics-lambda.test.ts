/**
 * Applications with Lambda functions and Firehose inputs, on a real local Runnel: rows delivered to
 * a LambdaOutput (DeliveryFailed retried), records preprocessed by an InputLambdaProcessor (Ok,
 * Dropped, ProcessingFailed to error_stream), and a KinesisFirehoseInput read exactly once across
 * Firehose's flushes to S3. The functions are local functions registered by name, as Firehose's
 * transform tests register theirs.
 */
import {
  CreateApplicationCommand,
  DescribeApplicationCommand,
  DiscoverInputSchemaCommand,
  KinesisAnalyticsClient,
  StartApplicationCommand,
  type Input,
  type Output,
} from '@aws-sdk/client-kinesis-analytics';
import { CreateApplicationCommand as CreateV2Command, KinesisAnalyticsV2Client } from '@aws-sdk/client-kinesis-analytics-v2';
import { PutRecordBatchCommand, PutRecordCommand as FirehosePutRecordCommand } from '@aws-sdk/client-firehose';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_ATTEMPTS } from '../../lambdas/analytics/operations/lambda-output';
import { readStream, ROLE, runAnalytics, streamArn, waitForApplicationStatus } from '../support/analytics';
import { createActiveDeliveryStream, ROLE as FIREHOSE_ROLE, listObjects, startFirehoseRunnel, waitForObjects, type FirehoseRunnel } from '../support/firehose';
import { createActiveStream, credentials, expectAwsError } from '../support/local';
import { eventually } from '../support/eventually';

type Event = { invocationId: string; applicationArn: string; streamArn?: string; records: { recordId: string; data: string; [k: string]: unknown }[] };
const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
const b64 = (s: string) => Buffer.from(s).toString('base64');

const READ_LAG_MS = 5_250;
/** Moves the host's clock on (a Firehose input takes records older than the tap's read lag). */
let skew = 0;

// What the functions saw and did.
const sink: { event: Event; delivered: string[] }[] = [];
let sinkDownFor = 0;
const preprocessed: Event[] = [];

let t: FirehoseRunnel;
let analytics: KinesisAnalyticsClient;
let analyticsV2: KinesisAnalyticsV2Client;
let runs = 0;
beforeAll(async () => {
  t = await startFirehoseRunnel({
    clock: () => Date.now() + skew,
    // Retry pauses shortened: the policy (attempts, order, retryHint) is what is under test.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
    bufferIntervalMs: 100,
    scheduleIntervalMs: 3_600_000,
    config: { firehoseTaps: { writeDeadlineMs: 5_000, readLagMs: READ_LAG_MS } },
    functions: {
      // Acknowledges every row but fails those with ID 2 on their first delivery.
      sink: (event: Event) => {
        if (sinkDownFor > 0) {
          sinkDownFor--;
          throw new Error('sink is down');
        }
        const delivered: string[] = [];
        const records = event.records.map((r) => {
          const row = text(r.data);
          const meta = r.lambdaDeliveryRecordMetadata as { retryHint: number };
          if (JSON.parse(row).ID === 2 && meta.retryHint === 0) return { recordId: r.recordId, result: 'DeliveryFailed' };
          delivered.push(row);
          return { recordId: r.recordId, result: 'Ok' };
        });
        sink.push({ event, delivered });
        return { records };
      },
      // "name:score" → {"name":NAME,"score":score}; "drop…" Dropped; "bad…" ProcessingFailed; "two:…" two documents.
      prep: (event: Event) => {
        preprocessed.push(event);
        return {
          records: event.records.map((r) => {
            const raw = text(r.data);
            if (raw.startsWith('drop')) return { recordId: r.recordId, result: 'Dropped' };
            if (raw.startsWith('bad')) return { recordId: r.recordId, result: 'ProcessingFailed' };
            const doc = (line: string) => {
              const [name, score] = line.split(':');
              return JSON.stringify({ name: name.toUpperCase(), score: Number(score) });
            };
            const data = raw.startsWith('two:') ? raw.slice(4).split('|').map(doc).join('') : doc(raw);
            return { recordId: r.recordId, result: 'Ok', data: b64(data) };
          }),
        };
      },
    },
  });
  analytics = new KinesisAnalyticsClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials });
  analyticsV2 = new KinesisAnalyticsV2Client({ endpoint: t.runnel.url, region: 'us-east-1', credentials });
});
afterAll(async () => {
  analytics.destroy();
  analyticsV2.destroy();
  await t.stop();
});

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const dsArn = (name: string) => `arn:aws:firehose:us-east-1:000000000000:deliverystream/${name}`;
const appArn = (name: string) => `arn:aws:kinesisanalytics:us-east-1:000000000000:application/${name}`;

const run = () => runAnalytics(t, `lambda-run-${++runs}`);

const readAll = (stream: string) => readStream(t, stream);

const jsonSchema = (columns: [string, string, string][]) => ({
  RecordFormat: { RecordFormatType: 'JSON' as const, MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
  RecordColumns: columns.map(([Name, SqlType, Mapping]) => ({ Name, SqlType, Mapping })),
});

async function createAndStart(name: string, code: string, input: Input, outputs: Output[]) {
  await analytics.send(new CreateApplicationCommand({ ApplicationName: name, ApplicationCode: code, Inputs: [input], Outputs: outputs }));
  await analytics.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] }));
  await waitForApplicationStatus(analytics, name, 'RUNNING');
}

describe('a LambdaOutput', () => {
  it("gets the rows in KDA's output event; a DeliveryFailed record is sent again with retryHint 1, and nothing is sent twice after a successful run", async () => {
    await createActiveStream(t.kinesis, 'sales');
    await createAndStart(
      'to-lambda',
      `CREATE STREAM "OUT" (ID INTEGER, AMOUNT DOUBLE);
CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM ID, AMOUNT FROM "SOURCE_SQL_STREAM_001";`,
      { NamePrefix: 'SOURCE_SQL_STREAM', KinesisStreamsInput: { ResourceARN: streamArn('sales'), RoleARN: ROLE }, InputSchema: jsonSchema([['ID', 'INTEGER', '$.id'], ['AMOUNT', 'DOUBLE', '$.amount']]) },
      [{ Name: 'OUT', DestinationSchema: { RecordFormatType: 'JSON' }, LambdaOutput: { ResourceARN: fn('sink'), RoleARN: ROLE } }],
    );
    const described = (await analytics.send(new DescribeApplicationCommand({ ApplicationName: 'to-lambda' }))).ApplicationDetail!;
    expect(described.OutputDescriptions![0].LambdaOutputDescription).toEqual({ ResourceARN: fn('sink'), RoleARN: ROLE });
    for (const id of [1, 2, 3]) await t.kinesis.send(new PutRecordCommand({ StreamName: 'sales', PartitionKey: String(id), Data: Buffer.from(JSON.stringify({ id, amount: id * 1.5 })) }));
    sink.length = 0;
    await run();
    expect(sink.map((s) => s.event.records.length)).toEqual([3, 1]);
    const [first, retry] = sink;
    expect(first.event.applicationArn).toBe(appArn('to-lambda'));
    expect(first.event.invocationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.event.records.map((r) => [text(r.data), r.lambdaDeliveryRecordMetadata])).toEqual([
      ['{"ID":1,"AMOUNT":1.5}', { retryHint: 0 }],
      ['{"ID":2,"AMOUNT":3}', { retryHint: 0 }],
      ['{"ID":3,"AMOUNT":4.5}', { retryHint: 0 }],
    ]);
    expect(retry.event.records).toEqual([{ recordId: first.event.records[1].recordId, lambdaDeliveryRecordMetadata: { retryHint: 1 }, data: first.event.records[1].data }]);
    expect(sink.flatMap((s) => s.delivered)).toEqual(['{"ID":1,"AMOUNT":1.5}', '{"ID":3,"AMOUNT":4.5}', '{"ID":2,"AMOUNT":3}']);
    await run();
    expect(sink).toHaveLength(2);
  });

  it('a function that keeps failing fails the run without saving it: the next run delivers the same rows again (at-least-once, none lost)', async () => {
    await createActiveStream(t.kinesis, 'refunds');
    await createAndStart(
      'to-lambda-down',
      `CREATE STREAM "OUT" (ID INTEGER);
CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM ID FROM "SOURCE_SQL_STREAM_001";`,
      { NamePrefix: 'SOURCE_SQL_STREAM', KinesisStreamsInput: { ResourceARN: streamArn('refunds'), RoleARN: ROLE }, InputSchema: jsonSchema([['ID', 'INTEGER', '$.id']]) },
      [{ Name: 'OUT', DestinationSchema: { RecordFormatType: 'CSV' }, LambdaOutput: { ResourceARN: fn('sink'), RoleARN: ROLE } }],
    );
    for (const id of [7, 8]) await t.kinesis.send(new PutRecordCommand({ StreamName: 'refunds', PartitionKey: String(id), Data: Buffer.from(JSON.stringify({ id })) }));
    sink.length = 0;
    sinkDownFor = DELIVERY_ATTEMPTS;
    await run();
    expect(sinkDownFor).toBe(0);
    expect(sink).toEqual([]);
    await run();
    expect(sink.map((s) => s.event.records.map((r) => [text(r.data), r.lambdaDeliveryRecordMetadata]))).toEqual([
      [
        ['7', { retryHint: 0 }],
        ['8', { retryHint: 0 }],
      ],
    ]);
  });
});

describe('an InputLambdaProcessor', () => {
  it("gets KDA's preprocessing event; Ok data (several documents too) feeds the SQL, Dropped records vanish, ProcessingFailed ones reach error_stream", async () => {
    await createActiveStream(t.kinesis, 'scores');
    await createActiveStream(t.kinesis, 'scores-out');
    await createActiveStream(t.kinesis, 'scores-errors');
    await createAndStart(
      'preprocessed',
      `CREATE STREAM "OUT" (NAME VARCHAR(8), SCORE INTEGER);
CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM NAME, SCORE FROM "SOURCE_SQL_STREAM_001";`,
      {
        NamePrefix: 'SOURCE_SQL_STREAM',
        KinesisStreamsInput: { ResourceARN: streamArn('scores'), RoleARN: ROLE },
        InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: fn('prep'), RoleARN: ROLE } },
        InputSchema: jsonSchema([['NAME', 'VARCHAR(8)', '$.name'], ['SCORE', 'INTEGER', '$.score']]),
      },
      [
        { Name: 'OUT', DestinationSchema: { RecordFormatType: 'CSV' }, KinesisStreamsOutput: { ResourceARN: streamArn('scores-out'), RoleARN: ROLE } },
        { Name: 'error_stream', DestinationSchema: { RecordFormatType: 'JSON' }, KinesisStreamsOutput: { ResourceARN: streamArn('scores-errors'), RoleARN: ROLE } },
      ],
    );
    const described = (await analytics.send(new DescribeApplicationCommand({ ApplicationName: 'preprocessed' }))).ApplicationDetail!;
    expect(described.InputDescriptions![0].InputProcessingConfigurationDescription).toEqual({ InputLambdaProcessorDescription: { ResourceARN: fn('prep'), RoleARN: ROLE } });
    const puts = [];
    for (const raw of ['ann:3', 'drop:me', 'bad:record', 'two:bo:5|cy:9']) puts.push(await t.kinesis.send(new PutRecordCommand({ StreamName: 'scores', PartitionKey: 'k', Data: Buffer.from(raw) })));
    preprocessed.length = 0;
    await run();
    expect(await readAll('scores-out')).toEqual(['ANN,3', 'BO,5', 'CY,9']);
    const errors = (await readAll('scores-errors')).map((e) => JSON.parse(e));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ERROR_LEVEL: 'ERROR', ERROR_NAME: 'ProcessingFailed', DATA_ROW: Buffer.from('bad:record').toString('hex') });
    expect(preprocessed).toHaveLength(1);
    const [event] = preprocessed;
    expect(event).toMatchObject({ applicationArn: appArn('preprocessed'), streamArn: streamArn('scores') });
    expect(event.records[0]).toEqual({
      recordId: puts[0].SequenceNumber,
      kinesisStreamRecordMetadata: { sequenceNumber: puts[0].SequenceNumber, partitionKey: 'k', shardId: 'shardId-000000000000', approximateArrivalTimestamp: expect.any(Number) },
      data: b64('ann:3'),
    });
  });

  it('is applied to DiscoverInputSchema samples: the schema comes from what the function answered', async () => {
    await createActiveStream(t.kinesis, 'raw-scores');
    for (const raw of ['dee:4', 'drop:x']) await t.kinesis.send(new PutRecordCommand({ StreamName: 'raw-scores', PartitionKey: 'k', Data: Buffer.from(raw) }));
    const discovered = await analytics.send(
      new DiscoverInputSchemaCommand({
        ResourceARN: streamArn('raw-scores'),
        RoleARN: ROLE,
        InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' },
        InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: fn('prep'), RoleARN: ROLE } },
      }),
    );
    expect(discovered.RawInputRecords).toEqual(['dee:4', 'drop:x']);
    expect(discovered.ProcessedInputRecords).toEqual(['{"name":"DEE","score":4}']);
    expect(discovered.InputSchema!.RecordColumns).toEqual([
      { Name: 'name', Mapping: '$.name', SqlType: 'VARCHAR(4)' },
      { Name: 'score', Mapping: '$.score', SqlType: 'INTEGER' },
    ]);
  });
});

describe('a KinesisFirehoseInput', () => {
  it('reads every record put after StartApplication exactly once and in order, across flushes that emptied the buffer to S3', async () => {
    await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'clicks', ExtendedS3DestinationConfiguration: { RoleARN: FIREHOSE_ROLE, BucketARN: 'arn:aws:s3:::clicks' } });
    await createActiveStream(t.kinesis, 'clicks-out');
    const putBatch = (ns: number[]) => t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'clicks', Records: ns.map((n) => ({ Data: Buffer.from(JSON.stringify({ n })) })) }));
    await putBatch([0]);
    await waitForObjects(t.s3, 'clicks', 1);
    await createAndStart(
      'from-firehose',
      `CREATE STREAM "OUT" (N INTEGER);
CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM N FROM "SOURCE_SQL_STREAM_001";`,
      { NamePrefix: 'SOURCE_SQL_STREAM', KinesisFirehoseInput: { ResourceARN: dsArn('clicks'), RoleARN: ROLE }, InputSchema: jsonSchema([['N', 'INTEGER', '$.n']]) },
      [{ Name: 'OUT', DestinationSchema: { RecordFormatType: 'CSV' }, KinesisStreamsOutput: { ResourceARN: streamArn('clicks-out'), RoleARN: ROLE } }],
    );
    expect((await analytics.send(new DescribeApplicationCommand({ ApplicationName: 'from-firehose' }))).ApplicationDetail!.InputDescriptions![0].KinesisFirehoseInputDescription).toEqual({
      ResourceARN: dsArn('clicks'),
      RoleARN: ROLE,
    });
    expect((await putBatch([1, 2, 3])).FailedPutCount).toBe(0);
    await t.firehose.send(new FirehosePutRecordCommand({ DeliveryStreamName: 'clicks', Record: { Data: Buffer.from('{"n":4}') } }));
    expect((await putBatch([5, 6])).FailedPutCount).toBe(0);
    // Firehose delivered them and deleted its buffer items before the application read anything.
    // (One object or several: an interval flush may fall between the puts.)
    // Object keys are second-resolution timestamps plus a UUID: objects of one second sort in any order.
    const delivered = async () => (await listObjects(t.s3, 'clicks')).flatMap((o) => o.body.toString().match(/\{[^}]*\}/g) ?? []).sort();
    await eventually(async () => expect(await delivered()).toEqual(['{"n":0}', '{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}', '{"n":6}']));
    skew += READ_LAG_MS + 100;
    await run();
    expect(await readAll('clicks-out')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect((await putBatch([7, 8])).FailedPutCount).toBe(0);
    await waitForObjects(t.s3, 'clicks', 3);
    skew += READ_LAG_MS + 100;
    await run();
    await run();
    expect(await readAll('clicks-out')).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it("sends a preprocessor Firehose's record metadata (kinesisFirehoseRecordMetadata) and the delivery stream's ARN", async () => {
    await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'logins', ExtendedS3DestinationConfiguration: { RoleARN: FIREHOSE_ROLE, BucketARN: 'arn:aws:s3:::logins' } });
    await createActiveStream(t.kinesis, 'logins-out');
    await createAndStart(
      'logins-app',
      `CREATE STREAM "OUT" (NAME VARCHAR(8), SCORE INTEGER);
CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM NAME, SCORE FROM "SOURCE_SQL_STREAM_001";`,
      {
        NamePrefix: 'SOURCE_SQL_STREAM',
        KinesisFirehoseInput: { ResourceARN: dsArn('logins'), RoleARN: ROLE },
        InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: fn('prep'), RoleARN: ROLE } },
        InputSchema: jsonSchema([['NAME', 'VARCHAR(8)', '$.name'], ['SCORE', 'INTEGER', '$.score']]),
      },
      [{ Name: 'OUT', DestinationSchema: { RecordFormatType: 'CSV' }, KinesisStreamsOutput: { ResourceARN: streamArn('logins-out'), RoleARN: ROLE } }],
    );
    const put = await t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'logins', Records: [{ Data: Buffer.from('eve:2') }, { Data: Buffer.from('drop:y') }] }));
    preprocessed.length = 0;
    skew += READ_LAG_MS + 100;
    await run();
    expect(await readAll('logins-out')).toEqual(['EVE,2']);
    expect(preprocessed).toHaveLength(1);
    expect(preprocessed[0]).toMatchObject({ applicationArn: appArn('logins-app'), streamArn: dsArn('logins') });
    expect(preprocessed[0].records).toEqual([
      { recordId: put.RequestResponses![0].RecordId, kinesisFirehoseRecordMetadata: { approximateArrivalTimestamp: expect.any(Number) }, data: b64('eve:2') },
      { recordId: put.RequestResponses![1].RecordId, kinesisFirehoseRecordMetadata: { approximateArrivalTimestamp: expect.any(Number) }, data: b64('drop:y') },
    ]);
  });

  it('refuses TRIM_HORIZON, which KDA does not offer for a Firehose source', async () => {
    await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'views', ExtendedS3DestinationConfiguration: { RoleARN: FIREHOSE_ROLE, BucketARN: 'arn:aws:s3:::views' } });
    await analytics.send(
      new CreateApplicationCommand({
        ApplicationName: 'views-app',
        ApplicationCode: 'CREATE STREAM "OUT" (N INTEGER); CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM N FROM "SOURCE_SQL_STREAM_001";',
        Inputs: [{ NamePrefix: 'SOURCE_SQL_STREAM', KinesisFirehoseInput: { ResourceARN: dsArn('views'), RoleARN: ROLE }, InputSchema: jsonSchema([['N', 'INTEGER', '$.n']]) }],
      }),
    );
    await expectAwsError(
      analytics.send(new StartApplicationCommand({ ApplicationName: 'views-app', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }] })),
      'InvalidArgumentException',
      'Application views-app reads a Kinesis Firehose delivery stream: InputStartingPosition TRIM_HORIZON is not available for a Kinesis Firehose delivery stream.',
    );
  });
});

describe('the v2 API', () => {
  it('takes Lambda outputs, preprocessors and Firehose inputs without roles and describes them by ResourceARN (the service execution role is the application’s)', async () => {
    const created = await analyticsV2.send(
      new CreateV2Command({
        ApplicationName: 'v2-lambda',
        RuntimeEnvironment: 'SQL-1_0',
        ServiceExecutionRole: ROLE,
        ApplicationConfiguration: {
          ApplicationCodeConfiguration: {
            CodeContentType: 'PLAINTEXT',
            CodeContent: { TextContent: 'CREATE STREAM "OUT" (N INTEGER); CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM N FROM "SOURCE_SQL_STREAM_001";' },
          },
          SqlApplicationConfiguration: {
            Inputs: [
              {
                NamePrefix: 'SOURCE_SQL_STREAM',
                KinesisFirehoseInput: { ResourceARN: dsArn('clicks') },
                InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: fn('prep') } },
                InputSchema: jsonSchema([['N', 'INTEGER', '$.n']]),
              },
            ],
            Outputs: [{ Name: 'OUT', DestinationSchema: { RecordFormatType: 'JSON' }, LambdaOutput: { ResourceARN: fn('sink') } }],
          },
        },
      }),
    );
    const sql = created.ApplicationDetail!.ApplicationConfigurationDescription!.SqlApplicationConfigurationDescription!;
    expect(sql.InputDescriptions![0]).toMatchObject({
      KinesisFirehoseInputDescription: { ResourceARN: dsArn('clicks') },
      InputProcessingConfigurationDescription: { InputLambdaProcessorDescription: { ResourceARN: fn('prep') } },
    });
    expect(sql.InputDescriptions![0].KinesisFirehoseInputDescription).toEqual({ ResourceARN: dsArn('clicks') });
    expect(sql.OutputDescriptions![0].LambdaOutputDescription).toEqual({ ResourceARN: fn('sink') });
    // As on AWS, the v1 API does not touch what v2 created.
    const v1 = (await analytics.send(new DescribeApplicationCommand({ ApplicationName: 'v2-lambda' })).catch((e: Error) => e)) as Error;
    expect(v1.name).toBe('UnsupportedOperationException');
  });
});
