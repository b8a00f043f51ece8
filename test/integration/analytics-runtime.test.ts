/**
 * Applications running on real Runnel streams: input read through Kinesis's checkpointed reader,
 * output written to another stream, time from the injected clock so windows are exact.
 */
import { AddApplicationOutputCommand, CreateApplicationCommand, DiscoverInputSchemaCommand, StartApplicationCommand, StopApplicationCommand, type InputStartingPosition } from '@aws-sdk/client-kinesis-analytics';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStream, ROLE, runAnalytics, startAnalyticsRunnel, streamArn, waitForApplicationStatus, type AnalyticsRunnel } from '../support/analytics';
import { createActiveStream, expectAwsError } from '../support/local';
import { runningApplications } from '../../lambdas/analytics/store/applications';
import { claimRun, releaseRun } from '../../lambdas/analytics/store/runtime-state';

let t: AnalyticsRunnel;
let now = Date.parse('2026-03-02T10:00:00Z');
let runs = 0;
beforeAll(async () => {
  t = await startAnalyticsRunnel({ clock: () => now, scheduleIntervalMs: 3_600_000 });
});
afterAll(() => t.stop());

/** One run of the scheduled runner, as its schedule starts it. */
const run = () => runAnalytics(t, `run-${++runs}`);

const put = (stream: string, doc: object) => t.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data: Buffer.from(JSON.stringify(doc)) }));

const readAll = (stream: string) => readStream(t, stream);

async function createApp(name: string, input: string, output: string, code: string, columns: { Name: string; SqlType: string; Mapping: string }[]) {
  await createActiveStream(t.kinesis, input);
  await createActiveStream(t.kinesis, output);
  await t.analytics.send(
    new CreateApplicationCommand({
      ApplicationName: name,
      ApplicationCode: code,
      Inputs: [
        {
          NamePrefix: 'SOURCE_SQL_STREAM',
          KinesisStreamsInput: { ResourceARN: streamArn(input), RoleARN: ROLE },
          InputSchema: { RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } }, RecordColumns: columns },
        },
      ],
      Outputs: [{ Name: 'DESTINATION_SQL_STREAM', DestinationSchema: { RecordFormatType: 'JSON' }, KinesisStreamsOutput: { ResourceARN: streamArn(output), RoleARN: ROLE } }],
    }),
  );
}

async function start(name: string, position: `${InputStartingPosition}`) {
  await t.analytics.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: position } }] }));
  await waitForApplicationStatus(t.analytics, name, 'RUNNING');
}

