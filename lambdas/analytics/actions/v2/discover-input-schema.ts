import type { DiscoverInputSchemaRequest, DiscoverInputSchemaResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { v1Processing } from '../../domain/application-v2';
import { discoverInputSchema as discoverV1 } from '../discover-input-schema';

/** v1's discovery, with the service execution role standing in for the source's and the processor's RoleARN. */
export function discoverInputSchema(input: DiscoverInputSchemaRequest, ctx: ActionContext): Promise<DiscoverInputSchemaResponse> {
  const role = input.ServiceExecutionRole!;
  return discoverV1(
    {
      ResourceARN: input.ResourceARN,
      RoleARN: role,
      InputStartingPositionConfiguration: input.InputStartingPositionConfiguration,
      ...(input.S3Configuration ? { S3Configuration: { ...input.S3Configuration, RoleARN: role } } : {}),
      ...(input.InputProcessingConfiguration ? { InputProcessingConfiguration: v1Processing(input.InputProcessingConfiguration, role) } : {}),
    },
    ctx,
  );
}
