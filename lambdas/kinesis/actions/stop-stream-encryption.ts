import type { StopStreamEncryptionInput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { beginStreamUpdate } from '../operations/stream-settings';
import { loadStream } from '../store/streams';

export async function stopStreamEncryption(input: StopStreamEncryptionInput, ctx: ActionContext): Promise<void> {
  const { stream, ref } = await loadStream(ctx, input);
  if (input.EncryptionType !== 'KMS') throw new InvalidArgumentException(`Encryption type ${input.EncryptionType} is not valid for StopStreamEncryption. Use KMS.`);
  await beginStreamUpdate(ctx, stream, ref, { encryption: { type: 'NONE' } });
}
