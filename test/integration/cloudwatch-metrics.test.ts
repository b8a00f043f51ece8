/**
 * The local endpoint's CloudWatch metrics: the stock @aws-sdk/client-cloudwatch (awsJson 1.0,
 * query-compatible) and hand-signed AWS Query requests (form-encoded, XML answers) against a real
 * local Runnel. Data points are put at known times a couple of hours back, so every statistic has
 * one right value.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  paginateListMetrics,
  PutMetricDataCommand,
  type Metric,
  type MetricDatum,
} from '@aws-sdk/client-cloudwatch';
import { AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import { parseXML } from '@aws-sdk/xml-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../lambdas/protocol/dispatch';
import { SERVICES } from '../../lambdas/services';
import { awsCli, awsCliSkipNote } from '../support/aws-cli';
import { credentials, expectAwsError, startRunnel, type TestRunnel } from '../support/local';
import { send, signedFormPost, signedPost } from '../support/raw';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A whole hour, two to three hours ago: far enough back for six minutes of data, well within two weeks. */
const base = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
const at = (ms: number) => new Date(base + ms);

let t: TestRunnel;
let cw: CloudWatchClient;
beforeAll(async () => {
  t = await startRunnel();
  cw = new CloudWatchClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  await cw.send(new PutMetricDataCommand({ Namespace: NS, MetricData: latency }));
});
afterAll(async () => {
  cw?.destroy();
  await t?.stop();
});

const NS = 'Runnel/Test';
const dims = [
  { Name: 'Service', Value: 'api' },
  { Name: 'Stage', Value: 'prod' },
];

/**
 * Latency in three one-minute intervals: [base, +60 s) holds 10 and 1, 2, 3, 3 (count 5, sum 19,
 * min 1, max 10); [+60 s, +120 s) a statistic set of 5 samples summing 50 in [2, 20]; [+120 s,
 * +180 s) one 7.
 */
const latency: MetricDatum[] = [
  { MetricName: 'Latency', Dimensions: dims, Timestamp: at(10_000), Value: 10, Unit: 'Milliseconds' },
  { MetricName: 'Latency', Dimensions: dims, Timestamp: at(20_000), Values: [1, 2, 3], Counts: [1, 1, 2], Unit: 'Milliseconds' },
  { MetricName: 'Latency', Dimensions: [...dims].reverse(), Timestamp: at(70_000), StatisticValues: { SampleCount: 5, Sum: 50, Minimum: 2, Maximum: 20 }, Unit: 'Milliseconds' },
  { MetricName: 'Latency', Dimensions: dims, Timestamp: at(130_000), Value: 7, Unit: 'Milliseconds' },
];

