import type { StartStreamEncryptionInput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { beginStreamUpdate } from '../operations/stream-settings';
import { loadStream } from '../store/streams';

/**
 * Records put after the update report EncryptionType KMS. Runnel's data is encrypted at rest by the
 * deployment itself (DynamoDB and S3 encryption at rest); the key id is recorded and reported.
 */
export async function startStreamEncryption(input: StartStreamEncryptionInput, ctx: ActionContext): Promise<void> {
  const { stream, ref } = await loadStream(ctx, input);
  if (input.EncryptionType !== 'KMS') throw new InvalidArgumentException(`Encryption type ${input.EncryptionType} is not valid for StartStreamEncryption. Use KMS.`);
  await beginStreamUpdate(ctx, stream, ref, { encryption: { type: 'KMS', keyId: input.KeyId! } });
}
