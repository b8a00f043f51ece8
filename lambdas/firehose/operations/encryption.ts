import type { DeliveryStreamEncryptionConfigurationInput } from '@aws-sdk/client-firehose';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import type { DeliveryStreamItem } from '../domain/delivery-stream';
import { loadDeliveryStream, updateDeliveryStream } from '../store/delivery-streams';

/**
 * Server-side encryption of a DirectPut delivery stream. Buffered data is always encrypted at rest
 * (the buffer table is), so the change takes effect at once, without the ENABLING step.
 */
/** The stored form of DeliveryStreamEncryptionConfigurationInput, checked as Firehose checks it. */
export function encryptionFrom(input: DeliveryStreamEncryptionConfigurationInput | undefined): NonNullable<DeliveryStreamItem['encryption']> {
  const keyType = input?.KeyType ?? 'AWS_OWNED_CMK';
  if (keyType === 'CUSTOMER_MANAGED_CMK' && !input?.KeyARN) throw new InvalidArgumentException('KeyARN must be specified when KeyType is CUSTOMER_MANAGED_CMK.');
  if (keyType === 'AWS_OWNED_CMK' && input?.KeyARN) throw new InvalidArgumentException('KeyARN must not be specified when KeyType is AWS_OWNED_CMK.');
  return { status: 'ENABLED', keyType, ...(input?.KeyARN ? { keyArn: input.KeyARN } : {}) };
}

export async function changeEncryption(ctx: ActionContext, name: string, encryption: NonNullable<DeliveryStreamItem['encryption']>): Promise<void> {
  const ds = await loadDeliveryStream(ctx, name);
  if (ds.type !== 'DirectPut') throw new InvalidArgumentException('Server-side encryption is only supported for delivery streams of type DirectPut.');
  await updateDeliveryStream(ctx, ds, { encryption });
}