describe('PutMetricData and GetMetricStatistics (JSON protocol, stock client)', () => {
  const stats = ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'] as const;
  const query = { Namespace: NS, MetricName: 'Latency', Dimensions: dims, StartTime: at(0), EndTime: at(180_000), Statistics: [...stats] };

  it('aggregates values, values with counts and statistic sets per one-minute period', async () => {
    const out = await cw.send(new GetMetricStatisticsCommand({ ...query, Period: 60 }));
    expect(out.Label).toBe('Latency');
    expect(out.Datapoints).toEqual([
      { Timestamp: at(0), SampleCount: 5, Sum: 19, Average: 3.8, Minimum: 1, Maximum: 10, Unit: 'Milliseconds' },
      { Timestamp: at(60_000), SampleCount: 5, Sum: 50, Average: 10, Minimum: 2, Maximum: 20, Unit: 'Milliseconds' },
      { Timestamp: at(120_000), SampleCount: 1, Sum: 7, Average: 7, Minimum: 7, Maximum: 7, Unit: 'Milliseconds' },
    ]);
  });

  it('merges intervals into longer periods, starts at the minute and leaves the end out', async () => {
    const out = await cw.send(new GetMetricStatisticsCommand({ ...query, StartTime: at(30_000), EndTime: at(120_000), Period: 120, Statistics: ['Sum', 'SampleCount', 'Maximum'] }));
    // 00:00:30 is rounded down to 00:00:00; the interval at +120 s is at the (exclusive) end.
    expect(out.Datapoints).toEqual([{ Timestamp: at(0), Sum: 69, SampleCount: 10, Maximum: 20, Unit: 'Milliseconds' }]);
  });

  it('finds a metric by exactly its dimensions and keeps units apart', async () => {
    const subset = await cw.send(new GetMetricStatisticsCommand({ ...query, Dimensions: [dims[0]], Period: 60 }));
    expect(subset.Datapoints).toEqual([]);
    const otherUnit = await cw.send(new GetMetricStatisticsCommand({ ...query, Period: 60, Unit: 'Count' }));
    expect(otherUnit.Datapoints).toEqual([]);
    const sameUnit = await cw.send(new GetMetricStatisticsCommand({ ...query, Period: 60, Unit: 'Milliseconds' }));
    expect(sameUnit.Datapoints).toHaveLength(3);
  });

  it('refuses more than 1,440 datapoints, a start not before the end, and no statistics', async () => {
    await expectAwsError(
      cw.send(new GetMetricStatisticsCommand({ ...query, EndTime: at(1_441 * MINUTE), Period: 60 })),
      'InvalidParameterCombinationException',
      'You have requested up to 1,441 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
    );
    await expectAwsError(cw.send(new GetMetricStatisticsCommand({ ...query, EndTime: at(0), Period: 60 })), 'InvalidParameterValueException', 'The parameter StartTime must be less than the parameter EndTime.');
    await expectAwsError(cw.send(new GetMetricStatisticsCommand({ ...query, Statistics: undefined, Period: 60 })), 'MissingRequiredParameterException');
    await expectAwsError(cw.send(new GetMetricStatisticsCommand({ ...query, Period: 45 })), 'InvalidParameterValueException', 'The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.');
  });

  it('keeps high-resolution data per second', async () => {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: NS,
        MetricData: [1, 2, 3, 11].map((s) => ({ MetricName: 'Fast', Timestamp: at(s * 1000 + 500), Value: s, StorageResolution: 1 })),
      }),
    );
    const out = await cw.send(new GetMetricStatisticsCommand({ Namespace: NS, MetricName: 'Fast', StartTime: at(0), EndTime: at(60_000), Period: 10, Statistics: ['Sum'] }));
    expect(out.Datapoints).toEqual([
      { Timestamp: at(0), Sum: 6, Unit: 'None' },
      { Timestamp: at(10_000), Sum: 11, Unit: 'None' },
    ]);
  });
});

describe('ListMetrics', () => {
  beforeAll(async () => {
    const when = at(0);
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'Runnel/List',
        MetricData: [
          { MetricName: 'A', Dimensions: [{ Name: 'Shard', Value: 's1' }], Value: 1, Timestamp: when },
          { MetricName: 'A', Dimensions: [{ Name: 'Shard', Value: 's2' }], Value: 1, Timestamp: when },
          { MetricName: 'B', Dimensions: [{ Name: 'Shard', Value: 's1' }, { Name: 'Op', Value: 'get' }], Value: 1, Timestamp: when },
          { MetricName: 'C', Value: 1, Timestamp: when },
        ],
      }),
    );
  });

  const names = (metrics: Metric[] | undefined) => (metrics ?? []).map((m) => `${m.MetricName}${(m.Dimensions ?? []).map((d) => `,${d.Name}=${d.Value}`).join('')}`);

  it('filters by namespace, metric name and dimensions (name alone, or name and value)', async () => {
    const all = await cw.send(new ListMetricsCommand({ Namespace: 'Runnel/List' }));
    expect(names(all.Metrics)).toEqual(['A,Shard=s1', 'A,Shard=s2', 'B,Op=get,Shard=s1', 'C']);
    expect(all.Metrics![0]).toEqual({ Namespace: 'Runnel/List', MetricName: 'A', Dimensions: [{ Name: 'Shard', Value: 's1' }] });
    expect(names((await cw.send(new ListMetricsCommand({ Namespace: 'Runnel/List', MetricName: 'A' }))).Metrics)).toEqual(['A,Shard=s1', 'A,Shard=s2']);
    expect(names((await cw.send(new ListMetricsCommand({ Namespace: 'Runnel/List', Dimensions: [{ Name: 'Shard', Value: 's1' }] }))).Metrics)).toEqual(['A,Shard=s1', 'B,Op=get,Shard=s1']);
    expect(names((await cw.send(new ListMetricsCommand({ Dimensions: [{ Name: 'Op' }] }))).Metrics)).toEqual(['B,Op=get,Shard=s1']);
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Runnel/Nothing' }))).Metrics).toEqual([]);
  });

  it('pages 500 at a time with NextToken (and the SDK paginator), refusing a forged token', async () => {
    // 600 data points make a body over 10 KB, which the SDK sends gzip-compressed.
    const data = Array.from({ length: 600 }, (_, i) => ({ MetricName: `M${String(i).padStart(3, '0')}`, Value: i, Timestamp: at(0) }));
    await cw.send(new PutMetricDataCommand({ Namespace: 'Runnel/Paging', MetricData: data }));
    const first = await cw.send(new ListMetricsCommand({ Namespace: 'Runnel/Paging' }));
    expect(first.Metrics).toHaveLength(500);
    expect(first.NextToken).toBeDefined();
    const second = await cw.send(new ListMetricsCommand({ Namespace: 'Runnel/Paging', NextToken: first.NextToken }));
    expect(second.Metrics).toHaveLength(100);
    expect(second.NextToken).toBeUndefined();
    expect(names([...first.Metrics!, ...second.Metrics!])).toEqual(data.map((d) => d.MetricName));
    const paged: string[] = [];
    for await (const page of paginateListMetrics({ client: cw }, { Namespace: 'Runnel/Paging' })) paged.push(...names(page.Metrics));
    expect(paged).toEqual(data.map((d) => d.MetricName));
    await expectAwsError(cw.send(new ListMetricsCommand({ Namespace: 'Runnel/List', NextToken: first.NextToken })), 'InvalidNextToken');
  });

  it('keeps metrics per region', async () => {
    const eu = new CloudWatchClient({ endpoint: t.runnel.url, region: 'eu-west-1', credentials, maxAttempts: 1 });
    expect((await eu.send(new ListMetricsCommand({ Namespace: 'Runnel/List' }))).Metrics).toEqual([]);
    eu.destroy();
  });
});

