/** The cost model's picture of the deployment is the stack CDK synthesizes: memory, architecture, log retention, schedules. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunnelStack } from '../../lib/runnel-stack';
import { RUNNEL_PROFILE } from '../../lambdas/cost/runnel-profile';
import { WORKFLOWS } from '../../lambdas/workflows/registry';

let template: Template;
beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  template = Template.fromStack(new RunnelStack(app, 'CostModelTest', { env: { account: '123456789012', region: 'us-east-1' } }));
});

describe('the deployment the cost model prices', () => {
  it('runs every Runnel function at the modelled memory and architecture, logging to groups kept the modelled days', () => {
    // The SubscribeToShard function (256 MB, behind its function URL) is not in the model yet: it is
    // told apart by its URL and checked in the next test.
    const streamingIds = Object.values(template.findResources('AWS::Lambda::Url')).map((u) => u.Properties.TargetFunctionArn['Fn::GetAtt'][0]);
    const functions = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([id, f]) => f.Properties.Runtime === 'nodejs22.x' && !streamingIds.includes(id))
      .map(([, f]) => f);
    expect(functions.length).toBeGreaterThanOrEqual(3);
    for (const f of functions) {
      expect(f.Properties.MemorySize).toBe(RUNNEL_PROFILE.lambda.memoryMB);
      expect(f.Properties.Architectures).toEqual([RUNNEL_PROFILE.lambda.architecture]);
    }
    const retention = Object.values(template.findResources('AWS::Logs::LogGroup')).map((g) => g.Properties.RetentionInDays);
    expect(new Set(retention)).toEqual(new Set([RUNNEL_PROFILE.lambda.logRetentionDays]));
  });

  it('schedules exactly the modelled Express workflows, at the modelled period', () => {
    const scheduled = WORKFLOWS.map((w) => w.spec).filter((w) => w.scheduleMinutes);
    expect(scheduled.map((w) => w.name).sort()).toEqual([...RUNNEL_PROFILE.schedules.workflows].sort());
    expect(scheduled.every((w) => w.express && w.scheduleMinutes === RUNNEL_PROFILE.schedules.everyMinutes)).toBe(true);
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules.map((r) => r.Properties.ScheduleExpression)).toEqual(scheduled.map(() => `rate(${RUNNEL_PROFILE.schedules.everyMinutes} minute)`));
  });

  it('serves the API through CloudFront, one CloudFront Function, and an HTTP API, with one function URL for SubscribeToShard only', () => {
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    template.resourceCountIs('AWS::CloudFront::Function', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', { InvokeMode: 'RESPONSE_STREAM' });
  });
});