const FILTER = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change REAL, price REAL);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM ticker_symbol, sector, change, price
FROM "SOURCE_SQL_STREAM_001"
WHERE sector SIMILAR TO '%TECH%';`;
const TICK_COLUMNS = [
  { Name: 'TICKER_SYMBOL', SqlType: 'VARCHAR(4)', Mapping: '$.TICKER_SYMBOL' },
  { Name: 'SECTOR', SqlType: 'VARCHAR(16)', Mapping: '$.SECTOR' },
  { Name: 'CHANGE', SqlType: 'REAL', Mapping: '$.CHANGE' },
  { Name: 'PRICE', SqlType: 'REAL', Mapping: '$.PRICE' },
];
const tick = (TICKER_SYMBOL: string, SECTOR: string, CHANGE: number, PRICE: number) => ({ TICKER_SYMBOL, SECTOR, CHANGE, PRICE });

describe('a running application', () => {
  it('filters a Runnel stream into another (the console template), from TRIM_HORIZON', async () => {
    await createApp('tech', 'ticks', 'tech-ticks', FILTER, TICK_COLUMNS);
    for (const r of [tick('QXZ', 'HEALTHCARE', -0.05, 84.51), tick('BNM', 'TECHNOLOGY', -1.55, 174.61), tick('JKL', 'TECHNOLOGY', 0.11, 15.21), tick('WFC', 'FINANCIAL', -0.9, 45.89)]) {
      await put('ticks', r);
    }
    await start('tech', 'TRIM_HORIZON');
    await run();
    expect(await readAll('tech-ticks')).toEqual([
      '{"TICKER_SYMBOL":"BNM","SECTOR":"TECHNOLOGY","CHANGE":-1.55,"PRICE":174.61}',
      '{"TICKER_SYMBOL":"JKL","SECTOR":"TECHNOLOGY","CHANGE":0.11,"PRICE":15.21}',
    ]);
    await run();
    expect(await readAll('tech-ticks')).toHaveLength(2);
  });

  it('resumes at LAST_STOPPED_POINT with the records written while it was stopped, none twice', async () => {
    await put('ticks', tick('AAA', 'TECHNOLOGY', 1, 10));
    await run();
    await t.analytics.send(new StopApplicationCommand({ ApplicationName: 'tech' }));
    await waitForApplicationStatus(t.analytics, 'tech', 'READY');
    await put('ticks', tick('BBB', 'TECHNOLOGY', 2, 20));
    await put('ticks', tick('CCC', 'RETAIL', 3, 30));
    await run();
    expect((await readAll('tech-ticks')).map((r) => JSON.parse(r).TICKER_SYMBOL)).toEqual(['BNM', 'JKL', 'AAA']);
    await start('tech', 'LAST_STOPPED_POINT');
    await run();
    expect((await readAll('tech-ticks')).map((r) => JSON.parse(r).TICKER_SYMBOL)).toEqual(['BNM', 'JKL', 'AAA', 'BBB']);
  });

  it('skips a run while another run holds the application, and picks the records up after', async () => {
    const app = (await runningApplications(t.runnel.runtime)).find((a) => a.name === 'tech')!;
    expect(await claimRun(t.runnel.runtime, app.id, 60_000)).toBe(true);
    await put('ticks', tick('DDD', 'TECHNOLOGY', 4, 40));
    await run();
    expect(await readAll('tech-ticks')).toHaveLength(4);
    await releaseRun(t.runnel.runtime, app.id);
    await run();
    expect((await readAll('tech-ticks')).map((r) => JSON.parse(r).TICKER_SYMBOL)).toEqual(['BNM', 'JKL', 'AAA', 'BBB', 'DDD']);
  });

  it('sends records that do not fit the input schema to an error_stream output, and keeps going', async () => {
    await createApp('checked', 'raw-ticks', 'checked-out', FILTER, TICK_COLUMNS);
    await createActiveStream(t.kinesis, 'tick-errors');
    await t.analytics.send(
      new AddApplicationOutputCommand({
        ApplicationName: 'checked',
        CurrentApplicationVersionId: 1,
        Output: { Name: 'error_stream', DestinationSchema: { RecordFormatType: 'JSON' }, KinesisStreamsOutput: { ResourceARN: streamArn('tick-errors'), RoleARN: ROLE } },
      }),
    );
    await start('checked', 'TRIM_HORIZON');
    const bad = '{"TICKER_SYMBOL":"BAD","SECTOR":"TECHNOLOGY","CHANGE":1,"PRICE":"n/a"}';
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'raw-ticks', PartitionKey: 'p', Data: Buffer.from(bad) }));
    await put('raw-ticks', tick('OK', 'TECHNOLOGY', 1, 1));
    await run();
    expect((await readAll('checked-out')).map((r) => JSON.parse(r).TICKER_SYMBOL)).toEqual(['OK']);
    const errors = (await readAll('tick-errors')).map((r) => JSON.parse(r));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ERROR_LEVEL: 'ERROR', ERROR_NAME: 'CoercionError', DATA_ROW: Buffer.from(bad).toString('hex') });
  });

  it('closes a tumbling window when time passes its end, with or without new input', async () => {
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER VARCHAR(4), MIN_PRICE REAL, MAX_PRICE REAL);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM TICKER, MIN(PRICE), MAX(PRICE)
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY TICKER,
            STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`;
    now = Date.parse('2026-03-02T11:00:00Z');
    await createApp('minmax', 'prices', 'minmax-out', code, [
      { Name: 'TICKER', SqlType: 'VARCHAR(4)', Mapping: '$.TICKER' },
      { Name: 'PRICE', SqlType: 'REAL', Mapping: '$.PRICE' },
    ]);
    await start('minmax', 'NOW');
    const at = async (time: string, doc?: object) => {
      now = Date.parse(`2026-03-02T${time}Z`);
      if (doc) await put('prices', doc);
      await run();
    };
    await at('11:00:05', { TICKER: 'TBV', PRICE: 33.11 });
    await at('11:00:20', { TICKER: 'INTC', PRICE: 62.04 });
    await at('11:00:40', { TICKER: 'TBV', PRICE: 40.97 });
    expect(await readAll('minmax-out')).toEqual([]);
    await at('11:01:10', { TICKER: 'AMZN', PRICE: 27.9 });
    expect(await readAll('minmax-out')).toEqual(['{"TICKER":"TBV","MIN_PRICE":33.11,"MAX_PRICE":40.97}', '{"TICKER":"INTC","MIN_PRICE":62.04,"MAX_PRICE":62.04}']);
    await at('11:02:30');
    expect((await readAll('minmax-out')).slice(2)).toEqual(['{"TICKER":"AMZN","MIN_PRICE":27.9,"MAX_PRICE":27.9}']);
  });
});

