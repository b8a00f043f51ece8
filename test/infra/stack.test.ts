import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunnelStack } from '../../lib/runnel-stack';
import { ALL_TABLES } from '../../lambdas/runtime/tables';
import { FIREHOSE_FLUSH } from '../../lambdas/firehose/workflows/flush';
import { ON_DEMAND_SCALING } from '../../lambdas/kinesis/workflows/on-demand-scaling';
import { RESHARD } from '../../lambdas/kinesis/workflows/reshard';
import { STREAM_LIFECYCLE } from '../../lambdas/kinesis/workflows/stream-lifecycle';
import { STREAM_UPDATE } from '../../lambdas/kinesis/workflows/stream-update';
import { WORKFLOWS } from '../../lambdas/workflows/registry';

const ROOT = join(fileURLToPath(import.meta.url), '../../..');

/** Runnel's Lambda functions (CDK construct id, which prefixes the logical id) and their handler modules. */
const HANDLERS: Record<string, string> = { Front: 'api.ts', Subscribe: 'subscribe.ts', StreamTasks: 'workflow-tasks.ts', FirehoseTasks: 'firehose-tasks.ts', AnalyticsTasks: 'analytics-tasks.ts', BootstrapKey: 'bootstrap-key.ts' };

/**
 * The workflows a handler's code can start: bundle it as CDK does (esbuild, tree-shaken, but not
 * minified, so names survive) and find every `….workflows.start(SPEC.name, …)` left in it. A start
 * call of any other shape fails the test, rather than going uncounted.
 */
