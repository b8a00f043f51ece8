/** What lands in S3, and how: keys, prefixes, delimiters, every compression format, transforms, backups. */
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, PutRecordBatchCommand, PutRecordCommand } from '@aws-sdk/client-firehose';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveDeliveryStream, ROLE, startFirehoseRunnel, waitForObjects, type FirehoseRunnel } from '../support/firehose';
import { eventually } from '../support/eventually';
import { readHadoopSnappy, readSnappyFramed } from '../support/snappy-reader';

let t: FirehoseRunnel;
let invocations = 0;
beforeAll(async () => {
  t = await startFirehoseRunnel({
    bufferIntervalMs: 150,
    functions: {
      // Upper-cases "ok" records, drops "drop" records, fails "bad" records, and forgets "lost" ones.
      transformer: (event: { records: { recordId: string; data: string }[] }) => {
        invocations++;
        return {
          records: event.records
            .filter((r) => !Buffer.from(r.data, 'base64').toString().startsWith('lost'))
            .map((r) => {
              const text = Buffer.from(r.data, 'base64').toString();
              if (text.startsWith('drop')) return { recordId: r.recordId, result: 'Dropped' };
              if (text.startsWith('bad')) return { recordId: r.recordId, result: 'ProcessingFailed', data: r.data };
              return { recordId: r.recordId, result: 'Ok', data: Buffer.from(text.toUpperCase()).toString('base64') };
            }),
        };
      },
      broken: () => {
        throw new Error('boom');
      },
    },
  });
});
afterAll(() => t.stop());

const destination = (bucket: string, extra: object = {}) => ({ ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: `arn:aws:s3:::${bucket}`, ...extra } });
const put = (name: string, ...texts: string[]) => t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: texts.map((x) => ({ Data: Buffer.from(x) })) }));

describe('interval flushes', () => {
  it('write one object per flush, records concatenated without delimiters, under the default time prefix', async () => {
    await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'plain', ...destination('plain-bucket') });
    const before = new Date();
    await t.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'plain', Record: { Data: Buffer.from('{"a":1}') } }));
    await put('plain', '{"b":2}', '{"c":3}');
    const [object] = await waitForObjects(t.s3, 'plain-bucket', 1);
    const hourPrefix = `${before.getUTCFullYear()}/${String(before.getUTCMonth() + 1).padStart(2, '0')}/${String(before.getUTCDate()).padStart(2, '0')}/${String(before.getUTCHours()).padStart(2, '0')}/`;
    expect(object.key.startsWith(hourPrefix)).toBe(true);
    expect(object.key.slice(hourPrefix.length)).toMatch(/^plain-1-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(object.body.toString()).toBe('{"a":1}{"b":2}{"c":3}');
  });

  it('evaluate prefix expressions in the configured time zone, and append delimiters when asked', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'shaped',
      ...destination('shaped-bucket', {
        Prefix: 'events/year=!{timestamp:yyyy}/hour=!{timestamp:HH}/',
        ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        CustomTimeZone: 'Asia/Tokyo',
        FileExtension: '.json',
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord' }] },
      }),
    });
    const now = new Date();
    await put('shaped', '{"x":1}', '{"x":2}');
    const [object] = await waitForObjects(t.s3, 'shaped-bucket', 1);
    const tokyoHour = String((now.getUTCHours() + 9) % 24).padStart(2, '0');
    expect(object.key).toMatch(new RegExp(`^events/year=\\d{4}/hour=${tokyoHour}/shaped-1-.*\\.json$`));
    expect(object.body.toString()).toBe('{"x":1}\n{"x":2}\n');
  });
});

describe('prefix expressions', () => {
  it('replace every !{firehose:random-string} with its own 11 random characters, in Prefix and ErrorOutputPrefix', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'random',
      ...destination('random-bucket', {
        Prefix: 'r/!{firehose:random-string}/!{firehose:random-string}/',
        ErrorOutputPrefix: 'e/!{firehose:error-output-type}/!{firehose:random-string}/',
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'transformer' }] }] },
      }),
    });
    await put('random', 'ok-1;', 'bad-1;');
    const objects = await waitForObjects(t.s3, 'random-bucket', 2);
    // No timestamp expression in Prefix: the default YYYY/MM/dd/HH/ is appended.
    const ok = objects.map((o) => /^r\/([A-Za-z0-9]{11})\/([A-Za-z0-9]{11})\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/random-1-/.exec(o.key)).find(Boolean);
    const failed = objects.map((o) => /^e\/processing-failed\/([A-Za-z0-9]{11})\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/random-1-/.exec(o.key)).find(Boolean);
    expect(ok, objects.map((o) => o.key).join(', ')).toBeTruthy();
    expect(failed, objects.map((o) => o.key).join(', ')).toBeTruthy();
    expect(ok![1]).not.toBe(ok![2]); // a new value per occurrence
    expect(objects.find((o) => o.key.startsWith('r/'))!.body.toString()).toBe('OK-1;');

    // ... and per object: another flush, other strings.
    await put('random', 'ok-2;');
    const okObjects = await waitForObjects(t.s3, 'random-bucket', 2, { prefix: 'r/' });
    const strings = okObjects.map((o) => o.key.split('/').slice(1, 3).join('/'));
    expect(new Set(strings).size).toBe(2);
    expect(okObjects.map((o) => o.body.toString()).sort()).toEqual(['OK-1;', 'OK-2;']);
  });
});

