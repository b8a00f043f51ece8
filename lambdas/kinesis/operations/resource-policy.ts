import { ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { loadStream } from '../store/streams';
import { kinesisMessages } from '../domain/messages';

const CONSUMER_ARN = /:stream\/[^/]+\/consumer\//;

/** The stream a resource-policy call names; consumer ARNs name nothing Runnel keeps policies for. */
export async function policyTarget(ctx: ActionContext, resourceArn: string) {
  if (CONSUMER_ARN.test(resourceArn)) throw new ResourceNotFoundException(kinesisMessages.consumerNotFound(resourceArn, ctx.account));
  return loadStream(ctx, { StreamARN: resourceArn });
}
