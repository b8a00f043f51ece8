/**
 * Lambda HTTP events to the edge's request and back. The front function is reached through an HTTP
 * API (payload format 2.0) or through its own function URL, whose events and responses follow the
 * same format 2.0; what differs is context only (a URL's `requestContext` has no route, stage
 * variables or authorizer, and `accountId` "anonymous" when auth is NONE), which Runnel does not
 * read. Both hand binary request bodies (CBOR; and with a function URL anything that is not text/*
 * or application/json, such as application/x-amz-json-1.1) to the function base64-encoded and
 * decode a response marked isBase64Encoded, so bodies cross the edge intact. Both move Cookie
 * headers into `cookies`; they are put back, as a signature may cover them.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpRequest, HttpResponse } from '../protocol/http';

/** An HTTP API payload 2.0 event or a function URL event (the same format). */
export type LambdaHttpEvent = APIGatewayProxyEventV2;

export function requestOf(event: LambdaHttpEvent): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  if (event.cookies?.length && headers['cookie'] === undefined) headers['cookie'] = event.cookies.join('; ');
  // Behind CloudFront clients signed its host name; the viewer-request function passes it on.
  // Reached directly, the host is the endpoint's own (the event carries it, and its domain name).
  if (headers['x-runnel-viewer-host']) headers['host'] = headers['x-runnel-viewer-host'];
  else if (!headers['host'] && event.requestContext.domainName) headers['host'] = event.requestContext.domainName;
  return {
    method: event.requestContext.http.method,
    path: event.rawQueryString ? `${event.rawPath}?${event.rawQueryString}` : event.rawPath,
    headers,
    body: Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8'),
  };
}

export function resultOf(res: HttpResponse): APIGatewayProxyStructuredResultV2 {
  if (typeof res.body === 'string') return { statusCode: res.status, headers: res.headers, body: res.body };
  return { statusCode: res.status, headers: res.headers, body: Buffer.from(res.body).toString('base64'), isBase64Encoded: true };
}

/** The front function's handler around a dispatcher: the same for every edge. */
export function lambdaHttpHandler(dispatch: (req: HttpRequest) => Promise<HttpResponse>) {
  return async (event: LambdaHttpEvent): Promise<APIGatewayProxyStructuredResultV2> => resultOf(await dispatch(requestOf(event)));
}
