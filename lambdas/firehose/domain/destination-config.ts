/** Turns the S3 destination shapes of Create/UpdateDeliveryStream into Runnel's stored form, and back. */
import type {
  ExtendedS3DestinationConfiguration,
  ExtendedS3DestinationDescription,
  ExtendedS3DestinationUpdate,
  S3DestinationDescription,
} from '@aws-sdk/client-firehose';
import { InvalidArgumentException } from '../../protocol/errors';
import type { S3Destination } from './delivery-stream';
import { checkPrefixes } from './object-key';

const DEFAULT_HINTS = { SizeInMBs: 5, IntervalInSeconds: 300 };
const NO_ENCRYPTION = { NoEncryptionConfig: 'NoEncryption' };
const SUPPORTED_PROCESSORS = ['Lambda', 'AppendDelimiterToRecord'];

type S3Input = Partial<ExtendedS3DestinationConfiguration> & Partial<ExtendedS3DestinationUpdate>;

function base(input: S3Input, current?: Partial<S3Destination>) {
  const hints = input.BufferingHints ?? current?.BufferingHints ?? DEFAULT_HINTS;
  if ((hints.SizeInMBs === undefined) !== (hints.IntervalInSeconds === undefined) && !current) {
    throw new InvalidArgumentException('BufferingHints must specify both SizeInMBs and IntervalInSeconds, or neither.');
  }
  return {
    RoleARN: input.RoleARN ?? current?.RoleARN!,
    BucketARN: input.BucketARN ?? current?.BucketARN!,
    ...((input.Prefix ?? current?.Prefix) !== undefined ? { Prefix: input.Prefix ?? current?.Prefix } : {}),
    ...((input.ErrorOutputPrefix ?? current?.ErrorOutputPrefix) !== undefined ? { ErrorOutputPrefix: input.ErrorOutputPrefix ?? current?.ErrorOutputPrefix } : {}),
    BufferingHints: { SizeInMBs: hints.SizeInMBs ?? DEFAULT_HINTS.SizeInMBs, IntervalInSeconds: hints.IntervalInSeconds ?? DEFAULT_HINTS.IntervalInSeconds },
    CompressionFormat: (input.CompressionFormat ?? current?.CompressionFormat ?? 'UNCOMPRESSED') as S3Destination['CompressionFormat'],
    EncryptionConfiguration: (input.EncryptionConfiguration ?? current?.EncryptionConfiguration ?? NO_ENCRYPTION) as S3Destination['EncryptionConfiguration'],
    ...((input.CloudWatchLoggingOptions ?? current?.CloudWatchLoggingOptions) ? { CloudWatchLoggingOptions: input.CloudWatchLoggingOptions ?? current?.CloudWatchLoggingOptions } : {}),
  };
}

/** A new or updated S3 destination; `current` is merged under `input` (same-type UpdateDestination). */
export function s3Destination(input: S3Input, current?: S3Destination): S3Destination {
  const destination: S3Destination = {
    ...base(input, current),
    S3BackupMode: (input.S3BackupMode ?? current?.S3BackupMode ?? 'Disabled') as S3Destination['S3BackupMode'],
    ...((input.ProcessingConfiguration ?? current?.ProcessingConfiguration) ? { ProcessingConfiguration: (input.ProcessingConfiguration ?? current?.ProcessingConfiguration) as S3Destination['ProcessingConfiguration'] } : {}),
    ...((input.FileExtension ?? current?.FileExtension) !== undefined ? { FileExtension: input.FileExtension ?? current?.FileExtension } : {}),
    ...((input.CustomTimeZone ?? current?.CustomTimeZone) !== undefined ? { CustomTimeZone: input.CustomTimeZone ?? current?.CustomTimeZone } : {}),
  };
  const backup = input.S3BackupConfiguration ?? input.S3BackupUpdate;
  if (backup || current?.S3BackupConfiguration) destination.S3BackupConfiguration = base((backup ?? {}) as S3Input, current?.S3BackupConfiguration);
  if (current?.S3BackupMode === 'Enabled' && destination.S3BackupMode === 'Disabled') {
    throw new InvalidArgumentException('S3BackupMode cannot be changed from Enabled to Disabled.');
  }
  if (destination.S3BackupMode === 'Enabled' && !destination.S3BackupConfiguration) {
    throw new InvalidArgumentException('S3BackupConfiguration must be specified when S3BackupMode is Enabled.');
  }
  for (const p of destination.ProcessingConfiguration?.Processors ?? []) {
    if (!SUPPORTED_PROCESSORS.includes(p.Type)) throw new InvalidArgumentException(`Processor type ${p.Type} is not supported by Runnel; use ${SUPPORTED_PROCESSORS.join(' or ')}.`);
    if (p.Type === 'Lambda' && !p.Parameters?.some((x) => x.ParameterName === 'LambdaArn')) {
      throw new InvalidArgumentException('LambdaArn must be specified for the Lambda processor.');
    }
  }
  checkPrefixes(destination.Prefix, destination.ErrorOutputPrefix);
  return destination;
}

function describeBase(d: Omit<S3Destination, 'S3BackupMode'>): S3DestinationDescription {
  return {
    RoleARN: d.RoleARN,
    BucketARN: d.BucketARN,
    ...(d.Prefix !== undefined ? { Prefix: d.Prefix } : {}),
    ...(d.ErrorOutputPrefix !== undefined ? { ErrorOutputPrefix: d.ErrorOutputPrefix } : {}),
    BufferingHints: d.BufferingHints,
    CompressionFormat: d.CompressionFormat,
    EncryptionConfiguration: d.EncryptionConfiguration as S3DestinationDescription['EncryptionConfiguration'],
    CloudWatchLoggingOptions: d.CloudWatchLoggingOptions ?? { Enabled: false },
  };
}

export function describeDestination(d: S3Destination): { S3DestinationDescription: S3DestinationDescription; ExtendedS3DestinationDescription: ExtendedS3DestinationDescription } {
  return {
    S3DestinationDescription: describeBase(d),
    ExtendedS3DestinationDescription: {
      ...describeBase(d),
      ProcessingConfiguration: (d.ProcessingConfiguration ?? { Enabled: false, Processors: [] }) as ExtendedS3DestinationDescription['ProcessingConfiguration'],
      S3BackupMode: d.S3BackupMode,
      ...(d.S3BackupConfiguration ? { S3BackupDescription: describeBase(d.S3BackupConfiguration) } : {}),
      ...(d.FileExtension !== undefined ? { FileExtension: d.FileExtension } : {}),
      ...(d.CustomTimeZone !== undefined ? { CustomTimeZone: d.CustomTimeZone } : {}),
    },
  };
}