describe('GetMetricData', () => {
  const metric = { Namespace: NS, MetricName: 'Latency', Dimensions: dims };
  const queries = [
    { Id: 'sum', MetricStat: { Metric: metric, Period: 60, Stat: 'Sum' } },
    { Id: 'peak', Label: 'Peak latency', MetricStat: { Metric: metric, Period: 120, Stat: 'Maximum' } },
    { Id: 'hidden', ReturnData: false, MetricStat: { Metric: metric, Period: 60, Stat: 'SampleCount' } },
  ];
  it('answers each MetricStat query as a series, newest first by default', async () => {
    const out = await cw.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: at(0), EndTime: at(180_000) }));
    expect(out.NextToken).toBeUndefined();
    expect(out.MetricDataResults).toEqual([
      { Id: 'sum', Label: 'Latency', Timestamps: [at(120_000), at(60_000), at(0)], Values: [7, 50, 19], StatusCode: 'Complete', Messages: [] },
      { Id: 'peak', Label: 'Peak latency', Timestamps: [at(120_000), at(0)], Values: [7, 20], StatusCode: 'Complete', Messages: [] },
    ]);
  });

  it('scans oldest first with TimestampAscending', async () => {
    const out = await cw.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: at(0), EndTime: at(180_000), ScanBy: 'TimestampAscending' }));
    expect(out.MetricDataResults!.map((r) => [r.Timestamps, r.Values])).toEqual([
      [[at(0), at(60_000), at(120_000)], [19, 50, 7]],
      [[at(0), at(120_000)], [20, 7]],
    ]);
  });

  it('pages by MaxDatapoints, marking series cut short PartialData', async () => {
    const input = { MetricDataQueries: queries, StartTime: at(0), EndTime: at(180_000), ScanBy: 'TimestampAscending' as const, MaxDatapoints: 2 };
    const seen: Record<string, number[]> = { sum: [], peak: [] };
    const statuses: string[][] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await cw.send(new GetMetricDataCommand({ ...input, NextToken: token }));
      for (const r of out.MetricDataResults!) seen[r.Id!].push(...r.Values!);
      statuses.push(out.MetricDataResults!.map((r) => r.StatusCode!));
      token = out.NextToken;
      pages++;
    } while (token && pages < 10);
    expect(seen).toEqual({ sum: [19, 50, 7], peak: [20, 7] });
    expect(statuses).toEqual([
      ['PartialData', 'PartialData'],
      ['Complete', 'PartialData'],
      ['Complete', 'Complete'],
    ]);
  });

  it('refuses expressions, percentiles and duplicate ids', async () => {
    const range = { StartTime: at(0), EndTime: at(180_000) };
    await expectAwsError(cw.send(new GetMetricDataCommand({ ...range, MetricDataQueries: [{ Id: 'e', Expression: 'SUM(METRICS())' }] })), 'InvalidParameterValueException');
    await expectAwsError(cw.send(new GetMetricDataCommand({ ...range, MetricDataQueries: [{ Id: 'p', MetricStat: { Metric: metric, Period: 60, Stat: 'p99' } }] })), 'InvalidParameterValueException');
    await expectAwsError(cw.send(new GetMetricDataCommand({ ...range, MetricDataQueries: [queries[0], queries[0]] })), 'InvalidParameterValueException');
    await expectAwsError(cw.send(new GetMetricDataCommand({ ...range, MetricDataQueries: [{ Id: 'Upper', MetricStat: queries[0].MetricStat }] })), 'InvalidParameterValueException');
  });
});

