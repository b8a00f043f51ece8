/**
 * RunnelTrigger in a user's stack: the function gets the tag the dispatcher requires, and a custom
 * resource puts (and deletes) exactly the item `runnel triggers create` writes, on that table only.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function, Runtime, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { triggerItem, triggerKey } from '../../lambdas/kinesis/store/triggers';
import { TRIGGER_DEFAULTS } from '../../lambdas/kinesis/triggers/trigger';
import { RunnelTrigger, TRIGGER_TAG, type RunnelTriggerProps } from '../../lib/constructs/runnel-trigger';

const env = { account: '123456789012', region: 'us-east-1' };
const TABLE = 'Runnel-TablesTriggers1234-ABCDEF';
const STREAM = 'arn:aws:kinesis:us-east-1:123456789012:stream/orders';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:orders-handler';

const userStack = () => new Stack(new App(), 'Shop', { env });
const ownFunction = (stack: Stack) => new Function(stack, 'Orders', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => null;') });

interface SdkCall {
  service: string;
  action: string;
  parameters: Record<string, unknown>;
  physicalResourceId?: { id: string };
  ignoreErrorCodesMatching?: string;
}

/** The custom resource's calls; tokens (a function ARN, a table name) must not occur, so pass literal ones. */
function calls(t: Template): { create: SdkCall; update: SdkCall; delete: SdkCall } {
  const resources = Object.values(t.findResources('Custom::RunnelTrigger')) as { Properties: Record<string, unknown> }[];
  expect(resources).toHaveLength(1);
  const p = resources[0].Properties;
  for (const k of ['Create', 'Update', 'Delete']) expect(typeof p[k], `${k} is a literal JSON string`).toBe('string');
  return { create: JSON.parse(p.Create as string), update: JSON.parse(p.Update as string), delete: JSON.parse(p.Delete as string) };
}

function deployed(props: Partial<RunnelTriggerProps> = {}, fn?: (s: Stack) => IFunction) {
  const stack = userStack();
  const trigger = new RunnelTrigger(stack, 'OrdersTrigger', {
    triggersTable: TABLE,
    streamArn: STREAM,
    function: fn ? fn(stack) : Function.fromFunctionArn(stack, 'Imported', FUNCTION_ARN),
    ...props,
  });
  return { stack, trigger, t: Template.fromStack(stack) };
}

