/**
 * awsJson 1.0 with `awsQueryCompatible`, as the current SDKs speak to CloudWatch: `X-Amz-Target:
 * GraniteServiceVersion20100801.<Operation>`, `Content-Type: application/x-amz-json-1.0`, a JSON
 * body (timestamps as epoch seconds). Errors are `{"__type", "message"}` with the query code in
 * `x-amzn-query-error: <Code>;<Sender|Receiver>`, which query-compatible clients read first.
 */
import type { HttpResponse } from '../../protocol/http';
import { toWire } from '../../protocol/wire';
import { MalformedInput, type CloudWatchError } from './errors';
import { MESSAGES } from './messages';
import type { Raw } from './wire-input';

export const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const JSON_TYPE = 'application/x-amz-json-1.0';
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function jsonInput(body: Buffer): Raw {
  if (!body.length) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(UTF8.decode(body));
  } catch {
    throw new MalformedInput(MESSAGES.malformedBody());
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MalformedInput(MESSAGES.malformedBody());
  return parsed as Raw;
}

export function jsonResponse(requestId: string, output: object | void): HttpResponse {
  return { status: 200, headers: { 'x-amzn-RequestId': requestId, 'Content-Type': JSON_TYPE }, body: JSON.stringify(toWire(output ?? {})) };
}

export function jsonError(requestId: string, error: CloudWatchError): HttpResponse {
  return {
    status: error.status,
    headers: { 'x-amzn-RequestId': requestId, 'Content-Type': JSON_TYPE, 'x-amzn-query-error': `${error.code};${error.fault}` },
    body: JSON.stringify({ __type: error.type, message: error.message }),
  };
}
