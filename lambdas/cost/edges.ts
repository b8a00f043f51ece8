/**
 * The public front doors a deployment can have (`cdk deploy -c edge=…`) and what each puts in a
 * request's path: the CDK stack builds them (lib/constructs/edge.ts) and the cost model bills them
 * (runnel-cost.ts). Every edge ends at the same front function; the handlers cannot tell them apart.
 *
 * - `cloudfront-api` (default, the design's shape): CloudFront → HTTP API → front function.
 * - `cloudfront-url`: CloudFront → the front function's URL; no API Gateway, no per-request API charge.
 * - `api`: the HTTP API's own URL, no CloudFront (for accounts CloudFront refuses until verified).
 * - `url`: the front function's URL itself: neither CloudFront nor API Gateway.
 *
 * SubscribeToShard always runs on its own response-streaming function URL: behind CloudFront it is
 * routed there by its X-Amz-Target; without CloudFront it is a second endpoint.
 */
export const EDGES = {
  'cloudfront-api': { cloudfront: true, apiGateway: true, label: 'CloudFront → HTTP API → Lambda' },
  'cloudfront-url': { cloudfront: true, apiGateway: false, label: 'CloudFront → Lambda function URL' },
  api: { cloudfront: false, apiGateway: true, label: 'HTTP API → Lambda (no CloudFront)' },
  url: { cloudfront: false, apiGateway: false, label: 'Lambda function URL (no CloudFront)' },
} as const;

export type Edge = keyof typeof EDGES;

export const DEFAULT_EDGE: Edge = 'cloudfront-api';

export const EDGE_NAMES = Object.keys(EDGES) as Edge[];

export function isEdge(value: unknown): value is Edge {
  return typeof value === 'string' && Object.hasOwn(EDGES, value);
}

/** The message for a value that names no edge. */
export function unknownEdge(value: unknown): string {
  return `unknown edge ${JSON.stringify(value)}: use one of ${EDGE_NAMES.join(', ')}`;
}
