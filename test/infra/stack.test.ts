import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunnelStack } from '../../lib/runnel-stack';
import { ALL_TABLES } from '../../lambdas/runtime/tables';
import { FIREHOSE_FLUSH } from '../../lambdas/firehose/workflows/flush';
import { ON_DEMAND_SCALING } from '../../lambdas/kinesis/workflows/on-demand-scaling';
import { RESHARD } from '../../lambdas/kinesis/workflows/reshard';
import { STREAM_LIFECYCLE } from '../../lambdas/kinesis/workflows/stream-lifecycle';
import { STREAM_UPDATE } from '../../lambdas/kinesis/workflows/stream-update';
import { WORKFLOWS } from '../../lambdas/workflows/registry';

let template: Template;
beforeAll(() => {
  // Bundling is esbuild's job and is exercised by `cdk synth`; assertions only need the template.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  template = Template.fromStack(new RunnelStack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } }));
});

describe('the Runnel stack', () => {
  it('creates on-demand DynamoDB tables, the shard table with TTL', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', ALL_TABLES.length);
    template.allResourcesProperties('AWS::DynamoDB::Table', { BillingMode: 'PAY_PER_REQUEST', SSESpecification: { SSEEnabled: true } });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'sk', AttributeType: 'N' }]),
      TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true },
    });
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });

  it('creates an encrypted, private segment bucket that expires segments by lifecycle', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([{ Id: 'segments-2d', Prefix: 'segments/2d/', ExpirationInDays: 2, Status: 'Enabled' }]),
      },
    });
  });

  it('deploys the exact ASL the local runner executes', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', WORKFLOWS.length);
    const machines = template.findResources('AWS::StepFunctions::StateMachine');
    const definitions = Object.values(machines).map((m) => JSON.parse(m.Properties.DefinitionString));
    expect(definitions).toContainEqual(STREAM_LIFECYCLE.definition);
    const lifecycle = Object.values(machines).find((m) => JSON.parse(m.Properties.DefinitionString).Comment === STREAM_LIFECYCLE.definition.Comment)!;
    expect(Object.keys(lifecycle.Properties.DefinitionSubstitutions)).toEqual(Object.keys(STREAM_LIFECYCLE.placeholders));
  });

  it('runs resharding and stream updates as standard workflows, the on-demand scaler as a scheduled Express workflow', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    const byComment = (c: string) => machines.find((m) => JSON.parse(m.Properties.DefinitionString).Comment === c)!;
    expect(JSON.parse(byComment(RESHARD.definition.Comment!).Properties.DefinitionString)).toEqual(RESHARD.definition);
    expect(byComment(STREAM_UPDATE.definition.Comment!).Properties.StateMachineType).toBe('STANDARD');
    const scaler = byComment(ON_DEMAND_SCALING.definition.Comment!);
    expect(scaler.Properties.StateMachineType).toBe('EXPRESS');
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('OnDemandScaling') } })],
    });
  });

  it('runs the handlers on Node 22, arm64, behind an HTTP API routing every method and path, and CloudFront', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Runtime?.startsWith('nodejs'));
    expect(fns.filter((f) => f.Properties.Runtime === 'nodejs22.x' && f.Properties.Architectures?.[0] === 'arm64').length).toBeGreaterThanOrEqual(3);
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(['ANY /', 'ANY /{proxy+}']);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ HttpVersion: 'http2and3', DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'https-only' }) }),
    });
    template.hasOutput('Endpoint', {});
    template.hasOutput('AccessKeyId', {});
  });

  it('deploys the Firehose flush, lifecycle and source workflows with their task function and buffer tables', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    const definitions = machines.map((m) => JSON.parse(m.Properties.DefinitionString));
    expect(definitions).toContainEqual(FIREHOSE_FLUSH.definition);
    const flush = machines.find((m) => JSON.parse(m.Properties.DefinitionString).Comment === FIREHOSE_FLUSH.definition.Comment)!;
    expect(flush.Properties.StateMachineName).toBe('Test-FirehoseFlush');
    expect(Object.keys(flush.Properties.DefinitionSubstitutions)).toEqual(['FirehoseTasksFunctionArn']);
    template.hasResourceProperties('AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], AttributeDefinitions: Match.arrayWith([{ AttributeName: 'sk', AttributeType: 'S' }]) });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sts:AssumeRole', Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':role/\\*$')])] } })]) },
    });
    template.hasOutput('FirehoseDeliveryRole', {});
  });

  it('lets the front function start exactly the workflows its actions start', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const startable = policies
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: unknown }) => s.Action === 'states:StartExecution')
      .flatMap((s: { Resource: unknown }) => [s.Resource].flat())
      .map((r: unknown) => JSON.stringify(r));
    for (const name of ['StreamLifecycle', 'Reshard', 'StreamUpdate', 'ExtendRetention', 'DeliveryStreamLifecycle', 'FirehoseFlush']) {
      expect(startable.some((r: string) => r.includes(`Test-${name}`))).toBe(true);
    }
  });

  it('grants least privilege: the front function may start the workflows, the workflows may invoke only their task function', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution' })]) },
    });
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.some((s: { Action: unknown; Resource: unknown }) => s.Action === '*' || s.Resource === '*')).toBe(false);
  });
});
