import type { CreateDeliveryStreamInput, CreateDeliveryStreamOutput } from '@aws-sdk/client-firehose';
import { randomBytes } from 'node:crypto';
import { InvalidArgumentException, ResourceInUseException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { startDeliveryStreamLifecycle } from '../workflows';
import { deliveryStreamArn, type DeliveryStreamItem } from '../domain/delivery-stream';
import { s3Destination } from '../domain/destination-config';
import { refuseUnsupportedCreateSettings } from '../domain/unsupported-settings';
import { encryptionFrom } from '../operations/encryption';
import {insertDeliveryStream } from '../store/delivery-streams';
import { firehoseMessages } from '../domain/messages';
import { accountPartition } from '../../runtime/tables';

const OTHER_DESTINATIONS = [
  'RedshiftDestinationConfiguration',
  'ElasticsearchDestinationConfiguration',
  'AmazonopensearchserviceDestinationConfiguration',
  'SplunkDestinationConfiguration',
  'HttpEndpointDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
] as const;

export async function createDeliveryStream(input: CreateDeliveryStreamInput, ctx: ActionContext): Promise<CreateDeliveryStreamOutput> {
  const name = input.DeliveryStreamName!;
  const type = input.DeliveryStreamType ?? 'DirectPut';
  if (type !== 'DirectPut' && type !== 'KinesisStreamAsSource') throw new InvalidArgumentException(`DeliveryStreamType ${type} is not supported by Runnel.`);
  if (type === 'KinesisStreamAsSource' && !input.KinesisStreamSourceConfiguration) {
    throw new InvalidArgumentException('KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.');
  }
  if (type === 'KinesisStreamAsSource' && input.DeliveryStreamEncryptionConfigurationInput) {
    throw new InvalidArgumentException('Server-side encryption is only supported for delivery streams of type DirectPut.');
  }
  const given = [input.ExtendedS3DestinationConfiguration, input.S3DestinationConfiguration, ...OTHER_DESTINATIONS.map((d) => input[d])].filter(Boolean);
  if (given.length !== 1) throw new InvalidArgumentException('Exactly one destination configuration must be specified.');
  const other = OTHER_DESTINATIONS.find((d) => input[d]);
  if (other) throw new InvalidArgumentException(`${other} is not supported by Runnel: use ExtendedS3DestinationConfiguration.`);
  refuseUnsupportedCreateSettings(input);
  const destination = s3Destination((input.ExtendedS3DestinationConfiguration ?? input.S3DestinationConfiguration)!);
  const tags = Object.fromEntries((input.Tags ?? []).map((t) => [t.Key!, t.Value ?? '']));
  const now = ctx.clock();
  const enc = input.DeliveryStreamEncryptionConfigurationInput;
  const item: DeliveryStreamItem = {
    pk: accountPartition(ctx.account, ctx.region),
    sk: name,
    name,
    arn: deliveryStreamArn(ctx.region, ctx.account, name),
    id: randomBytes(10).toString('hex'),
    status: 'CREATING',
    type,
    versionId: 1,
    createdAt: now,
    destinationId: 'destinationId-000000000001',
    destination,
    ...(input.KinesisStreamSourceConfiguration
      ? { source: { KinesisStreamARN: input.KinesisStreamSourceConfiguration.KinesisStreamARN!, RoleARN: input.KinesisStreamSourceConfiguration.RoleARN!, DeliveryStartTimestamp: now } }
      : {}),
    ...(enc ? { encryption: encryptionFrom(enc) } : {}),
    tags,
  };
  if (!(await insertDeliveryStream(ctx, item))) throw new ResourceInUseException(firehoseMessages.exists(name, ctx.account));
  await startDeliveryStreamLifecycle(ctx, 'create', item);
  return { DeliveryStreamARN: item.arn };
}
