/**
 * The front doors a deployment can choose (`cdk deploy -c edge=…`): what each synthesizes, how
 * requests reach the front function and SubscribeToShard's streaming function, what bounds a flood,
 * and what the Endpoint outputs say.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EDGE_NAMES, type Edge } from '../../lambdas/cost/edges';
import { edgeFromContext } from '../../lib/constructs/edge';
import { RunnelStack, type RunnelStackProps } from '../../lib/runnel-stack';

type Resources = Record<string, { Type: string; Properties: any }>;

function synth(props: RunnelStackProps = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const template = Template.fromStack(new RunnelStack(app, 'Edge', { env: { account: '123456789012', region: 'us-east-1' }, ...props }));
  const json = template.toJSON() as { Resources: Resources; Outputs: Record<string, { Value: unknown }> };
  const ofType = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);
  const fnId = (prefix: string) => {
    const ids = ofType('AWS::Lambda::Function').map(([id]) => id).filter((id) => id.startsWith(prefix));
    expect(ids).toHaveLength(1);
    return ids[0];
  };
  /** The function URL of the function whose logical id starts with `prefix`. */
  const urlOf = (prefix: string) => ofType('AWS::Lambda::Url').find(([, u]) => u.Properties.TargetFunctionArn['Fn::GetAtt'][0] === fnId(prefix));
  return { template, json, ofType, fnId, urlOf };
}

/** `https://` and the host of a URL attribute, as CloudFormation builds it. */
const httpsHostOf = (resource: string, attribute: string) => ({ 'Fn::Join': ['', ['https://', { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [resource, attribute] }] }] }]] });
const hostOf = (resource: string, attribute: string) => ({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [resource, attribute] }] }] });