describe('RunnelTrigger', () => {
  it('puts on create and update exactly the item runnel triggers create writes, and deletes it by the same key', () => {
    const { trigger, t } = deployed({
      triggerId: 'orders-to-handler',
      batchSize: 250,
      startingPosition: 'LATEST',
      batchingWindow: Duration.seconds(2),
      maximumRetryAttempts: 3,
      bisectBatchOnFunctionError: true,
      reportBatchItemFailures: true,
    });
    const expected = {
      ...TRIGGER_DEFAULTS,
      id: 'orders-to-handler',
      streamArn: STREAM,
      functionName: FUNCTION_ARN,
      batchSize: 250,
      startingPosition: 'LATEST' as const,
      batchingWindowMs: 2000,
      maximumRetryAttempts: 3,
      bisectBatchOnFunctionError: true,
      reportBatchItemFailures: true,
    };
    expect(trigger.trigger).toEqual(expected);
    const c = calls(t);
    expect(c.create).toMatchObject({ service: 'DynamoDB', action: 'PutItem', physicalResourceId: { id: `${TABLE}/orders-to-handler` } });
    expect(c.create.parameters).toEqual({ TableName: TABLE, Item: marshall(triggerItem(expected)) });
    expect(c.update).toEqual(c.create);
    expect(c.delete).toMatchObject({ service: 'DynamoDB', action: 'DeleteItem', ignoreErrorCodesMatching: 'ResourceNotFoundException' });
    expect(c.delete.parameters).toEqual({ TableName: TABLE, Key: marshall(triggerKey('orders-to-handler')) });
    // The item's key is the delete's key.
    const item = c.create.parameters.Item as Record<string, unknown>;
    expect({ pk: item.pk, sk: item.sk }).toEqual(c.delete.parameters.Key);
  });

  it('takes the dispatcher defaults and an id derived from its path, the same on every synth', () => {
    const a = deployed().trigger.trigger;
    const b = deployed().trigger.trigger;
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^ShopOrdersTrigger/);
    expect(a).toEqual({ ...TRIGGER_DEFAULTS, id: a.id, streamArn: STREAM, functionName: FUNCTION_ARN });
    expect(calls(deployed().t).create.parameters.Item).toEqual(marshall(triggerItem(a)));
  });

  it('tags its function runnel-trigger=true, and only the function', () => {
    const { t } = deployed({}, ownFunction);
    expect(TRIGGER_TAG).toBe('runnel-trigger');
    t.hasResourceProperties('AWS::Lambda::Function', { Tags: Match.arrayWith([{ Key: TRIGGER_TAG, Value: 'true' }]) });
    const roles = Object.values(t.findResources('AWS::IAM::Role')) as { Properties: { Tags?: { Key: string }[] } }[];
    expect(roles.flatMap((r) => r.Properties.Tags ?? []).filter((tag) => tag.Key === TRIGGER_TAG)).toEqual([]);
    // The item names the function by its ARN, resolved at deploy time.
    const create = (Object.values(t.findResources('Custom::RunnelTrigger'))[0] as { Properties: { Create: unknown } }).Properties.Create;
    expect(JSON.stringify(create)).toContain('"Fn::GetAtt":["Orders');
  });

  it('warns that a function from outside the app must be tagged by its owner', () => {
    const { stack } = deployed();
    Annotations.fromStack(stack).hasWarning('/Shop/OrdersTrigger', Match.stringLikeRegexp(`tag it ${TRIGGER_TAG}=true yourself`));
    const own = deployed({}, ownFunction).stack;
    expect(Annotations.fromStack(own).findWarning('*', Match.stringLikeRegexp('yourself'))).toEqual([]);
  });

  it('may put and delete items in the triggers table only: no other action, no other resource', () => {
    const { t } = deployed();
    const policies = Object.values(t.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown; Effect: string }[] } } }[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    expect([statements[0].Action].flat().sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:PutItem']);
    expect(statements[0].Effect).toBe('Allow');
    const resource = JSON.stringify(statements[0].Resource);
    expect(resource).toContain(`:table/${TABLE}`);
    expect(resource).not.toContain('*');
    // The custom resource waits for its policy.
    const [cr] = Object.values(t.findResources('Custom::RunnelTrigger')) as { DependsOn?: string[] }[];
    expect(cr.DependsOn?.some((d) => d.includes('CustomResourcePolicy'))).toBe(true);
    // No SDK installed at deploy time.
    t.hasResourceProperties('Custom::RunnelTrigger', { InstallLatestAwsSdk: false });
  });

  it('takes the table itself, with its ARN in the policy', () => {
    const stack = userStack();
    const table = new Table(stack, 'Triggers', { partitionKey: { name: 'pk', type: AttributeType.STRING }, sortKey: { name: 'sk', type: AttributeType.STRING } });
    new RunnelTrigger(stack, 'T', { triggersTable: table, streamArn: STREAM, function: Function.fromFunctionArn(stack, 'F', FUNCTION_ARN), triggerId: 'x' });
    const t = Template.fromStack(stack);
    const statements = (Object.values(t.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: { Resource: unknown }[] } } }[]).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0].Resource).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(table.node.defaultChild as never), 'Arn'] });
  });

  it.each([
    [{ batchSize: 0 }, 'batchSize must be an integer from 1 to 10000'],
    [{ batchSize: 10_001 }, 'batchSize must be an integer from 1 to 10000'],
    [{ batchSize: 1.5 }, 'batchSize must be an integer from 1 to 10000'],
    [{ batchingWindow: Duration.seconds(301) }, 'batchingWindow (in seconds) must be an integer from 0 to 300'],
    [{ batchingWindow: Duration.millis(1500) }, 'batchingWindow (in seconds) must be an integer from 0 to 300'],
    [{ maximumRetryAttempts: -2 }, 'maximumRetryAttempts must be an integer from -1 to 10000'],
    [{ maximumRetryAttempts: 10_001 }, 'maximumRetryAttempts must be an integer from -1 to 10000'],
    [{ startingPosition: 'AT_TIMESTAMP' as 'LATEST' }, 'startingPosition must be TRIM_HORIZON or LATEST'],
    [{ streamArn: 'orders' }, 'streamArn must be a stream ARN'],
    [{ streamArn: 'arn:aws:sqs:us-east-1:123456789012:orders' }, 'streamArn must be a stream ARN'],
    [{ triggerId: '' }, 'a trigger needs an id'],
  ] as [Partial<RunnelTriggerProps>, string][])('refuses %o at synth time', (props, message) => {
    expect(() => deployed(props)).toThrow(`RunnelTrigger Shop/OrdersTrigger: ${message}`);
  });

  it('accepts the limits themselves', () => {
    expect(deployed({ batchSize: 10_000, batchingWindow: Duration.minutes(5), maximumRetryAttempts: 10_000 }).trigger.trigger).toMatchObject({ batchSize: 10_000, batchingWindowMs: 300_000, maximumRetryAttempts: 10_000 });
    expect(deployed({ batchSize: 1, batchingWindow: Duration.seconds(0), maximumRetryAttempts: -1 }).trigger.trigger).toMatchObject({ batchSize: 1, batchingWindowMs: 0, maximumRetryAttempts: -1 });
  });
});