describe('PutMetricData validation', () => {
  const put = (input: Partial<ConstructorParameters<typeof PutMetricDataCommand>[0]>) => cw.send(new PutMetricDataCommand({ Namespace: 'Runnel/Invalid', MetricData: [{ MetricName: 'X', Value: 1 }], ...input }));
  const datum = (d: Partial<MetricDatum>) => put({ MetricData: [{ MetricName: 'X', ...d }] });

  it('answers each documented rule with its error code, and stores nothing of a refused request', async () => {
    await expectAwsError(put({ Namespace: undefined }), 'MissingRequiredParameterException', 'The parameter Namespace is required.');
    await expectAwsError(put({ Namespace: 'AWS/Kinesis' }), 'InvalidParameterValueException', /^The value AWS\/Kinesis for parameter Namespace is invalid/);
    await expectAwsError(put({ MetricData: [] }), 'MissingRequiredParameterException', 'The parameter MetricData is required.');
    await expectAwsError(put({ MetricData: Array.from({ length: 1_001 }, () => ({ MetricName: 'X', Value: 1 })) }), 'InvalidParameterValueException', 'The collection MetricData must not have a size greater than 1000.');
    await expectAwsError(datum({ Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }), 'InvalidParameterCombinationException', 'The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.');
    await expectAwsError(datum({ Values: [1, 2], Counts: [1] }), 'InvalidParameterValueException', 'The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size.');
    await expectAwsError(datum({ Values: Array.from({ length: 151 }, (_, i) => i) }), 'InvalidParameterValueException');
    await expectAwsError(datum({ StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1 } as never }), 'MissingRequiredParameterException', 'The parameter MetricData.member.1.StatisticValues.Maximum is required.');
    await expectAwsError(datum({ Value: NaN }), 'InvalidParameterValueException', 'The value NaN for parameter MetricData.member.1.Value is invalid.');
    await expectAwsError(datum({ Value: 1e200 }), 'InvalidParameterValueException');
    await expectAwsError(datum({}), 'MissingRequiredParameterException', 'The parameter MetricData.member.1.Value is required.');
    await expectAwsError(datum({ Value: 1, Unit: 'Furlongs' as never }), 'InvalidParameterValueException', 'The value Furlongs for parameter MetricData.member.1.Unit is invalid.');
    await expectAwsError(datum({ Value: 1, StorageResolution: 30 }), 'InvalidParameterValueException');
    await expectAwsError(datum({ Value: 1, Timestamp: new Date(Date.now() - 15 * 24 * HOUR) }), 'InvalidParameterValueException', 'The parameter MetricData.member.1.Timestamp must specify a time within the past two weeks.');
    await expectAwsError(datum({ Value: 1, Timestamp: new Date(Date.now() + 3 * HOUR) }), 'InvalidParameterValueException');
    const many = Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: 'v' }));
    await expectAwsError(datum({ Value: 1, Dimensions: many }), 'InvalidParameterValueException', 'The collection MetricData.member.1.Dimensions must not have a size greater than 30.');
    await expectAwsError(datum({ Value: 1, Dimensions: [{ Name: 'a', Value: 'x' }, { Name: 'a', Value: 'y' }] }), 'InvalidParameterValueException');
    await expectAwsError(datum({ Value: 1, Dimensions: [{ Name: 'a' } as never] }), 'MissingRequiredParameterException');
    await expectAwsError(put({ MetricData: [{ MetricName: 'Good', Value: 1 }, { MetricName: 'Bad', Value: 1, StorageResolution: 5 }] }), 'InvalidParameterValueException');
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Runnel/Invalid' }))).Metrics).toEqual([]);
  });

  it('answers operations it does not serve with InvalidAction in the query-compatible shape', async () => {
    await expectAwsError(cw.send(new DescribeAlarmsCommand({})), 'InvalidAction', 'The action or operation requested is invalid. Verify that the action is typed correctly.');
    const res = await signedPost(t.runnel.url, { target: 'GraniteServiceVersion20100801.DescribeAlarms', contentType: 'application/x-amz-json-1.0', body: '{}', credentials });
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-query-error']).toBe('InvalidAction;Sender');
    expect(JSON.parse(res.body.toString())).toEqual({ __type: 'UnknownOperationException', message: 'The action or operation requested is invalid. Verify that the action is typed correctly.' });
  });
});

