import type { StopDeliveryStreamEncryptionInput } from '@aws-sdk/client-firehose';
import type { ActionContext } from '../../runtime/context';
import { changeEncryption } from '../operations/encryption';

export async function stopDeliveryStreamEncryption(input: StopDeliveryStreamEncryptionInput, ctx: ActionContext): Promise<void> {
  await changeEncryption(ctx, input.DeliveryStreamName!, { status: 'DISABLED' });
}
