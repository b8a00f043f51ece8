import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { FunctionUrlAuthType, InvokeMode, type FunctionUrl, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { Fn } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Requests per second the public edge lets through, and the burst above it (API Gateway's token bucket). */
export interface EdgeThrottle {
  rateLimit: number;
  burstLimit: number;
}

export const DEFAULT_EDGE_THROTTLE: EdgeThrottle = { rateLimit: 1_000, burstLimit: 2_000 };

/** The one operation whose answer is streamed (an AWS event stream). */
export const STREAMED_TARGET = 'Kinesis_20131202.SubscribeToShard';

/**
 * CloudFront's viewer-request function: passes on the host name clients signed, and sends
 * SubscribeToShard (told apart by its X-Amz-Target, as every call goes to the same path) to the
 * streaming function's URL instead of the HTTP API.
 */
function viewerRequestCode(streamingHost: string): string {
  return [
    "import cf from 'cloudfront';",
    'function handler(event) {',
    '  var r = event.request;',
    "  r.headers['x-runnel-viewer-host'] = { value: r.headers.host.value };",
    "  var target = r.headers['x-amz-target'];",
    `  if (target && target.value === '${STREAMED_TARGET}') cf.updateRequestOrigin({ domainName: '${streamingHost}' });`,
    '  return r;',
    '}',
  ].join('\n');
}

/**
 * The public endpoint: CloudFront (so clients get HTTP/2, which the JS Kinesis client requires) in
 * front of an HTTP API whose catch-all routes reach the front Lambda. An HTTP API cannot stream a
 * response, so SubscribeToShard goes to its own function's URL, which streams (RESPONSE_STREAM).
 * The URL needs no IAM auth: like the HTTP API, the function verifies every request's SigV4
 * signature against Runnel's own keys. The API stage is throttled, so a flood costs at most that
 * many Lambda invocations a second: past it API Gateway answers 429 `{"message":"Too Many
 * Requests"}` (an HTTP API cannot reshape it), which the JS and Java SDKs retry as throttling by
 * its status and botocore's standard mode (the CLI v2) does not retry at all (README, "Throttling
 * at the edge"; test/unit/edge-throttling.test.ts).
 */
export class RunnelEdge extends Construct {
  readonly api: HttpApi;
  readonly distribution: Distribution;
  readonly streamingUrl: FunctionUrl;

  constructor(scope: Construct, id: string, front: IFunction, streaming: IFunction, throttle: EdgeThrottle = DEFAULT_EDGE_THROTTLE) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', { description: 'Runnel: Kinesis, Firehose and Analytics APIs' });
    (this.api.defaultStage!.node.defaultChild as CfnStage).defaultRouteSettings = { throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit };
    // Every method and path reaches the function, which answers them as AWS does (CORS preflights,
    // AccessDeniedException for methods other than POST); AWS ignores the path.
    const integration = new HttpLambdaIntegration('Front', front);
    for (const path of ['/', '/{proxy+}']) this.api.addRoutes({ path, methods: [HttpMethod.ANY], integration });

    this.streamingUrl = streaming.addFunctionUrl({ authType: FunctionUrlAuthType.NONE, invokeMode: InvokeMode.RESPONSE_STREAM });
    // SigV4 covers the Host header the client used; the origins need their own, so pass the viewer's along.
    const viewerRequest = new CloudFrontFunction(this, 'ViewerRequest', {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(viewerRequestCode(Fn.select(2, Fn.split('/', this.streamingUrl.url)))),
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Runnel endpoint',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: new HttpOrigin(Fn.select(2, Fn.split('/', this.api.apiEndpoint)), { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
        allowedMethods: AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        functionAssociations: [{ function: viewerRequest, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    });
  }
}
