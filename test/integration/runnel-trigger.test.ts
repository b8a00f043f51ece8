/**
 * RunnelTrigger's custom resource, run as CloudFormation would run it but against the local
 * DynamoDB: AWS's own AwsCustomResource handler takes the synthesized Create, Update and Delete
 * events, and the cloud's dispatcher then finds the trigger, invokes the function, and stops once
 * the trigger is deleted.
 */
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Function } from 'aws-cdk-lib/aws-lambda';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getStreamItem } from '../../lambdas/kinesis/store/streams';
import { listTriggers } from '../../lambdas/kinesis/store/triggers';
import { dispatchTriggers, triggersForShards, type DispatchPorts } from '../../lambdas/kinesis/triggers/dispatch';
import { RunnelTrigger, type RunnelTriggerProps } from '../../lib/constructs/runnel-trigger';
import { createActiveStream, startRunnel, type TestRunnel } from '../support/local';

const require = createRequire(import.meta.url);
const HANDLER = join(dirname(require.resolve('aws-cdk-lib')), 'custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js');
const { handler } = require(HANDLER) as { handler: (event: unknown, context: unknown) => Promise<void> };
const https = require('node:https') as { request: unknown };

const ACCOUNT = '000000000000';
const STREAM_ARN = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/deployed`;
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:deployed-handler`;

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel();
});
afterAll(() => t.stop());

/** The custom resource's properties as CloudFormation sends them (every value a string). */
function synthesized(props: Partial<RunnelTriggerProps>): Record<string, string> {
  const stack = new Stack(new App(), 'Shop', { env: { account: ACCOUNT, region: 'us-east-1' } });
  new RunnelTrigger(stack, 'Deployed', { triggersTable: t.runnel.runtime.config.tables.triggers, streamArn: STREAM_ARN, function: Function.fromFunctionArn(stack, 'F', FUNCTION_ARN), ...props });
  const [resource] = Object.values(Template.fromStack(stack).findResources('Custom::RunnelTrigger')) as { Properties: Record<string, unknown> }[];
  return Object.fromEntries(Object.entries(resource.Properties).map(([k, v]) => [k, String(v)]));
}

/** One CloudFormation request through AWS's handler; its response (normally PUT to S3) is captured. */
async function cloudFormation(requestType: 'Create' | 'Update' | 'Delete', properties: Record<string, string>, physicalResourceId?: string): Promise<{ Status: string; Reason: string; PhysicalResourceId: string }> {
  const responses: string[] = [];
  const request = https.request;
  const env = { ...process.env };
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: t.runnel.dynamodbUrl, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  https.request = (_options: unknown, done: (res: unknown) => void) => ({
    on: () => undefined,
    write: (body: string) => void responses.push(body),
    end: () => done({}),
  });
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await handler(
      {
        RequestType: requestType,
        ResourceType: 'Custom::RunnelTrigger',
        ResourceProperties: { ...properties },
        ...(physicalResourceId ? { PhysicalResourceId: physicalResourceId } : {}),
        ResponseURL: 'https://cloudformation-custom-resource-response.invalid/response',
        StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/Shop/1',
        RequestId: `${requestType}-1`,
        LogicalResourceId: 'DeployedItem',
      },
      { logStreamName: 'local' },
    );
  } finally {
    log.mockRestore();
    https.request = request;
    process.env = env;
  }
  expect(responses).toHaveLength(1);
  return JSON.parse(responses[0]);
}

describe('RunnelTrigger deployed by its custom resource', () => {
  it('creates the trigger the dispatcher runs, updates it in place, and deletes it', async () => {
    await createActiveStream(t.kinesis, 'deployed', 1);
    const rt = t.runnel.runtime;
    const created = await cloudFormation('Create', synthesized({ triggerId: 'deployed-trigger', batchSize: 2, batchingWindow: Duration.seconds(0) }));
    expect(created.Reason).toBe('OK');
    expect(created.Status).toBe('SUCCESS');
    expect(created.PhysicalResourceId).toBe(`${rt.config.tables.triggers}/deployed-trigger`);
    expect((await listTriggers(rt)).find((x) => x.id === 'deployed-trigger')).toMatchObject({ streamArn: STREAM_ARN, functionName: FUNCTION_ARN, batchSize: 2 });

    // The dispatcher, woken by a write, invokes the function named in the deployed item.
    await t.kinesis.send(new PutRecordsCommand({ StreamName: 'deployed', Records: ['a', 'b', 'c'].map((v) => ({ PartitionKey: 'k', Data: Buffer.from(v) })) }));
    const { streamId } = (await getStreamItem(rt, { account: ACCOUNT, region: 'us-east-1', name: 'deployed' }))!;
    const invoked: { fn: string; data: string[] }[] = [];
    const ports: DispatchPorts = {
      region: 'us-east-1',
      invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/dispatcher`,
      invoke: async (fn, event) => {
        invoked.push({ fn, data: (event as { Records: { kinesis: { data: string } }[] }).Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString()) });
        return null;
      },
      retryLater: async () => {
        throw new Error('no retry expected');
      },
    };
    const woken = await triggersForShards(rt, [`${streamId}#0`]);
    expect(woken.map((x) => x.id)).toEqual(['deployed-trigger']);
    await dispatchTriggers(rt, woken, ports);
    expect(invoked).toEqual([
      { fn: FUNCTION_ARN, data: ['a', 'b'] },
      { fn: FUNCTION_ARN, data: ['c'] },
    ]);

    const updated = await cloudFormation('Update', synthesized({ triggerId: 'deployed-trigger', batchSize: 10, reportBatchItemFailures: true }), created.PhysicalResourceId);
    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    const triggers = (await listTriggers(rt)).filter((x) => x.id === 'deployed-trigger');
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({ batchSize: 10, reportBatchItemFailures: true });

    const deleted = await cloudFormation('Delete', synthesized({ triggerId: 'deployed-trigger', batchSize: 10, reportBatchItemFailures: true }), created.PhysicalResourceId);
    expect(deleted.Status).toBe('SUCCESS');
    expect((await listTriggers(rt)).map((x) => x.id)).not.toContain('deployed-trigger');
    expect(await triggersForShards(rt, [`${streamId}#0`])).toEqual([]);
  });

  it('deletes cleanly when the triggers table is already gone', async () => {
    const props = synthesized({ triggerId: 'orphan' });
    const gone = JSON.parse(props.Delete) as { parameters: { TableName: string } };
    gone.parameters.TableName = 'Runnel-TriggersTable-deleted';
    const deleted = await cloudFormation('Delete', { ...props, Delete: JSON.stringify(gone) }, 'Runnel-TriggersTable-deleted/orphan');
    expect(deleted.Status).toBe('SUCCESS');
  });
});
