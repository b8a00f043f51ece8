import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AllowedMethods, CachePolicy, Distribution, Function as CloudFrontFunction, FunctionCode, FunctionEventType, HttpVersion, OriginProtocolPolicy, OriginRequestPolicy, PriceClass, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Fn } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Requests per second the public edge lets through, and the burst above it (API Gateway's token bucket). */
export interface EdgeThrottle {
  rateLimit: number;
  burstLimit: number;
}

export const DEFAULT_EDGE_THROTTLE: EdgeThrottle = { rateLimit: 1_000, burstLimit: 2_000 };

/**
 * The public endpoint: CloudFront (so clients get HTTP/2, which the JS Kinesis client requires) in
 * front of an HTTP API whose catch-all routes reach the front Lambda. The stage is throttled, so a
 * flood costs at most that many Lambda invocations a second: past it clients get 429, which every
 * SDK retries with back-off.
 */
export class RunnelEdge extends Construct {
  readonly api: HttpApi;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, front: IFunction, throttle: EdgeThrottle = DEFAULT_EDGE_THROTTLE) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', { description: 'Runnel: Kinesis, Firehose and Analytics APIs' });
    (this.api.defaultStage!.node.defaultChild as CfnStage).defaultRouteSettings = { throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit };
    // Every method and path reaches the function, which answers them as AWS does (CORS preflights,
    // AccessDeniedException for methods other than POST); AWS ignores the path.
    const integration = new HttpLambdaIntegration('Front', front);
    for (const path of ['/', '/{proxy+}']) this.api.addRoutes({ path, methods: [HttpMethod.ANY], integration });

    // SigV4 covers the Host header the client used; API Gateway needs its own, so pass the viewer's along.
    const viewerHost = new CloudFrontFunction(this, 'ViewerHost', {
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; r.headers['x-runnel-viewer-host'] = { value: r.headers.host.value }; return r; }",
      ),
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
        functionAssociations: [{ function: viewerHost, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    });
  }
}
