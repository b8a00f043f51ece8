import type { DescribeDeliveryStreamInput, DescribeDeliveryStreamOutput } from '@aws-sdk/client-firehose';
import type { ActionContext } from '../../runtime/context';
import { describeDestination } from '../domain/destination-config';
import { loadDeliveryStream } from '../store/delivery-streams';

export async function describeDeliveryStream(input: DescribeDeliveryStreamInput, ctx: ActionContext): Promise<DescribeDeliveryStreamOutput> {
  const ds = await loadDeliveryStream(ctx, input.DeliveryStreamName!);
  return {
    DeliveryStreamDescription: {
      DeliveryStreamName: ds.name,
      DeliveryStreamARN: ds.arn,
      DeliveryStreamStatus: ds.status,
      DeliveryStreamType: ds.type,
      VersionId: String(ds.versionId),
      CreateTimestamp: new Date(ds.createdAt),
      ...(ds.updatedAt ? { LastUpdateTimestamp: new Date(ds.updatedAt) } : {}),
      DeliveryStreamEncryptionConfiguration: ds.encryption
        ? { Status: ds.encryption.status, ...(ds.encryption.keyType ? { KeyType: ds.encryption.keyType as never } : {}), ...(ds.encryption.keyArn ? { KeyARN: ds.encryption.keyArn } : {}) }
        : { Status: 'DISABLED' },
      ...(ds.source
        ? { Source: { KinesisStreamSourceDescription: { KinesisStreamARN: ds.source.KinesisStreamARN, RoleARN: ds.source.RoleARN, DeliveryStartTimestamp: new Date(ds.source.DeliveryStartTimestamp) } } }
        : {}),
      Destinations: [{ DestinationId: ds.destinationId, ...describeDestination(ds.destination) }],
      HasMoreDestinations: false,
    },
  };
}