async function workflowsStartedBy(handler: string): Promise<string[]> {
  const out = await build({ entryPoints: [join(ROOT, 'lambdas/handlers', handler)], bundle: true, write: false, format: 'esm', platform: 'node', packages: 'external', treeShaking: true, minify: false, logLevel: 'silent' });
  const code = out.outputFiles[0].text;
  const calls = code.match(/\.workflows\.start\(/g)?.length ?? 0;
  const specs = [...code.matchAll(/\.workflows\.start\(\s*([A-Za-z_$][\w$]*)\.name\s*,/g)].map((m) => m[1]);
  expect(specs, `start calls in ${handler}`).toHaveLength(calls);
  return [...new Set(specs)].map((spec) => {
    const name = new RegExp(`(?:var|let|const) ${spec.replace('$', '\\$')} = \\{\\s*name: "([^"]+)"`).exec(code)?.[1];
    expect(name, `the workflow ${spec} in ${handler}`).toBeDefined();
    return name!;
  }).sort();
}

/** A policy Resource as an ARN string, in the test stack's account and region. */
function resolveArn(resource: unknown, machineNames: Map<string, string>): string {
  if (typeof resource === 'string') return resource;
  const r = resource as Record<string, any>;
  if (r.Ref === 'AWS::Partition') return 'aws';
  if (r.Ref && machineNames.has(r.Ref)) return `arn:aws:states:us-east-1:123456789012:stateMachine:${machineNames.get(r.Ref)}`;
  if (r['Fn::Join']) return (r['Fn::Join'][1] as unknown[]).map((part) => resolveArn(part, machineNames)).join(r['Fn::Join'][0]);
  return `<unresolved ${JSON.stringify(resource)}>`;
}

let template: Template;
beforeAll(() => {
  // Bundling is esbuild's job and is exercised by `cdk synth`; assertions only need the template.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  template = Template.fromStack(new RunnelStack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } }));
});

describe('the Runnel stack', () => {
  it('creates on-demand DynamoDB tables, the shard table with TTL', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', ALL_TABLES.length);
    template.allResourcesProperties('AWS::DynamoDB::Table', { BillingMode: 'PAY_PER_REQUEST' });
    // DynamoDB's own key for every table (no KMS key or request billed), unless secrets are asked to get a customer key.
    const keyed = (t: Template) => Object.values(t.findResources('AWS::DynamoDB::Table')).filter((table) => table.Properties.SSESpecification?.SSEEnabled);
    expect(keyed(template)).toEqual([]);
    template.resourceCountIs('AWS::KMS::Key', 0);
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const customer = Template.fromStack(new RunnelStack(app, 'Keyed', { env: { account: '123456789012', region: 'us-east-1' }, secretsKey: 'customer' }));
    expect(keyed(customer).map((table) => table.Properties.SSESpecification.KMSMasterKeyId)).toEqual([expect.anything()]);
    customer.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'sk', AttributeType: 'N' }]),
      TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true },
    });
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });

  it('creates an encrypted, private segment bucket that expires segments by lifecycle', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
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

  it('serves SubscribeToShard from a response-streaming function URL that CloudFront routes to by X-Amz-Target', () => {
    const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
    const [[urlId, url]] = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Url');
    expect(url.Properties).toMatchObject({ AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM' });
    const fnId = url.Properties.TargetFunctionArn['Fn::GetAtt'][0] as string;
    expect(fnId.startsWith('Subscribe')).toBe(true);
    // Longer than a subscription's 5 minutes, within Lambda's 15.
    expect(resources[fnId].Properties.Timeout).toBeGreaterThan(300);
    expect(resources[fnId].Properties.Timeout).toBeLessThanOrEqual(900);

    const [[cfFunctionId, cfFunction]] = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudFront::Function');
    expect(cfFunction.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const code = JSON.stringify(cfFunction.Properties.FunctionCode);
    expect(code).toContain("target.value === 'Kinesis_20131202.SubscribeToShard'");
    expect(code).toContain('cf.updateRequestOrigin({ domainName: ');
    expect(code).toContain(JSON.stringify({ 'Fn::GetAtt': [urlId, 'FunctionUrl'] }));
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [cfFunctionId, 'FunctionARN'] } }] }),
      }),
    });
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
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sts:AssumeRole', Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':role/runnel-delivery/\\*$')])] } })]) },
    });
    // Any key holder names a RoleARN: no policy may let Runnel assume every role of the account.
    const assumable = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((st: { Action: string | string[] }) => [st.Action].flat().includes('sts:AssumeRole'));
    expect(JSON.stringify(assumable)).not.toMatch(/:role\/\*"/);
    template.hasOutput('FirehoseDeliveryRole', {});
    template.hasOutput('FirehoseDeliveryExternalId', {});
  });

  it('lets each function start exactly the workflows its code can start, and nothing else start any', async () => {
    const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
    const machineNames = new Map(Object.entries(resources).filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine').map(([id, r]) => [id, r.Properties.StateMachineName as string]));
    const deployed = new Set(machineNames.values());

    // What each role may start, read from the policies attached to it.
    const granted = new Map<string, Set<string>>();
    for (const policy of Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy')) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions = [statement.Action].flat() as string[];
        expect(actions.filter((a) => a === '*' || a.startsWith('states:') && a.includes('*')), JSON.stringify(statement)).toEqual([]);
        if (!actions.includes('states:StartExecution')) continue;
        for (const resource of [statement.Resource].flat()) {
          const arn = resolveArn(resource, machineNames);
          expect(arn, `StartExecution resource ${JSON.stringify(resource)}`).not.toContain('*');
          const name = /^arn:aws:states:us-east-1:123456789012:stateMachine:([^:]+)$/.exec(arn)?.[1];
          expect(name && deployed.has(name), `StartExecution on ${arn}, which is not a deployed state machine`).toBe(true);
          for (const role of policy.Properties.Roles) granted.set(role.Ref, (granted.get(role.Ref) ?? new Set()).add(name!));
        }
      }
    }
    const grantsOf = (role: string) => [...(granted.get(role) ?? [])].sort();
    const checked = new Set<string>();

    // Runnel's functions: what they may start is what their bundled, tree-shaken code can start.
    for (const [prefix, entry] of Object.entries(HANDLERS)) {
      const fn = Object.entries(resources).filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(prefix));
      expect(fn, `one function ${prefix}`).toHaveLength(1);
      const role = fn[0][1].Properties.Role['Fn::GetAtt'][0] as string;
      const startable = (await workflowsStartedBy(entry)).map((w) => `Test-${w}`).sort();
      expect(grantsOf(role), `${prefix} (${entry})`).toEqual(startable);
      checked.add(role);
    }
    // Schedules: each rule's role may start the one state machine it targets.
    for (const rule of Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule')) {
      for (const target of rule.Properties.Targets) {
        const role = target.RoleArn['Fn::GetAtt'][0] as string;
        expect(grantsOf(role)).toEqual([machineNames.get(target.Arn.Ref)]);
        checked.add(role);
      }
    }
    // Every other role (state machines' own, custom-resource providers) starts nothing.
    for (const role of granted.keys()) if (!checked.has(role)) expect(grantsOf(role), role).toEqual([]);
    // The workflows the front function starts, as a sanity check on the derivation itself.
    expect(await workflowsStartedBy('api.ts')).toEqual(expect.arrayContaining(['StreamLifecycle', 'Reshard', 'FirehoseFlush']));
  });

  it('deploys schedules on, and lets exactly the functions the registry names turn each on or off', () => {
    const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
    const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules.map((r) => r.Properties.Name).sort()).toEqual(['Test-AnalyticsRunner', 'Test-FirehoseSources', 'Test-OnDemandScaling']);
    for (const rule of rules) expect(rule.Properties.State ?? 'ENABLED', rule.Properties.Name).toBe('ENABLED');

    const roleOf = (prefix: string) => Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(prefix))![1].Properties.Role['Fn::GetAtt'][0];
    const schedulable = (prefix: string) => {
      const role = roleOf(prefix);
      const statements = Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === role))
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .filter((st: { Action: unknown }) => [st.Action].flat().includes('events:EnableRule'));
      return statements.flatMap((st: { Resource: unknown }) => [st.Resource].flat().map((r) => /rule\/Test-(\w+)/.exec(JSON.stringify(r))?.[1])).sort();
    };
    expect(schedulable('Front')).toEqual(['FirehoseSources', 'OnDemandScaling']);
    expect(schedulable('StreamTasks')).toEqual(['OnDemandScaling']);
    expect(schedulable('FirehoseTasks')).toEqual(['FirehoseSources']);
    expect(schedulable('AnalyticsTasks')).toEqual(['AnalyticsRunner', 'FirehoseSources', 'OnDemandScaling']);
    expect(schedulable('Subscribe')).toEqual([]);
    const front = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('Front'))![1];
    expect(front.Properties.Environment.Variables).toMatchObject({ RUNNEL_SCHEDULE_ONDEMANDSCALING_RULE: 'Test-OnDemandScaling', RUNNEL_SCHEDULE_FIREHOSESOURCES_RULE: 'Test-FirehoseSources' });
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
