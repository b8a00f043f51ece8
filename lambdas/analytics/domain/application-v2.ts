/**
 * The v2 API's view of an application (RuntimeEnvironment SQL-1_0). v2 has one service execution
 * role instead of a role per input and output, and nests the SQL configuration; the stored item
 * keeps v1's shapes, with the service role as each input's and output's RoleARN, so one runtime
 * serves both APIs.
 */
import type { InputProcessingConfiguration as V1Processing, Input as V1Input, Output as V1Output } from '@aws-sdk/client-kinesis-analytics';
import type { ReferenceDataSource as V1Reference } from '@aws-sdk/client-kinesis-analytics';
import type { ApplicationDetail, ApplicationSummary, Input, InputProcessingConfiguration, Output, ReferenceDataSource } from '@aws-sdk/client-kinesis-analytics-v2';
import { detailOf, type ApplicationItem } from './application';

export const SQL_RUNTIME = 'SQL-1_0';

/**
 * v2 describes a resource by its ResourceARN; the RoleARN is there "for backward compatibility"
 * only: for an application the v1 API created with a role per resource, not for one with v2's
 * service execution role.
 */
const describedFor = (a: ApplicationItem) => <T extends { ResourceARN?: string; RoleARN?: string }>(d: T | undefined) =>
  d ? { ResourceARN: d.ResourceARN, ...(!a.serviceExecutionRole && d.RoleARN ? { RoleARN: d.RoleARN } : {}) } : undefined;
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function v1Processing(config: InputProcessingConfiguration, role: string): V1Processing {
  return { InputLambdaProcessor: { ResourceARN: config.InputLambdaProcessor?.ResourceARN, RoleARN: role } };
}

export function v1Input(input: Input, role: string): V1Input {
  const { KinesisStreamsInput, KinesisFirehoseInput, InputProcessingConfiguration, ...rest } = input;
  return {
    ...rest,
    ...(KinesisStreamsInput ? { KinesisStreamsInput: { ResourceARN: KinesisStreamsInput.ResourceARN, RoleARN: role } } : {}),
    ...(KinesisFirehoseInput ? { KinesisFirehoseInput: { ResourceARN: KinesisFirehoseInput.ResourceARN, RoleARN: role } } : {}),
    ...(InputProcessingConfiguration ? { InputProcessingConfiguration: v1Processing(InputProcessingConfiguration, role) } : {}),
  };
}

export function v1Output(output: Output, role: string): V1Output {
  const { KinesisStreamsOutput, KinesisFirehoseOutput, LambdaOutput, ...rest } = output;
  return {
    ...rest,
    ...(KinesisStreamsOutput ? { KinesisStreamsOutput: { ResourceARN: KinesisStreamsOutput.ResourceARN, RoleARN: role } } : {}),
    ...(KinesisFirehoseOutput ? { KinesisFirehoseOutput: { ResourceARN: KinesisFirehoseOutput.ResourceARN, RoleARN: role } } : {}),
    ...(LambdaOutput ? { LambdaOutput: { ResourceARN: LambdaOutput.ResourceARN, RoleARN: role } } : {}),
  };
}

export function v1Reference(ref: ReferenceDataSource, role: string): V1Reference {
  const s3 = ref.S3ReferenceDataSource;
  return { ...ref, S3ReferenceDataSource: { BucketARN: s3?.BucketARN, FileKey: s3?.FileKey, ReferenceRoleARN: role } };
}

export function summaryV2Of(a: ApplicationItem): ApplicationSummary {
  return { ApplicationName: a.name, ApplicationARN: a.arn, ApplicationStatus: a.status, ApplicationVersionId: a.versionId, RuntimeEnvironment: SQL_RUNTIME };
}

export function detailV2Of(a: ApplicationItem): ApplicationDetail {
  const v1 = detailOf(a);
  const described = describedFor(a);
  return {
    ApplicationARN: a.arn,
    ...(a.description !== undefined ? { ApplicationDescription: a.description } : {}),
    ApplicationName: a.name,
    RuntimeEnvironment: SQL_RUNTIME,
    ...(a.serviceExecutionRole ? { ServiceExecutionRole: a.serviceExecutionRole } : {}),
    ApplicationStatus: a.status,
    ApplicationVersionId: a.versionId,
    CreateTimestamp: v1.CreateTimestamp,
    LastUpdateTimestamp: v1.LastUpdateTimestamp,
    ApplicationConfigurationDescription: {
      SqlApplicationConfigurationDescription: {
        InputDescriptions: v1.InputDescriptions!.map((i) =>
          defined({
            ...i,
            KinesisStreamsInputDescription: described(i.KinesisStreamsInputDescription),
            KinesisFirehoseInputDescription: described(i.KinesisFirehoseInputDescription),
            InputProcessingConfigurationDescription: i.InputProcessingConfigurationDescription
              ? { InputLambdaProcessorDescription: described(i.InputProcessingConfigurationDescription.InputLambdaProcessorDescription) }
              : undefined,
          }),
        ),
        OutputDescriptions: v1.OutputDescriptions!.map((o) =>
          defined({
            ...o,
            KinesisStreamsOutputDescription: described(o.KinesisStreamsOutputDescription),
            KinesisFirehoseOutputDescription: described(o.KinesisFirehoseOutputDescription),
            LambdaOutputDescription: described(o.LambdaOutputDescription),
          }),
        ),
        ReferenceDataSourceDescriptions: v1.ReferenceDataSourceDescriptions!.map((r) => ({
          ...r,
          S3ReferenceDataSourceDescription: { BucketARN: r.S3ReferenceDataSourceDescription!.BucketARN, FileKey: r.S3ReferenceDataSourceDescription!.FileKey },
        })),
      },
      ...(a.code !== undefined ? { ApplicationCodeConfigurationDescription: { CodeContentType: 'PLAINTEXT', CodeContentDescription: { TextContent: a.code } } } : {}),
    },
    CloudWatchLoggingOptionDescriptions: [],
  };
}
