/**
 * HTTP API (payload format 2.0) events to the edge's request and back. The HTTP API hands binary
 * request bodies (CBOR) to the function base64-encoded and decodes a response marked
 * isBase64Encoded, so CBOR crosses the edge intact without binary media type settings.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpRequest, HttpResponse } from '../protocol/http';

export function requestOf(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  // Clients signed the CloudFront host name; the viewer-request function passes it on.
  if (headers['x-runnel-viewer-host']) headers['host'] = headers['x-runnel-viewer-host'];
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
