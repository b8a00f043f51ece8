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
import { FunctionUrlAuthType, InvokeMode, type CfnFunction, type FunctionUrl, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { Fn } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DEFAULT_EDGE, EDGES, isEdge, unknownEdge, type Edge } from '../../lambdas/cost/edges';

/** Requests per second the public edge lets through, and the burst above it (API Gateway's token bucket). */
export interface EdgeThrottle {
  rateLimit: number;
  burstLimit: number;
}

export const DEFAULT_EDGE_THROTTLE: EdgeThrottle = { rateLimit: 1_000, burstLimit: 2_000 };

/**
 * Concurrent executions reserved for the front function where no API stage throttles the edge
 * (the function URL edges): at 15-80 ms a call, 100 serve 1,250-6,000 requests a second.
 */
export const DEFAULT_FRONT_CONCURRENCY = 100;

/** The one operation whose answer is streamed (an AWS event stream). */
export const STREAMED_TARGET = 'Kinesis_20131202.SubscribeToShard';

/** `-c edge=…` as the CDK app reads it: absent is the default; anything unknown is refused. */
export function edgeFromContext(value: unknown): Edge {
  if (value === undefined || value === null || value === '') return DEFAULT_EDGE;
  if (!isEdge(value)) throw new Error(`-c edge: ${unknownEdge(value)}`);
  return value;
}

/**
 * CloudFront's viewer-request function: passes on the host name clients signed, and sends
 * SubscribeToShard (told apart by its X-Amz-Target, as every call goes to the same path) to the
 * streaming function's URL instead of the default origin.
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

/** The host name of a URL attribute (`https://host/`). */
const hostOf = (url: string) => Fn.select(2, Fn.split('/', url));

export interface RunnelEdgeProps {
  /** The front door (lambdas/cost/edges.ts); cloudfront-api unless given. */
  edge?: Edge;
  /** The HTTP API stage's throttle (edges with API Gateway). */
  throttle?: EdgeThrottle;
  /** Concurrency reserved for, and capping, the front function on edges without API Gateway; 0 reserves none. */
  frontConcurrency?: number;
}

/**
 * The public endpoint. Every edge ends at the front function, which verifies every request's SigV4
 * signature against Runnel's own keys, so nothing in front of it needs IAM auth:
 * - `cloudfront-api` (default): CloudFront (HTTP/2 and HTTP/3 to clients, which the JS Kinesis client
 *   requires) → an HTTP API whose catch-all routes reach the function, its stage throttled: a flood
 *   costs at most that many invocations a second; past it clients get 429, which SDKs retry.
 * - `cloudfront-url`: CloudFront → the front function's URL (no per-request API charge). Neither
 *   CloudFront nor a function URL can throttle by rate (only a WAF web ACL can, at a fixed monthly
 *   price), so the bound is the function's reserved concurrency: at most that many run at once, and
 *   past it the URL answers 429. It bounds the duration a flood can bill, not its invocation count.
 * - `api`: the HTTP API's own URL, no CloudFront (accounts refused distributions until verified).
 * - `url`: the front function's URL itself, with reserved concurrency as above.
 * An HTTP API cannot stream and the front function is buffered, so SubscribeToShard always has its
 * own response-streaming function URL: behind CloudFront the viewer-request function routes it
 * there; without CloudFront it is a second endpoint (`streamingEndpoint`).
 */
export class RunnelEdge extends Construct {
  readonly edge: Edge;
  readonly api?: HttpApi;
  readonly distribution?: Distribution;
  readonly streamingUrl: FunctionUrl;
  /** What clients use as their endpoint URL. */
  readonly endpoint: string;
  /** SubscribeToShard's endpoint where no CloudFront routes it there (edges without CloudFront). */
  readonly streamingEndpoint?: string;

  constructor(scope: Construct, id: string, front: IFunction, streaming: IFunction, props: RunnelEdgeProps = {}) {
    super(scope, id);
    this.edge = props.edge ?? DEFAULT_EDGE;
    const path = EDGES[this.edge];
    this.streamingUrl = streaming.addFunctionUrl({ authType: FunctionUrlAuthType.NONE, invokeMode: InvokeMode.RESPONSE_STREAM });

    let origin: string;
    if (path.apiGateway) {
      const throttle = props.throttle ?? DEFAULT_EDGE_THROTTLE;
      this.api = new HttpApi(this, 'Api', { description: 'Runnel: Kinesis, Firehose and Analytics APIs' });
      (this.api.defaultStage!.node.defaultChild as CfnStage).defaultRouteSettings = { throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit };
      // Every method and path reaches the function, which answers them as AWS does (CORS preflights,
      // AccessDeniedException for methods other than POST); AWS ignores the path.
      const integration = new HttpLambdaIntegration('Front', front);
      for (const p of ['/', '/{proxy+}']) this.api.addRoutes({ path: p, methods: [HttpMethod.ANY], integration });
      origin = this.api.apiEndpoint;
    } else {
      const frontUrl = front.addFunctionUrl({ authType: FunctionUrlAuthType.NONE, invokeMode: InvokeMode.BUFFERED });
      const reserved = props.frontConcurrency ?? DEFAULT_FRONT_CONCURRENCY;
      if (!Number.isInteger(reserved) || reserved < 0) throw new Error(`-c frontConcurrency must be a whole number >= 0 (got ${reserved})`);
      if (reserved > 0) (front.node.defaultChild as CfnFunction).reservedConcurrentExecutions = reserved;
      origin = frontUrl.url;
    }

    if (path.cloudfront) {
      // SigV4 covers the Host header the client used; the origins need their own, so pass the viewer's along.
      const viewerRequest = new CloudFrontFunction(this, 'ViewerRequest', {
        runtime: FunctionRuntime.JS_2_0,
        code: FunctionCode.fromInline(viewerRequestCode(hostOf(this.streamingUrl.url))),
      });
      this.distribution = new Distribution(this, 'Distribution', {
        comment: 'Runnel endpoint',
        httpVersion: HttpVersion.HTTP2_AND_3,
        priceClass: PriceClass.PRICE_CLASS_100,
        defaultBehavior: {
          origin: new HttpOrigin(hostOf(origin), { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          allowedMethods: AllowedMethods.ALLOW_ALL,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [{ function: viewerRequest, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      });
      this.endpoint = `https://${this.distribution.distributionDomainName}`;
    } else {
      this.endpoint = `https://${hostOf(origin)}`;
      this.streamingEndpoint = `https://${hostOf(this.streamingUrl.url)}`;
    }
  }
}
