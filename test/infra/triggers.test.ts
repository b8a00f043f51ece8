/** Lambda triggers in the synthesized stack: opt-in, woken by the shards table's stream, invoking only tagged functions. */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { RunnelStack } from '../../lib/runnel-stack';

const synth = (triggers: boolean) => Template.fromStack(new RunnelStack(new App(), 'Runnel', { env: { account: '123456789012', region: 'us-east-1' }, triggers }));

describe('Lambda triggers in the stack', () => {
  it('add a keys-only stream on the shards table, a filtered mapping to the dispatcher and a retry queue', () => {
    const t = synth(true);
    t.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'KEYS_ONLY' }, KeySchema: Match.arrayWith([{ AttributeName: 'sk', KeyType: 'RANGE' }]), TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true } });
    t.resourcePropertiesCountIs('AWS::DynamoDB::Table', { StreamSpecification: Match.anyValue() }, 1);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['StreamArn']) }),
      StartingPosition: 'LATEST',
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { sk: { N: ['0'] } } } }) }] },
    });
    t.resourceCountIs('AWS::SQS::Queue', 1);
    t.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    const invoke = Object.values(t.findResources('AWS::IAM::Policy'))
      .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Condition?: unknown; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement)
      .filter((s) => [s.Action].flat().includes('lambda:InvokeFunction') && JSON.stringify(s.Resource).includes(':function:*'));
    expect(invoke).toHaveLength(1);
    expect(invoke[0].Condition).toEqual({ StringEquals: { 'aws:ResourceTag/runnel-trigger': 'true' } });
    t.hasOutput('TriggersTable', {});
  });

  it('are off by default: no stream, no dispatcher', () => {
    const t = synth(false);
    t.resourcePropertiesCountIs('AWS::DynamoDB::Table', { StreamSpecification: Match.anyValue() }, 0);
    t.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
    t.resourceCountIs('AWS::SQS::Queue', 0);
  });
});
