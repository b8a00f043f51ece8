import type { DeleteResourcePolicyInput } from '@aws-sdk/client-kinesis';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { policyTarget } from '../operations/resource-policy';

export async function deleteResourcePolicy(input: DeleteResourcePolicyInput, ctx: ActionContext): Promise<void> {
  const { stream } = await policyTarget(ctx, input.ResourceARN!);
  if (stream.policy === undefined) throw new ResourceNotFoundException(`No resource policy found for resource ARN ${input.ResourceARN}.`);
  await ctx.ddb.send(new UpdateCommand({ TableName: ctx.config.tables.streams, Key: { pk: stream.pk, sk: stream.sk }, UpdateExpression: 'REMOVE #p', ExpressionAttributeNames: { '#p': 'policy' } }));
}