describe('DiscoverInputSchema', () => {
  const discover = (stream: string) =>
    t.analytics.send(new DiscoverInputSchemaCommand({ ResourceARN: streamArn(stream), RoleARN: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }));

  it('infers a JSON schema from a stream\'s records, renaming what SQL cannot name', async () => {
    await createActiveStream(t.kinesis, 'samples');
    await put('samples', { ticker: 'AMZN', price: 84.5, qty: 3, 'user@domain': 'a@b.c', ok: true });
    await put('samples', { ticker: 'BNM', price: 17, qty: 40, 'user@domain': 'someone@example.com', ok: false });
    const d = await discover('samples');
    expect(d.InputSchema).toEqual({
      RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
      RecordEncoding: 'UTF-8',
      RecordColumns: [
        { Name: 'ticker', Mapping: '$.ticker', SqlType: 'VARCHAR(4)' },
        { Name: 'price', Mapping: '$.price', SqlType: 'DOUBLE' },
        { Name: 'qty', Mapping: '$.qty', SqlType: 'INTEGER' },
        { Name: 'COL_userdomain', Mapping: '$.user@domain', SqlType: 'VARCHAR(32)' },
        { Name: 'ok', Mapping: '$.ok', SqlType: 'BOOLEAN' },
      ],
    });
    expect(d.ParsedInputRecords).toEqual([
      ['AMZN', '84.5', '3', 'a@b.c', 'true'],
      ['BNM', '17', '40', 'someone@example.com', 'false'],
    ]);
    expect(d.RawInputRecords).toHaveLength(2);
  });

  it('infers CSV columns, and finds nothing to infer from an empty stream', async () => {
    await createActiveStream(t.kinesis, 'csv-samples');
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'csv-samples', PartitionKey: 'p', Data: Buffer.from('AMZN,84.5\nBNM,17') }));
    const d = await discover('csv-samples');
    expect(d.InputSchema!.RecordFormat!.RecordFormatType).toBe('CSV');
    expect(d.InputSchema!.RecordColumns).toEqual([
      { Name: 'COL_1', SqlType: 'VARCHAR(4)' },
      { Name: 'COL_2', SqlType: 'DOUBLE' },
    ]);
    await createActiveStream(t.kinesis, 'empty');
    await expectAwsError(discover('empty'), 'UnableToDetectSchemaException', `No records were found in ${streamArn('empty')} to discover a schema from.`);
  });
});
