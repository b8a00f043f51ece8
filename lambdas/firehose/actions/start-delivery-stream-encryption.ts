import type { StartDeliveryStreamEncryptionInput } from '@aws-sdk/client-firehose';
import type { ActionContext } from '../../runtime/context';
import { changeEncryption } from '../encryption';

export async function startDeliveryStreamEncryption(input: StartDeliveryStreamEncryptionInput, ctx: ActionContext): Promise<void> {
  const config = input.DeliveryStreamEncryptionConfigurationInput;
  await changeEncryption(ctx, input.DeliveryStreamName!, { status: 'ENABLED', keyType: config?.KeyType ?? 'AWS_OWNED_CMK', ...(config?.KeyARN ? { keyArn: config.KeyARN } : {}) });
}
