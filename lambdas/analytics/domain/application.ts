/**
 * A Kinesis Analytics application as Runnel stores it: one item holding its configuration in the
 * API's own shapes. Invariants: `versionId` starts at 1 and grows by one with every configuration
 * change (never with start, stop or tags); entity ids are `<version that added it>.<ordinal>`;
 * `id` is unique per incarnation, so a task never acts on a re-created application of the same name.
 */
import type {
  ApplicationDetail,
  ApplicationStatus,
  ApplicationSummary,
  Input,
  InputStartingPosition,
  Output,
  ReferenceDataSource,
} from '@aws-sdk/client-kinesis-analytics';

export type AppStatus = `${ApplicationStatus}`;
export type StoredInput = Input & { InputId: string; InputStartingPositionConfiguration?: { InputStartingPosition?: `${InputStartingPosition}` } };
export type StoredOutput = Output & { OutputId: string };
export type StoredReference = ReferenceDataSource & { ReferenceId: string };

export interface ApplicationItem {
  pk: string;
  sk: string;
  id: string;
  name: string;
  arn: string;
  status: AppStatus;
  versionId: number;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  description?: string;
  code?: string;
  inputs: StoredInput[];
  outputs: StoredOutput[];
  references: StoredReference[];
  tags: Record<string, string>;
  /** Created or last changed through the v2 API, which the v1 API then refuses to touch (as AWS does). */
  v2?: true;
  /** v2's single role (inputs and outputs carry it as their RoleARN, as v1 stores them). */
  serviceExecutionRole?: string;
  /** Epoch ms of the last StartApplication, once its Firehose input's tap was open (where NOW starts). */
  startedAt?: number;
}

export type Api = 'v1' | 'v2';

/** What workflow tasks are given: enough to find the item and tell it from a re-created namesake. */
export type ApplicationRef = Pick<ApplicationItem, 'pk' | 'sk' | 'id'>;

export const MAX_OUTPUTS = 3;
export const MAX_APPLICATIONS = 50;
export const MAX_TAGS = 50;

export const applicationArn = (region: string, account: string, name: string) => `arn:aws:kinesisanalytics:${region}:${account}:application/${name}`;

export const refOf = (a: ApplicationItem): ApplicationRef => ({ pk: a.pk, sk: a.sk, id: a.id });

/** `SOURCE_SQL_STREAM` with parallelism 2 feeds `SOURCE_SQL_STREAM_001` and `SOURCE_SQL_STREAM_002`. */
export function inAppStreamNames(input: Input): string[] {
  const count = input.InputParallelism?.Count ?? 1;
  return Array.from({ length: count }, (_, i) => `${input.NamePrefix}_${String(i + 1).padStart(3, '0')}`);
}

/** The id an entity added by the change to `version` gets, the `ordinal`-th of that change (from 1). */
export const entityId = (version: number, ordinal: number) => `${version}.${ordinal}`;

export function summaryOf(a: ApplicationItem): ApplicationSummary {
  return { ApplicationName: a.name, ApplicationARN: a.arn, ApplicationStatus: a.status };
}

export function detailOf(a: ApplicationItem): ApplicationDetail {
  return {
    ApplicationName: a.name,
    ...(a.description !== undefined ? { ApplicationDescription: a.description } : {}),
    ApplicationARN: a.arn,
    ApplicationStatus: a.status,
    CreateTimestamp: new Date(a.createdAt),
    LastUpdateTimestamp: new Date(a.updatedAt),
    InputDescriptions: a.inputs.map((i) => ({
      InputId: i.InputId,
      NamePrefix: i.NamePrefix,
      InAppStreamNames: inAppStreamNames(i),
      ...(i.InputProcessingConfiguration ? { InputProcessingConfigurationDescription: { InputLambdaProcessorDescription: i.InputProcessingConfiguration.InputLambdaProcessor } } : {}),
      ...(i.KinesisStreamsInput ? { KinesisStreamsInputDescription: i.KinesisStreamsInput } : {}),
      ...(i.KinesisFirehoseInput ? { KinesisFirehoseInputDescription: i.KinesisFirehoseInput } : {}),
      InputSchema: i.InputSchema,
      InputParallelism: { Count: i.InputParallelism?.Count ?? 1 },
      InputStartingPositionConfiguration: i.InputStartingPositionConfiguration ?? {},
    })),
    OutputDescriptions: a.outputs.map((o) => ({
      OutputId: o.OutputId,
      Name: o.Name,
      ...(o.KinesisStreamsOutput ? { KinesisStreamsOutputDescription: o.KinesisStreamsOutput } : {}),
      ...(o.KinesisFirehoseOutput ? { KinesisFirehoseOutputDescription: o.KinesisFirehoseOutput } : {}),
      ...(o.LambdaOutput ? { LambdaOutputDescription: o.LambdaOutput } : {}),
      DestinationSchema: o.DestinationSchema,
    })),
    ReferenceDataSourceDescriptions: a.references.map((r) => ({
      ReferenceId: r.ReferenceId,
      TableName: r.TableName,
      S3ReferenceDataSourceDescription: r.S3ReferenceDataSource,
      ReferenceSchema: r.ReferenceSchema,
    })),
    CloudWatchLoggingOptionDescriptions: [],
    ...(a.code !== undefined ? { ApplicationCode: a.code } : {}),
    ApplicationVersionId: a.versionId,
  };
}
