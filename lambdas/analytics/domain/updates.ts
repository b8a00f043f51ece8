/**
 * UpdateApplication's InputUpdates, OutputUpdates and ReferenceDataSourceUpdates applied to the stored configuration: each
 * `…Update` field replaces the field it names, and an update naming an unknown id is refused.
 * Pure; the result is validated as a whole by operations/configure.ts.
 */
import type { InputUpdate, OutputUpdate, ReferenceDataSourceUpdate } from '@aws-sdk/client-kinesis-analytics';
import { InvalidArgumentException } from '../../protocol/errors';
import type { StoredInput, StoredOutput, StoredReference } from './application';
import { analyticsMessages as m } from './messages';

const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A resource update: the ARN and role given replace the current ones; `role` is the one kept otherwise. */
const replaced = (u: { ResourceARNUpdate?: string; RoleARNUpdate?: string } | undefined, current: { ResourceARN?: string } | undefined, role: string | undefined) => ({
  ResourceARN: u?.ResourceARNUpdate ?? current?.ResourceARN,
  RoleARN: u?.RoleARNUpdate ?? role,
});

/** The role an input's source is read with (v2 stores its service role there too). */
const roleOf = (input: StoredInput) => (input.KinesisStreamsInput ?? input.KinesisFirehoseInput)?.RoleARN;

/** A source update replaces the source; a role not given is the one the input had. */
function sourceUpdate(input: StoredInput, u: InputUpdate): Partial<StoredInput> {
  if (u.KinesisStreamsInputUpdate) return { KinesisStreamsInput: replaced(u.KinesisStreamsInputUpdate, input.KinesisStreamsInput, roleOf(input)), KinesisFirehoseInput: undefined };
  if (u.KinesisFirehoseInputUpdate) return { KinesisFirehoseInput: replaced(u.KinesisFirehoseInputUpdate, input.KinesisFirehoseInput, roleOf(input)), KinesisStreamsInput: undefined };
  return {};
}

function updateInput(input: StoredInput, u: InputUpdate): StoredInput {
  const schema = u.InputSchemaUpdate;
  return {
    ...input,
    ...defined({ NamePrefix: u.NamePrefixUpdate }),
    ...sourceUpdate(input, u),
    ...(u.InputProcessingConfigurationUpdate
      ? {
          InputProcessingConfiguration: {
            InputLambdaProcessor: replaced(
              u.InputProcessingConfigurationUpdate.InputLambdaProcessorUpdate,
              input.InputProcessingConfiguration?.InputLambdaProcessor,
              input.InputProcessingConfiguration?.InputLambdaProcessor?.RoleARN ?? roleOf(input),
            ),
          },
        }
      : {}),
    ...(schema
      ? {
          InputSchema: {
            ...input.InputSchema!,
            ...defined({ RecordFormat: schema.RecordFormatUpdate, RecordEncoding: schema.RecordEncodingUpdate, RecordColumns: schema.RecordColumnUpdates }),
          },
        }
      : {}),
    ...(u.InputParallelismUpdate?.CountUpdate !== undefined ? { InputParallelism: { Count: u.InputParallelismUpdate.CountUpdate } } : {}),
  };
}

function updateOutput(output: StoredOutput, u: OutputUpdate): StoredOutput {
  const role = (output.KinesisStreamsOutput ?? output.KinesisFirehoseOutput ?? output.LambdaOutput)?.RoleARN;
  const destination = u.KinesisStreamsOutputUpdate
    ? { KinesisStreamsOutput: replaced(u.KinesisStreamsOutputUpdate, output.KinesisStreamsOutput, role) }
    : u.KinesisFirehoseOutputUpdate
      ? { KinesisFirehoseOutput: replaced(u.KinesisFirehoseOutputUpdate, output.KinesisFirehoseOutput, role) }
      : u.LambdaOutputUpdate
        ? { LambdaOutput: replaced(u.LambdaOutputUpdate, output.LambdaOutput, role) }
        : undefined;
  const { KinesisStreamsOutput, KinesisFirehoseOutput, LambdaOutput, ...rest } = output;
  return {
    ...(destination ? rest : output),
    ...destination,
    ...defined({ Name: u.NameUpdate, DestinationSchema: u.DestinationSchemaUpdate }),
  } as StoredOutput;
}

export function applyInputUpdates(appName: string, inputs: StoredInput[], updates: InputUpdate[]): StoredInput[] {
  for (const u of updates) if (!inputs.some((i) => i.InputId === u.InputId)) throw new InvalidArgumentException(m.unknownInput(appName, u.InputId!));
  return inputs.map((i) => updates.filter((u) => u.InputId === i.InputId).reduce(updateInput, i));
}

export function applyOutputUpdates(appName: string, outputs: StoredOutput[], updates: OutputUpdate[]): StoredOutput[] {
  for (const u of updates) if (!outputs.some((o) => o.OutputId === u.OutputId)) throw new InvalidArgumentException(m.unknownOutput(appName, u.OutputId!));
  return outputs.map((o) => updates.filter((u) => u.OutputId === o.OutputId).reduce(updateOutput, o));
}

function updateReference(ref: StoredReference, u: ReferenceDataSourceUpdate): StoredReference {
  const s3 = u.S3ReferenceDataSourceUpdate;
  const current = ref.S3ReferenceDataSource;
  return {
    ...ref,
    ...defined({ TableName: u.TableNameUpdate, ReferenceSchema: u.ReferenceSchemaUpdate }),
    ...(s3
      ? {
          S3ReferenceDataSource: {
            BucketARN: s3.BucketARNUpdate ?? current?.BucketARN,
            FileKey: s3.FileKeyUpdate ?? current?.FileKey,
            ReferenceRoleARN: s3.ReferenceRoleARNUpdate ?? current?.ReferenceRoleARN,
          },
        }
      : {}),
  };
}

export function applyReferenceUpdates(appName: string, references: StoredReference[], updates: ReferenceDataSourceUpdate[]): StoredReference[] {
  for (const u of updates) if (!references.some((r) => r.ReferenceId === u.ReferenceId)) throw new InvalidArgumentException(m.unknownReference(appName, u.ReferenceId!));
  return references.map((r) => updates.filter((u) => u.ReferenceId === r.ReferenceId).reduce(updateReference, r));
}

/** Add/DeleteApplicationInputProcessingConfiguration: sets (or, without `config`, removes) one input's preprocessor. */
export function setInputProcessing(appName: string, inputs: StoredInput[], inputId: string, config: StoredInput['InputProcessingConfiguration']): StoredInput[] {
  if (!inputs.some((i) => i.InputId === inputId)) throw new InvalidArgumentException(m.unknownInput(appName, inputId));
  return inputs.map((i) => {
    if (i.InputId !== inputId) return i;
    const { InputProcessingConfiguration: _, ...rest } = i;
    return config ? { ...rest, InputProcessingConfiguration: config } : rest;
  });
}
