import type { StartDeliveryStreamEncryptionInput } from '@aws-sdk/client-firehose';
import type { ActionContext } from '../../runtime/context';
import { changeEncryption, encryptionFrom } from '../operations/encryption';

export async function startDeliveryStreamEncryption(input: StartDeliveryStreamEncryptionInput, ctx: ActionContext): Promise<void> {
  await changeEncryption(ctx, input.DeliveryStreamName!, encryptionFrom(input.DeliveryStreamEncryptionConfigurationInput));
}