/** The XML of a query answer as nested objects; `member` lists always arrays. */
function xml(body: Buffer): Record<string, any> {
  return parseXML(body.toString('utf8')) as Record<string, any>;
}
const members = <T>(list: { member?: T | T[] } | '' | undefined): T[] => (!list ? [] : Array.isArray(list.member) ? list.member : list.member === undefined ? [] : [list.member]);

describe('AWS Query protocol (form-encoded, XML)', () => {
  const query = (params: Record<string, string | number>, extra: { gzip?: boolean; creds?: typeof credentials } = {}) => {
    const form = new URLSearchParams({ Version: '2010-08-01', ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) }).toString();
    const body = extra.gzip ? gzipSync(form) : form;
    return signedFormPost(t.runnel.url, { body, credentials: extra.creds ?? credentials, service: 'monitoring', headers: extra.gzip ? { 'content-encoding': 'gzip' } : {} });
  };

  it('takes PutMetricData as the query SDKs send it and answers in CloudWatch XML', async () => {
    const res = await query({
      Action: 'PutMetricData',
      Namespace: 'Runnel/Query',
      'MetricData.member.1.MetricName': 'Records',
      'MetricData.member.1.Dimensions.member.1.Name': 'StreamName',
      'MetricData.member.1.Dimensions.member.1.Value': 'orders',
      'MetricData.member.1.Timestamp': at(5_000).toISOString(),
      'MetricData.member.1.Value': 4,
      'MetricData.member.1.Unit': 'Count',
      'MetricData.member.2.MetricName': 'Records',
      'MetricData.member.2.Dimensions.member.1.Name': 'StreamName',
      'MetricData.member.2.Dimensions.member.1.Value': 'orders',
      'MetricData.member.2.Timestamp': at(6_000).toISOString(),
      'MetricData.member.2.Values.member.1': 1,
      'MetricData.member.2.Values.member.2': 5,
      'MetricData.member.2.Counts.member.1': 2,
      'MetricData.member.2.Counts.member.2': 1,
      'MetricData.member.2.Unit': 'Count',
      'MetricData.member.3.MetricName': 'Records',
      'MetricData.member.3.Dimensions.member.1.Name': 'StreamName',
      'MetricData.member.3.Dimensions.member.1.Value': 'orders',
      'MetricData.member.3.Timestamp': at(65_000).toISOString(),
      'MetricData.member.3.StatisticValues.SampleCount': 3,
      'MetricData.member.3.StatisticValues.Sum': 30,
      'MetricData.member.3.StatisticValues.Minimum': 5,
      'MetricData.member.3.StatisticValues.Maximum': 15,
      'MetricData.member.3.Unit': 'Count',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml');
    const doc = xml(res.body);
    expect(doc.PutMetricDataResponse.xmlns).toBe('http://monitoring.amazonaws.com/doc/2010-08-01/');
    expect(doc.PutMetricDataResponse.ResponseMetadata.RequestId).toMatch(/^[0-9a-f-]{36}$/);

    // What the query client put, the JSON client reads.
    const stats = await cw.send(
      new GetMetricStatisticsCommand({ Namespace: 'Runnel/Query', MetricName: 'Records', Dimensions: [{ Name: 'StreamName', Value: 'orders' }], StartTime: at(0), EndTime: at(120_000), Period: 60, Statistics: ['Sum', 'SampleCount', 'Maximum'] }),
    );
    expect(stats.Datapoints).toEqual([
      { Timestamp: at(0), Sum: 11, SampleCount: 4, Maximum: 5, Unit: 'Count' },
      { Timestamp: at(60_000), Sum: 30, SampleCount: 3, Maximum: 15, Unit: 'Count' },
    ]);
  });

  it('answers GetMetricStatistics, ListMetrics and GetMetricData in XML with the right values', async () => {
    const stats = xml(
      (
        await query({
          Action: 'GetMetricStatistics',
          Namespace: NS,
          MetricName: 'Latency',
          'Dimensions.member.1.Name': 'Stage',
          'Dimensions.member.1.Value': 'prod',
          'Dimensions.member.2.Name': 'Service',
          'Dimensions.member.2.Value': 'api',
          StartTime: at(0).toISOString(),
          EndTime: at(180_000).toISOString(),
          Period: 60,
          'Statistics.member.1': 'Average',
          'Statistics.member.2': 'Maximum',
        })
      ).body,
    ).GetMetricStatisticsResponse.GetMetricStatisticsResult;
    expect(stats.Label).toBe('Latency');
    expect(members(stats.Datapoints)).toEqual([
      { Timestamp: at(0).toISOString(), Average: '3.8', Maximum: '10', Unit: 'Milliseconds' },
      { Timestamp: at(60_000).toISOString(), Average: '10', Maximum: '20', Unit: 'Milliseconds' },
      { Timestamp: at(120_000).toISOString(), Average: '7', Maximum: '7', Unit: 'Milliseconds' },
    ]);

    const list = xml((await query({ Action: 'ListMetrics', Namespace: 'Runnel/List', 'Dimensions.member.1.Name': 'Op' })).body).ListMetricsResponse.ListMetricsResult;
    expect(members(list.Metrics)).toEqual([
      {
        Namespace: 'Runnel/List',
        MetricName: 'B',
        Dimensions: {
          member: [
            { Name: 'Op', Value: 'get' },
            { Name: 'Shard', Value: 's1' },
          ],
        },
      },
    ]);

    const data = xml(
      (
        await query({
          Action: 'GetMetricData',
          'MetricDataQueries.member.1.Id': 'peak',
          'MetricDataQueries.member.1.MetricStat.Metric.Namespace': NS,
          'MetricDataQueries.member.1.MetricStat.Metric.MetricName': 'Latency',
          'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name': 'Service',
          'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value': 'api',
          'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name': 'Stage',
          'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value': 'prod',
          'MetricDataQueries.member.1.MetricStat.Period': 60,
          'MetricDataQueries.member.1.MetricStat.Stat': 'Maximum',
          StartTime: at(0).toISOString(),
          EndTime: at(180_000).toISOString(),
          ScanBy: 'TimestampAscending',
        })
      ).body,
    ).GetMetricDataResponse.GetMetricDataResult;
    const [result] = members<Record<string, any>>(data.MetricDataResults);
    expect(result.Id).toBe('peak');
    expect(result.StatusCode).toBe('Complete');
    expect(members(result.Timestamps)).toEqual([at(0).toISOString(), at(60_000).toISOString(), at(120_000).toISOString()]);
    expect(members(result.Values).map(Number)).toEqual([10, 20, 7]);
  });

  it('inflates a gzip-encoded form body', async () => {
    const res = await query({ Action: 'PutMetricData', Namespace: 'Runnel/Gzip', 'MetricData.member.1.MetricName': 'Z', 'MetricData.member.1.Value': 1 }, { gzip: true });
    expect(res.status).toBe(200);
    expect(members(xml((await query({ Action: 'ListMetrics', Namespace: 'Runnel/Gzip' })).body).ListMetricsResponse.ListMetricsResult.Metrics)).toEqual([{ Namespace: 'Runnel/Gzip', MetricName: 'Z', Dimensions: '' }]);
  });

  it('answers errors as an XML ErrorResponse with the query code', async () => {
    const missing = await query({ Action: 'PutMetricData', 'MetricData.member.1.MetricName': 'X', 'MetricData.member.1.Value': 1 });
    expect(missing.status).toBe(400);
    expect(xml(missing.body).ErrorResponse).toEqual({
      xmlns: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
      Error: { Type: 'Sender', Code: 'MissingParameter', Message: 'The parameter Namespace is required.' },
      RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const both = await query({ Action: 'PutMetricData', Namespace: 'Runnel/Query', 'MetricData.member.1.MetricName': 'X', 'MetricData.member.1.Value': 1, 'MetricData.member.1.Values.member.1': 2 });
    expect(xml(both.body).ErrorResponse.Error.Code).toBe('InvalidParameterCombination');
    const bad = await query({ Action: 'PutMetricData', Namespace: 'Runnel/Query', 'MetricData.member.1.MetricName': 'X', 'MetricData.member.1.Value': 'many' });
    expect(xml(bad.body).ErrorResponse.Error).toEqual({ Type: 'Sender', Code: 'InvalidParameterValue', Message: 'The value many for parameter MetricData.member.1.Value is invalid.' });
    const unknown = await query({ Action: 'PutMetricAlarm', AlarmName: 'a' });
    expect(unknown.status).toBe(400);
    expect(xml(unknown.body).ErrorResponse.Error.Code).toBe('InvalidAction');
    const unsigned = await send(t.runnel.url, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=ListMetrics&Version=2010-08-01' });
    expect(unsigned.status).toBe(403);
    expect(xml(unsigned.body).ErrorResponse.Error).toEqual({ Type: 'Sender', Code: 'MissingAuthenticationToken', Message: 'Missing Authentication Token' });
  });
});

describe('malformed requests', () => {
  it('answers bodies it cannot read with a 400 in the protocol of the request, and keeps serving', async () => {
    const json = await signedPost(t.runnel.url, { target: 'GraniteServiceVersion20100801.ListMetrics', contentType: 'application/x-amz-json-1.0', body: '{"Namespace":', credentials });
    expect(json.status).toBe(400);
    expect(json.headers['x-amzn-query-error']).toBe('SerializationException;Sender');
    const deep = await signedFormPost(t.runnel.url, { body: `Action=ListMetrics&Version=2010-08-01&${'a.'.repeat(10_000)}b=1`, credentials, service: 'monitoring' });
    expect(deep.status).toBe(400);
    expect(xml(deep.body).ErrorResponse.Error.Code).toBe('SerializationException');
    const notGzip = await signedFormPost(t.runnel.url, { body: 'Action=ListMetrics', credentials, service: 'monitoring', headers: { 'content-encoding': 'gzip' } });
    expect(notGzip.status).toBe(400);
    const bomb = await signedFormPost(t.runnel.url, { body: gzipSync(Buffer.alloc(8 * 1024 * 1024, 'a')), credentials, service: 'monitoring', headers: { 'content-encoding': 'gzip' } });
    expect(bomb.status).toBe(413);
    expect(xml(bomb.body).ErrorResponse.Error.Code).toBe('RequestEntityTooLarge');
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Runnel/List' }))).Metrics).toHaveLength(4);
  });
});

describe('the other protocols CloudWatch clients speak, with the stock client', () => {
  const protocols = [
    ['AWS Query', AwsQueryProtocol],
    ['Smithy RPC v2 CBOR', AwsSmithyRpcV2CborProtocol],
  ] as const;
  for (const [name, protocol] of protocols) {
    it(`${name}: puts, reads back every operation's numbers, and reads errors`, async () => {
      const client = new CloudWatchClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials, maxAttempts: 1, protocol });
      const ns = `Runnel/${name.replace(/ /g, '')}`;
      await client.send(new PutMetricDataCommand({ Namespace: ns, MetricData: latency }));
      const stats = await client.send(new GetMetricStatisticsCommand({ Namespace: ns, MetricName: 'Latency', Dimensions: dims, StartTime: at(0), EndTime: at(180_000), Period: 120, Statistics: ['Sum', 'Average'] }));
      expect(stats.Datapoints).toEqual([
        { Timestamp: at(0), Sum: 69, Average: 6.9, Unit: 'Milliseconds' },
        { Timestamp: at(120_000), Sum: 7, Average: 7, Unit: 'Milliseconds' },
      ]);
      expect((await client.send(new ListMetricsCommand({ Namespace: ns }))).Metrics).toEqual([{ Namespace: ns, MetricName: 'Latency', Dimensions: dims }]);
      const data = await client.send(
        new GetMetricDataCommand({ MetricDataQueries: [{ Id: 'min', MetricStat: { Metric: { Namespace: ns, MetricName: 'Latency', Dimensions: dims }, Period: 60, Stat: 'Minimum' } }], StartTime: at(0), EndTime: at(180_000) }),
      );
      expect(data.MetricDataResults).toEqual([{ Id: 'min', Label: 'Latency', Timestamps: [at(120_000), at(60_000), at(0)], Values: [7, 2, 1], StatusCode: 'Complete', Messages: [] }]);
      await expectAwsError(client.send(new PutMetricDataCommand({ Namespace: ns, MetricData: [{ MetricName: 'X', Value: 1, Values: [2] }] })), 'InvalidParameterCombinationException');
      await expectAwsError(client.send(new DescribeAlarmsCommand({})), 'InvalidAction');
      client.destroy();
    });
  }
});

describe.skipIf(!awsCli.available)(`aws cloudwatch${awsCliSkipNote()}`, () => {
  const run = promisify(execFile);
  const aws = async (...args: string[]) => {
    const { stdout } = await run('aws', ['cloudwatch', ...args, '--endpoint-url', t.runnel.url, '--output', 'json'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: 'secret', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' },
    });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  };

  it('puts metric data and reads statistics and metrics back, as a user types it', async () => {
    await aws('put-metric-data', '--namespace', 'Runnel/Cli', '--metric-name', 'Orders', '--dimensions', 'Shop=north', '--value', '3', '--unit', 'Count', '--timestamp', at(1_000).toISOString());
    await aws('put-metric-data', '--namespace', 'Runnel/Cli', '--metric-name', 'Orders', '--dimensions', 'Shop=north', '--statistic-values', 'SampleCount=2,Sum=9,Minimum=4,Maximum=5', '--unit', 'Count', '--timestamp', at(2_000).toISOString());
    const stats = await aws('get-metric-statistics', '--namespace', 'Runnel/Cli', '--metric-name', 'Orders', '--dimensions', 'Name=Shop,Value=north', '--start-time', at(0).toISOString(), '--end-time', at(60_000).toISOString(), '--period', '60', '--statistics', 'Sum', 'SampleCount', 'Maximum');
    expect(stats.Datapoints).toHaveLength(1);
    expect(stats.Datapoints[0]).toMatchObject({ Sum: 12, SampleCount: 3, Maximum: 5, Unit: 'Count' });
    // CLI v1 prints timestamps as the wire had them (epoch seconds from CBOR), v2 as ISO 8601.
    const ts = stats.Datapoints[0].Timestamp;
    expect(typeof ts === 'number' ? ts * 1000 : Date.parse(ts)).toBe(base);
    expect((await aws('list-metrics', '--namespace', 'Runnel/Cli')).Metrics).toEqual([{ Namespace: 'Runnel/Cli', MetricName: 'Orders', Dimensions: [{ Name: 'Shop', Value: 'north' }] }]);
    const refused = await aws('put-metric-data', '--namespace', 'AWS/Cli', '--metric-name', 'X', '--value', '1').then(
      () => '',
      (e: { stderr: string }) => e.stderr,
    );
    expect(refused).toMatch(/InvalidParameterValue/);
  });
});

describe('where CloudWatch is served', () => {
  it('is not part of the dispatcher the cloud runs', async () => {
    const dispatch = createDispatcher(t.runnel.runtime, SERVICES);
    const base = { method: 'POST', path: '/', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=00', 'x-amz-date': '20240101T000000Z' } };
    const json = await dispatch({ ...base, headers: { ...base.headers, 'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics', 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from('{}') });
    expect(json.status).toBe(400);
    expect(json.headers['x-amzn-ErrorType']).toBe('UnknownOperationException');
    const form = await dispatch({ ...base, headers: { ...base.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('Action=ListMetrics&Version=2010-08-01') });
    expect(form.status).not.toBe(200);
  });
});

describe('with --auth', () => {
  let secured: TestRunnel;
  beforeAll(async () => {
    secured = await startRunnel({ auth: true });
  });
  afterAll(() => secured?.stop());

  it('accepts requests signed with an issued key for monitoring, and refuses others as CloudWatch does', async () => {
    const key = secured.runnel.accessKey!;
    const good = new CloudWatchClient({ endpoint: secured.runnel.url, region: 'us-east-1', credentials: key, maxAttempts: 1 });
    await good.send(new PutMetricDataCommand({ Namespace: 'Runnel/Auth', MetricData: [{ MetricName: 'X', Value: 1 }] }));
    expect((await good.send(new ListMetricsCommand({ Namespace: 'Runnel/Auth' }))).Metrics).toHaveLength(1);
    const wrong = new CloudWatchClient({ endpoint: secured.runnel.url, region: 'us-east-1', credentials: { ...key, secretAccessKey: 'wrong' }, maxAttempts: 1 });
    await expectAwsError(wrong.send(new ListMetricsCommand({})), 'SignatureDoesNotMatch', /does not match the signature you provided/, 403);
    const unknown = new CloudWatchClient({ endpoint: secured.runnel.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    await expectAwsError(unknown.send(new ListMetricsCommand({})), 'InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    const form = new URLSearchParams({ Action: 'ListMetrics', Version: '2010-08-01', Namespace: 'Runnel/Auth' }).toString();
    const forged = await signedFormPost(secured.runnel.url, { body: form, credentials: { ...key, secretAccessKey: 'wrong' }, service: 'monitoring' });
    expect(forged.status).toBe(403);
    expect(xml(forged.body).ErrorResponse.Error.Code).toBe('SignatureDoesNotMatch');
    const signed = await signedFormPost(secured.runnel.url, { body: form, credentials: key, service: 'monitoring' });
    expect(members(xml(signed.body).ListMetricsResponse.ListMetricsResult.Metrics)).toEqual([{ Namespace: 'Runnel/Auth', MetricName: 'X', Dimensions: '' }]);
    for (const c of [good, wrong, unknown]) c.destroy();
  });
});
