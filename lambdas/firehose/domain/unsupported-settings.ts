/**
 * Create/UpdateDeliveryStream settings Runnel does not implement. Each one that would change what
 * a delivery stream does is refused with InvalidArgumentException naming the member: storing it and
 * carrying on would leave the caller believing Parquet files, partitions or logs were on their way.
 * Forms that change nothing (an `Enabled: false` block) are accepted, as AWS accepts them. The
 * README ("Settings Runnel refuses or ignores") lists what is refused, what is ignored and why, and
 * what works differently.
 */
import type {
  CreateDeliveryStreamInput,
  ExtendedS3DestinationConfiguration,
  ExtendedS3DestinationUpdate,
  UpdateDestinationInput,
} from '@aws-sdk/client-firehose';
import { InvalidArgumentException } from '../../protocol/errors';

const UNSUPPORTED_SOURCES = ['MSKSourceConfiguration', 'DatabaseSourceConfiguration'] as const;

const UNSUPPORTED_DESTINATION_UPDATES = [
  'RedshiftDestinationUpdate',
  'ElasticsearchDestinationUpdate',
  'AmazonopensearchserviceDestinationUpdate',
  'SplunkDestinationUpdate',
  'HttpEndpointDestinationUpdate',
  'AmazonOpenSearchServerlessDestinationUpdate',
  'SnowflakeDestinationUpdate',
  'IcebergDestinationUpdate',
] as const;

type S3Settings = Partial<ExtendedS3DestinationConfiguration> & Partial<ExtendedS3DestinationUpdate>;

const unsupported = (member: string, advice: string, why?: string) =>
  new InvalidArgumentException(`${member} is not supported by Runnel${why ? ` (${why})` : ''}; ${advice}.`);

const TURN_OFF = 'omit it or set its Enabled to false';

/** `path` is where the destination sits in the request, so the message names the exact member. */
function refuseS3Settings(path: string, s3: S3Settings | undefined, backupMember?: 'S3BackupConfiguration' | 'S3BackupUpdate'): void {
  if (!s3) return;
  // Conversion is on unless Enabled is false: AWS's default for this block is true.
  if (s3.DataFormatConversionConfiguration && s3.DataFormatConversionConfiguration.Enabled !== false) {
    throw unsupported(`${path}.DataFormatConversionConfiguration`, TURN_OFF, 'records are delivered as they arrive, not as Parquet or ORC');
  }
  if (s3.DynamicPartitioningConfiguration?.Enabled === true) {
    throw unsupported(`${path}.DynamicPartitioningConfiguration`, TURN_OFF, 'objects are keyed by Prefix and arrival time only');
  }
  if (s3.CloudWatchLoggingOptions?.Enabled === true) {
    throw unsupported(`${path}.CloudWatchLoggingOptions`, TURN_OFF, 'it writes no CloudWatch Logs');
  }
  // The flush runs one processor of each type, so a second one of a type would never run.
  const types = (s3.ProcessingConfiguration?.Processors ?? []).map((p) => p.Type);
  const repeated = types.find((type, i) => types.indexOf(type) !== i);
  if (repeated) throw unsupported(`${path}.ProcessingConfiguration with more than one ${repeated} processor`, 'give one processor of each type');
  if (backupMember) refuseS3Settings(`${path}.${backupMember}`, s3[backupMember]);
}

export function refuseUnsupportedCreateSettings(input: CreateDeliveryStreamInput): void {
  for (const source of UNSUPPORTED_SOURCES) {
    if (input[source]) throw unsupported(source, 'use DeliveryStreamType DirectPut or KinesisStreamAsSource');
  }
  // Only a KinesisStreamAsSource stream polls its source; on any other it would be stored and never read.
  if (input.KinesisStreamSourceConfiguration && (input.DeliveryStreamType ?? 'DirectPut') !== 'KinesisStreamAsSource') {
    throw new InvalidArgumentException('KinesisStreamSourceConfiguration can only be specified when DeliveryStreamType is KinesisStreamAsSource.');
  }
  refuseS3Settings('ExtendedS3DestinationConfiguration', input.ExtendedS3DestinationConfiguration, 'S3BackupConfiguration');
  refuseS3Settings('S3DestinationConfiguration', input.S3DestinationConfiguration);
}

export function refuseUnsupportedUpdateSettings(input: UpdateDestinationInput): void {
  const other = UNSUPPORTED_DESTINATION_UPDATES.find((d) => input[d]);
  if (other) throw unsupported(other, 'use ExtendedS3DestinationUpdate');
  // Both S3 forms at once would leave one of them unapplied.
  if (input.ExtendedS3DestinationUpdate && input.S3DestinationUpdate) {
    throw new InvalidArgumentException('Exactly one destination update must be specified: give ExtendedS3DestinationUpdate or S3DestinationUpdate, not both.');
  }
  refuseS3Settings('ExtendedS3DestinationUpdate', input.ExtendedS3DestinationUpdate, 'S3BackupUpdate');
  refuseS3Settings('S3DestinationUpdate', input.S3DestinationUpdate);
}
