import {
  AddApplicationOutputCommand,
  CreateApplicationCommand,
  DeleteApplicationCommand,
  DeleteApplicationOutputCommand,
  DescribeApplicationCommand,
  ListApplicationsCommand,
  ListTagsForResourceCommand,
  StartApplicationCommand,
  StopApplicationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApplicationCommand,
  type Input,
} from '@aws-sdk/client-kinesis-analytics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE, startAnalyticsRunnel, streamArn, waitForApplicationStatus, type AnalyticsRunnel } from '../support/analytics';
import { expectAwsError, holdWorkflow } from '../support/local';

let t: AnalyticsRunnel;
beforeAll(async () => {
  t = await startAnalyticsRunnel();
});
afterAll(() => t.stop());

const INPUT: Input = {
  NamePrefix: 'SOURCE_SQL_STREAM',
  KinesisStreamsInput: { ResourceARN: streamArn('orders'), RoleARN: ROLE },
  InputSchema: {
    RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
    RecordColumns: [
      { Name: 'TICKER', SqlType: 'VARCHAR(4)', Mapping: '$.ticker' },
      { Name: 'PRICE', SqlType: 'REAL', Mapping: '$.price' },
    ],
  },
};
const CODE = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), price REAL);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker, price FROM "SOURCE_SQL_STREAM_001" WHERE price > 10;`;
const output = (name: string) => ({ Name: name, DestinationSchema: { RecordFormatType: 'JSON' as const }, KinesisStreamsOutput: { ResourceARN: streamArn('out'), RoleARN: ROLE } });
const describe_ = async (name: string) => (await t.analytics.send(new DescribeApplicationCommand({ ApplicationName: name }))).ApplicationDetail!;

describe('applications', () => {
  it('are READY at version 1 after create, with inputs and outputs numbered 1.1 and their in-application streams', async () => {
    const created = await t.analytics.send(
      new CreateApplicationCommand({ ApplicationName: 'filter', ApplicationDescription: 'big trades', Inputs: [INPUT], Outputs: [output('DESTINATION_SQL_STREAM')], ApplicationCode: CODE }),
    );
    expect(created.ApplicationSummary).toEqual({ ApplicationName: 'filter', ApplicationARN: 'arn:aws:kinesisanalytics:us-east-1:000000000000:application/filter', ApplicationStatus: 'READY' });
    const d = await describe_('filter');
    expect(d).toMatchObject({ ApplicationName: 'filter', ApplicationDescription: 'big trades', ApplicationStatus: 'READY', ApplicationVersionId: 1, ApplicationCode: CODE });
    expect(d.CreateTimestamp).toBeInstanceOf(Date);
    expect(d.InputDescriptions).toEqual([
      {
        InputId: '1.1',
        NamePrefix: 'SOURCE_SQL_STREAM',
        InAppStreamNames: ['SOURCE_SQL_STREAM_001'],
        KinesisStreamsInputDescription: { ResourceARN: streamArn('orders'), RoleARN: ROLE },
        InputSchema: INPUT.InputSchema,
        InputParallelism: { Count: 1 },
        InputStartingPositionConfiguration: {},
      },
    ]);
    expect(d.OutputDescriptions).toEqual([
      { OutputId: '1.1', Name: 'DESTINATION_SQL_STREAM', DestinationSchema: { RecordFormatType: 'JSON' }, KinesisStreamsOutputDescription: { ResourceARN: streamArn('out'), RoleARN: ROLE } },
    ]);
  });

  it('refuse a duplicate name, invalid code with its line and column, and an output no stream feeds', async () => {
    await expectAwsError(t.analytics.send(new CreateApplicationCommand({ ApplicationName: 'filter' })), 'ResourceInUseException', 'Application filter already exists for account 000000000000.');
    const bad = CODE.replace('WHERE price', 'WHERE cost');
    await expectAwsError(
      t.analytics.send(new CreateApplicationCommand({ ApplicationName: 'bad', Inputs: [INPUT], ApplicationCode: bad })),
      'CodeValidationException',
      /^From line 3, column \d+ to line 3, column \d+: Column 'COST' not found in any table$/,
    );
    await expectAwsError(
      t.analytics.send(new CreateApplicationCommand({ ApplicationName: 'bad', Inputs: [INPUT], Outputs: [output('NOWHERE')], ApplicationCode: CODE })),
      'CodeValidationException',
      'Output NOWHERE names no in-application stream the application code creates.',
    );
    await expectAwsError(t.analytics.send(new CreateApplicationCommand({ ApplicationName: 'bad', Inputs: [INPUT, INPUT] })), 'InvalidArgumentException', 'An application can have at most one streaming input.');
    const badPath = { ...INPUT, InputSchema: { ...INPUT.InputSchema!, RecordColumns: [{ Name: 'TICKER', SqlType: 'VARCHAR(4)', Mapping: 'ticker' }] } };
    await expectAwsError(t.analytics.send(new CreateApplicationCommand({ ApplicationName: 'bad', Inputs: [badPath] })), 'InvalidArgumentException', 'JSONPath must start with $: ticker');
    const badType = { ...INPUT, InputSchema: { ...INPUT.InputSchema!, RecordColumns: [{ Name: 'TICKER', SqlType: 'STRING', Mapping: '$.ticker' }] } };
    await expectAwsError(t.analytics.send(new CreateApplicationCommand({ ApplicationName: 'bad', Inputs: [badType] })), 'InvalidArgumentException', 'Column TICKER has an unsupported SqlType STRING.');
    await expectAwsError(t.analytics.send(new CreateApplicationCommand({ ApplicationName: 'bad name!' })), 'ValidationException');
    await expectAwsError(t.analytics.send(new DescribeApplicationCommand({ ApplicationName: 'bad' })), 'ResourceNotFoundException', 'Application bad is not found for account 000000000000.');
  });

  it('list in name order, paged by the last name returned', async () => {
    await t.analytics.send(new CreateApplicationCommand({ ApplicationName: 'list-a' }));
    await t.analytics.send(new CreateApplicationCommand({ ApplicationName: 'list-b' }));
    const page = await t.analytics.send(new ListApplicationsCommand({ Limit: 2 }));
    expect(page.ApplicationSummaries!.map((s) => s.ApplicationName)).toEqual(['filter', 'list-a']);
    expect(page.HasMoreApplications).toBe(true);
    const rest = await t.analytics.send(new ListApplicationsCommand({ ExclusiveStartApplicationName: 'list-a' }));
    expect(rest).toMatchObject({ ApplicationSummaries: [{ ApplicationName: 'list-b', ApplicationStatus: 'READY' }], HasMoreApplications: false });
  });

  it('change configuration only at the current version, one version per change, validating the new code', async () => {
    await expectAwsError(
      t.analytics.send(new UpdateApplicationCommand({ ApplicationName: 'filter', CurrentApplicationVersionId: 7, ApplicationUpdate: { ApplicationCodeUpdate: CODE } })),
      'ConcurrentModificationException',
      'Application version 7 is not the current version. Current version is 1.',
    );
    await expectAwsError(
      t.analytics.send(new UpdateApplicationCommand({ ApplicationName: 'filter', CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: 'CREATE STREAM' } })),
      'CodeValidationException',
    );
    const code = CODE.replace('price > 10', 'price > 20');
    await t.analytics.send(new UpdateApplicationCommand({ ApplicationName: 'filter', CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: code } }));
    expect(await describe_('filter')).toMatchObject({ ApplicationVersionId: 2, ApplicationCode: code });
    await t.analytics.send(new AddApplicationOutputCommand({ ApplicationName: 'filter', CurrentApplicationVersionId: 2, Output: output('error_stream') }));
    const d = await describe_('filter');
    expect(d.ApplicationVersionId).toBe(3);
    expect(d.OutputDescriptions!.map((o) => [o.OutputId, o.Name])).toEqual([['1.1', 'DESTINATION_SQL_STREAM'], ['3.1', 'error_stream']]);
    await t.analytics.send(new DeleteApplicationOutputCommand({ ApplicationName: 'filter', CurrentApplicationVersionId: 3, OutputId: '3.1' }));
    expect((await describe_('filter')).OutputDescriptions!.map((o) => o.OutputId)).toEqual(['1.1']);
  });

  it('start through STARTING to RUNNING, refuse a second start, and stop through STOPPING to READY', async () => {
    const starting = holdWorkflow(t.runnel, 'ApplicationLifecycle', 'start-');
    const version = (await describe_('filter')).ApplicationVersionId!;
    await t.analytics.send(new StartApplicationCommand({ ApplicationName: 'filter', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }] }));
    expect((await describe_('filter')).ApplicationStatus).toBe('STARTING');
    await expectAwsError(
      t.analytics.send(new StartApplicationCommand({ ApplicationName: 'filter', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] })),
      'ResourceInUseException',
      'Application filter is not available for this operation: it is in status STARTING.',
    );
    await starting.release();
    await waitForApplicationStatus(t.analytics, 'filter', 'RUNNING');
    const running = await describe_('filter');
    expect(running.ApplicationVersionId).toBe(version);
    expect(running.InputDescriptions![0].InputStartingPositionConfiguration).toEqual({ InputStartingPosition: 'TRIM_HORIZON' });
    const stopping = holdWorkflow(t.runnel, 'ApplicationLifecycle', 'stop-');
    await t.analytics.send(new StopApplicationCommand({ ApplicationName: 'filter' }));
    expect((await describe_('filter')).ApplicationStatus).toBe('STOPPING');
    await stopping.release();
    await waitForApplicationStatus(t.analytics, 'filter', 'READY');
    await expectAwsError(t.analytics.send(new StopApplicationCommand({ ApplicationName: 'filter' })), 'ResourceInUseException', 'Application filter is not available for this operation: it is in status READY.');
  });

  it('refuse to start without an input, and with an unknown input id', async () => {
    await expectAwsError(
      t.analytics.send(new StartApplicationCommand({ ApplicationName: 'list-a', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] })),
      'InvalidApplicationConfigurationException',
      'Application list-a has no input to start.',
    );
    await expectAwsError(
      t.analytics.send(new StartApplicationCommand({ ApplicationName: 'filter', InputConfigurations: [{ Id: '9.9', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] })),
      'InvalidArgumentException',
      'Application filter has no input with id 9.9.',
    );
  });

  it('carry tags, changed without a new version', async () => {
    const arn = 'arn:aws:kinesisanalytics:us-east-1:000000000000:application/list-a';
    await t.analytics.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'team', Value: 'data' }, { Key: 'env', Value: 'dev' }] }));
    await t.analytics.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['env'] }));
    expect((await t.analytics.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: 'team', Value: 'data' }]);
    expect((await describe_('list-a')).ApplicationVersionId).toBe(1);
    await expectAwsError(t.analytics.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] })), 'InvalidArgumentException', 'Tags contain duplicate keys.');
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expectAwsError(t.analytics.send(new TagResourceCommand({ ResourceARN: arn, Tags: many })), 'TooManyTagsException', 'An application can have at most 50 tags.');
    await expectAwsError(
      t.analytics.send(new ListTagsForResourceCommand({ ResourceARN: arn.replace('list-a', 'nope') })),
      'ResourceNotFoundException',
      'Application nope is not found for account 000000000000.',
    );
  });

  it('delete only with their own CreateTimestamp, through DELETING to gone', async () => {
    const { CreateTimestamp } = await describe_('list-b');
    await expectAwsError(
      t.analytics.send(new DeleteApplicationCommand({ ApplicationName: 'list-b', CreateTimestamp: new Date(CreateTimestamp!.getTime() - 1000) })),
      'ResourceNotFoundException',
      'Application list-b was not created at the given CreateTimestamp.',
    );
    const deleting = holdWorkflow(t.runnel, 'ApplicationLifecycle', 'delete-');
    await t.analytics.send(new DeleteApplicationCommand({ ApplicationName: 'list-b', CreateTimestamp }));
    expect((await describe_('list-b')).ApplicationStatus).toBe('DELETING');
    await expectAwsError(
      t.analytics.send(new UpdateApplicationCommand({ ApplicationName: 'list-b', CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: '' } })),
      'ResourceInUseException',
      'Application list-b is not available for this operation: it is in status DELETING.',
    );
    await deleting.release();
    await t.runnel.workflows.idle();
    await expectAwsError(t.analytics.send(new DescribeApplicationCommand({ ApplicationName: 'list-b' })), 'ResourceNotFoundException', 'Application list-b is not found for account 000000000000.');
  });
});
