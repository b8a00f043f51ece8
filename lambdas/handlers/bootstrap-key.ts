/**
 * CloudFormation custom resource: issues the deployment's first access key pair on create, so a
 * new user can sign requests right after `cdk deploy`. The secret never leaves the table.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { issueAccessKey } from '../auth/access-keys';
import { TABLE_ENCRYPTED_AT_REST } from '../auth/secret-box';
import { ENV } from './cloud-runtime';

export async function handler(event: CloudFormationCustomResourceEvent): Promise<{ PhysicalResourceId: string; Data?: Record<string, string> }> {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  // An update keeps the key it issued: outputs that read AccessKeyId need it in Data every time.
  if (event.RequestType === 'Update') return { PhysicalResourceId: event.PhysicalResourceId, Data: { AccessKeyId: event.PhysicalResourceId } };
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));
  // Only the id leaves the function: the secret is read from the table by the deployer.
  const { accessKeyId } = await issueAccessKey(ddb, process.env[ENV.accessKeysTable]!, TABLE_ENCRYPTED_AT_REST, process.env[ENV.accountId]!, Date.now());
  return { PhysicalResourceId: accessKeyId, Data: { AccessKeyId: accessKeyId } };
}