describe.each(EDGE_NAMES)('edge %s', (edge: Edge) => {
  const s = synth({ edge });
  const cloudfront = edge.startsWith('cloudfront');
  const apiGateway = edge === 'cloudfront-api' || edge === 'api';

  it(`${cloudfront ? 'has' : 'has no'} CloudFront and ${apiGateway ? 'has' : 'has no'} API Gateway`, () => {
    expect(s.ofType('AWS::CloudFront::Distribution')).toHaveLength(cloudfront ? 1 : 0);
    expect(s.ofType('AWS::CloudFront::Function')).toHaveLength(cloudfront ? 1 : 0);
    const apiTypes = Object.values(s.json.Resources).map((r) => r.Type).filter((t) => t.startsWith('AWS::ApiGateway'));
    if (apiGateway) expect(new Set(apiTypes)).toEqual(new Set(['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Route']));
    else expect(apiTypes).toEqual([]);
  });

  it('serves SubscribeToShard from its own response-streaming function URL, without IAM auth (the function verifies SigV4)', () => {
    expect(s.urlOf('Subscribe')?.[1].Properties).toMatchObject({ AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM' });
  });

  it(apiGateway ? 'bounds a flood by the throttled API stage; the front function has no URL' : 'gives the front function a buffered URL and bounds a flood by its reserved concurrency', () => {
    const front = s.json.Resources[s.fnId('Front')].Properties;
    if (apiGateway) {
      s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 } });
      expect(s.urlOf('Front')).toBeUndefined();
      expect(front.ReservedConcurrentExecutions).toBeUndefined();
    } else {
      expect(s.urlOf('Front')?.[1].Properties).toEqual({ AuthType: 'NONE', InvokeMode: 'BUFFERED', TargetFunctionArn: { 'Fn::GetAtt': [s.fnId('Front'), 'Arn'] } });
      expect(front.ReservedConcurrentExecutions).toBe(100);
    }
    // Nothing else is reserved: the account's other concurrency stays shared.
    const reserved = s.ofType('AWS::Lambda::Function').filter(([, f]) => f.Properties.ReservedConcurrentExecutions !== undefined).map(([id]) => id);
    expect(reserved).toEqual(apiGateway ? [] : [s.fnId('Front')]);
  });

  it('outputs the endpoint clients use, and SubscribeToShard’s own where no CloudFront routes it', () => {
    const [[urlId]] = [s.urlOf('Subscribe')!];
    const outputs = s.json.Outputs;
    if (cloudfront) {
      const [[distributionId]] = s.ofType('AWS::CloudFront::Distribution');
      expect(outputs.Endpoint.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] });
      expect(outputs.StreamingEndpoint).toBeUndefined();
    } else {
      const origin = apiGateway ? httpsHostOf(s.ofType('AWS::ApiGatewayV2::Api')[0][0], 'ApiEndpoint') : httpsHostOf(s.urlOf('Front')![0], 'FunctionUrl');
      expect(outputs.Endpoint.Value).toEqual(origin);
      expect(outputs.StreamingEndpoint.Value).toEqual(httpsHostOf(urlId, 'FunctionUrl'));
    }
  });

  it.runIf(cloudfront)('sends every request over HTTPS to its origin under the origin’s own host, passing the signed host on and routing SubscribeToShard to the streaming URL', () => {
    const [[, distribution]] = s.ofType('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    expect(config.HttpVersion).toBe('http2and3');
    const behavior = config.DefaultCacheBehavior;
    expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
    expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    const [origin] = config.Origins;
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(origin.DomainName).toEqual(apiGateway ? hostOf(s.ofType('AWS::ApiGatewayV2::Api')[0][0], 'ApiEndpoint') : hostOf(s.urlOf('Front')![0], 'FunctionUrl'));
    const [[cfFunctionId, cfFunction]] = s.ofType('AWS::CloudFront::Function');
    expect(behavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [cfFunctionId, 'FunctionARN'] } }]);
    const code = JSON.stringify(cfFunction.Properties.FunctionCode);
    expect(code).toContain("r.headers['x-runnel-viewer-host'] = { value: r.headers.host.value };");
    expect(code).toContain("target.value === 'Kinesis_20131202.SubscribeToShard') cf.updateRequestOrigin({ domainName: ");
    expect(code).toContain(JSON.stringify({ 'Fn::GetAtt': [s.urlOf('Subscribe')![0], 'FunctionUrl'] }));
  });
});

describe('edge settings', () => {
  it('reads -c edge: absent is cloudfront-api, each edge by name, anything else refused with the choices', () => {
    expect(edgeFromContext(undefined)).toBe('cloudfront-api');
    for (const edge of EDGE_NAMES) expect(edgeFromContext(edge)).toBe(edge);
    expect(() => edgeFromContext('cloudfront')).toThrow('-c edge: unknown edge "cloudfront": use one of cloudfront-api, cloudfront-url, api, url');
    expect(() => edgeFromContext(true)).toThrow('unknown edge true');
  });

  it('reserves the front function concurrency asked for, none with 0, and refuses nonsense', () => {
    const reserved = (frontConcurrency: number) => {
      const s = synth({ edge: 'url', frontConcurrency });
      return s.json.Resources[s.fnId('Front')].Properties.ReservedConcurrentExecutions;
    };
    expect(reserved(250)).toBe(250);
    expect(reserved(0)).toBeUndefined();
    expect(() => synth({ edge: 'cloudfront-url', frontConcurrency: Number('lots') })).toThrow('-c frontConcurrency must be a whole number >= 0 (got NaN)');
  });

  it('keeps the default deployment as it was: CloudFront, the HTTP API, one function URL', () => {
    const s = synth();
    expect(s.ofType('AWS::Lambda::Url').map(([, u]) => u.Properties.TargetFunctionArn['Fn::GetAtt'][0])).toEqual([s.fnId('Subscribe')]);
    expect(s.ofType('AWS::CloudFront::Distribution')).toHaveLength(1);
    expect(s.ofType('AWS::ApiGatewayV2::Api')).toHaveLength(1);
  });
});
