/**
 * What AWS's front end answers before a request reaches an operation: CORS, methods other than
 * POST, content types it cannot read, and the error bodies it uses for them (XML for requests it
 * cannot attribute to a service, the legacy Coral envelope for `application/json`). Texts and
 * headers as recorded against AWS by kinesalite's test suite (test/connection.js).
 */
import type { HttpRequest, HttpResponse } from './http';

export const JSON_TYPE = 'application/x-amz-json-1.1';
export const CBOR_TYPE = 'application/x-amz-cbor-1.1';
const LEGACY_JSON_TYPE = 'application/json';

const EXPOSED_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date';
const PREFLIGHT_MAX_AGE = '172800';

/** How a request body is written, judged from its Content-Type (parameters and spaces ignored). */
export type ContentKind = 'json' | 'cbor' | 'legacy-json' | 'none' | 'other';

export function contentKind(header: string | undefined): ContentKind {
  const type = (header ?? '').split(';')[0].trim();
  if (type === JSON_TYPE) return 'json';
  if (type === CBOR_TYPE) return 'cbor';
  if (type === LEGACY_JSON_TYPE) return 'legacy-json';
  return type === '' ? 'none' : 'other';
}

/** Headers every response to a cross-origin request carries. */
export function corsHeaders(req: HttpRequest): Record<string, string> {
  if (!req.headers['origin']) return {};
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
}

/** The answer to a CORS preflight (OPTIONS with an Origin), or undefined for any other request. */
export function preflight(req: HttpRequest, requestId: string): HttpResponse | undefined {
  if (req.method !== 'OPTIONS' || !req.headers['origin']) return undefined;
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId, 'Access-Control-Allow-Origin': '*' };
  const allowHeaders = req.headers['access-control-request-headers'];
  const allowMethods = req.headers['access-control-request-method'];
  if (allowHeaders) headers['Access-Control-Allow-Headers'] = allowHeaders;
  if (allowMethods) headers['Access-Control-Allow-Methods'] = allowMethods;
  headers['Access-Control-Max-Age'] = PREFLIGHT_MAX_AGE;
  return { status: 200, headers, body: '' };
}

/** AWS's XML error body (no Content-Type) for requests it cannot attribute to an operation. */
export function xmlError(headers: Record<string, string>, type: string, message: string, status = 403): HttpResponse {
  return { status, headers, body: `<${type}>\n  <Message>${message}</Message>\n</${type}>\n` };
}

export function accessDenied(headers: Record<string, string>): HttpResponse {
  return xmlError(headers, 'AccessDeniedException', 'Unable to determine service/operation name to be authorized');
}

/**
 * `application/json` is the content type of AWS's old JSON 1.0 Coral protocol: AWS answers such a
 * request with 200 and an envelope naming the error, never running the operation.
 */
export function legacyEnvelope(headers: Record<string, string>, readable: boolean): HttpResponse {
  const output = readable
    ? { __type: 'com.amazon.coral.service#UnknownOperationException', message: null }
    : { __type: 'com.amazon.coral.service#SerializationException', Message: null };
  return { status: 200, headers: { ...headers, 'Content-Type': LEGACY_JSON_TYPE }, body: JSON.stringify({ Output: output, Version: '1.0' }) };
}