describe('the legacy S3DestinationConfiguration', () => {
  it('creates an S3 delivery stream described in both destination shapes, and delivers with its settings', async () => {
    await t.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'legacy',
        S3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::legacy-bucket', Prefix: 'old-style/', CompressionFormat: 'GZIP', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
      }),
    );
    const d = (await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'legacy' }))).DeliveryStreamDescription!;
    const expected = { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::legacy-bucket', Prefix: 'old-style/', CompressionFormat: 'GZIP', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 }, EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' } };
    expect(d.Destinations![0].S3DestinationDescription).toMatchObject(expected);
    expect(d.Destinations![0].ExtendedS3DestinationDescription).toMatchObject({ ...expected, S3BackupMode: 'Disabled', ProcessingConfiguration: { Enabled: false, Processors: [] } });
    await eventually(async () => expect((await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'legacy' }))).DeliveryStreamDescription!.DeliveryStreamStatus).toBe('ACTIVE'));
    await put('legacy', 'a;', 'b;');
    const [object] = await waitForObjects(t.s3, 'legacy-bucket', 1);
    expect(object.key).toMatch(/^old-style\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/legacy-1-.*\.gz$/);
    expect(gunzipSync(object.body).toString()).toBe('a;b;');
  });
});

describe('compression', () => {
  const text = 'compress me, '.repeat(20_000);
  const cases: [string, string, (b: Buffer) => string][] = [
    ['GZIP', '.gz', (b) => gunzipSync(b).toString()],
    ['ZIP', '.zip', (b) => Object.values(unzipSync(new Uint8Array(b))).map((f) => Buffer.from(f).toString()).join('')],
    ['Snappy', '.snappy', (b) => readSnappyFramed(b).toString()],
    ['HADOOP_SNAPPY', '.hsnappy', (b) => readHadoopSnappy(b).toString()],
    ['UNCOMPRESSED', '', (b) => b.toString()],
  ];
  it.each(cases)('%s objects carry %s and round-trip through a reader of that format', async (format, extension, read) => {
    const name = `packed-${format.toLowerCase().replace('_', '-')}`;
    await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: name, ...destination(`${name}-bucket`, { CompressionFormat: format }) });
    await put(name, text, 'and the end');
    const [object] = await waitForObjects(t.s3, `${name}-bucket`, 1);
    expect(object.key.endsWith(`${name}-1-${object.key.split(`${name}-1-`)[1]}`)).toBe(true);
    if (extension) expect(object.key.endsWith(extension)).toBe(true);
    expect(object.body.length).toBeLessThan(format === 'UNCOMPRESSED' ? Infinity : text.length / 5);
    expect(read(object.body)).toBe(text + 'and the end');
  });
});

describe('Lambda transformation', () => {
  it('delivers Ok records, drops Dropped ones, and writes failed ones to the error output', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'transformed',
      ...destination('transformed-bucket', {
        Prefix: 'ok/',
        ErrorOutputPrefix: 'failed/!{firehose:error-output-type}/',
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:000000000000:function:transformer' }] }] },
      }),
    });
    await put('transformed', 'ok-1;', 'drop-1;', 'bad-1;', 'ok-2;', 'lost-1;');
    const objects = await waitForObjects(t.s3, 'transformed-bucket', 2);
    const ok = objects.find((o) => o.key.startsWith('ok/'))!;
    const failed = objects.find((o) => o.key.startsWith('failed/processing-failed/'))!;
    expect(ok.body.toString()).toBe('OK-1;OK-2;');
    const errors = failed.body.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(errors.map((e) => [Buffer.from(e.rawData, 'base64').toString(), e.errorCode])).toEqual([
      ['bad-1;', 'Lambda.ProcessingFailedStatus'],
      ['lost-1;', 'Lambda.MissingRecordId'],
    ]);
    expect(errors[0]).toMatchObject({ attemptsMade: 1, lambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:transformer' });
    expect(typeof errors[0].arrivalTimestamp).toBe('number');
    expect(invocations).toBeGreaterThan(0);
  });

  it('sends every record to the error output when the function keeps failing', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'failing',
      ...destination('failing-bucket', {
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'broken' }, { ParameterName: 'NumberOfRetries', ParameterValue: '2' }] }] },
      }),
    });
    await put('failing', 'one', 'two');
    const [object] = await waitForObjects(t.s3, 'failing-bucket', 1);
    expect(object.key).toMatch(/^processing-failed\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/failing-1-/);
    const errors = object.body.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(errors.map((e) => Buffer.from(e.rawData, 'base64').toString())).toEqual(['one', 'two']);
    expect(errors[0]).toMatchObject({ errorCode: 'Lambda.InvocationFailed', attemptsMade: 3 });
  });
});

describe('source record backup', () => {
  it('keeps the untransformed records in the backup bucket', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'backed-up',
      ...destination('main-bucket', {
        S3BackupMode: 'Enabled',
        S3BackupConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::backup-bucket', Prefix: 'source/' },
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'transformer' }] }] },
      }),
    });
    await put('backed-up', 'ok-a;', 'drop-b;');
    const [main] = await waitForObjects(t.s3, 'main-bucket', 1);
    const [backup] = await waitForObjects(t.s3, 'backup-bucket', 1);
    expect(main.body.toString()).toBe('OK-A;');
    expect(backup.key).toMatch(/^source\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/backed-up-1-/);
    expect(backup.body.toString()).toBe('ok-a;drop-b;');
  });
});
