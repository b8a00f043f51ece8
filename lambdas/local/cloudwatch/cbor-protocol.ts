/**
 * Smithy RPC v2 CBOR, the protocol CloudWatch added beside awsJson 1.0 and which some SDKs now
 * prefer (botocore, hence the AWS CLI and boto3, among them): `POST
 * /service/GraniteServiceVersion20100801/operation/<Operation>` with `smithy-protocol:
 * rpc-v2-cbor` and a CBOR body (timestamps as tag 1, epoch seconds, RFC 8949's own reading — not
 * the milliseconds of Kinesis's older `x-amz-cbor-1.1`). Answers carry the same header; errors are
 * `{__type, message}` with the query-compatible `x-amzn-query-error` header, as in JSON.
 */
import { Decoder, Encoder } from 'cbor-x';
import type { HttpRequest, HttpResponse } from '../../protocol/http';
import { MalformedInput, type CloudWatchError } from './errors';
import { MESSAGES } from './messages';
import type { Raw } from './wire-input';

const SERVICE_PATH = '/service/GraniteServiceVersion20100801/operation/';
const OPERATION = /^[A-Za-z0-9]+$/;
const PROTOCOL = 'rpc-v2-cbor';
const CBOR_TYPE = 'application/cbor';

const decoder = new Decoder({ useRecords: false, mapsAsObjects: true });
const encoder = new Encoder({ useRecords: false, tagUint8Array: false });

/** The operation an RPC v2 CBOR request to CloudWatch names ('' if none), or undefined for any other request. */
export function rpcV2Operation(req: HttpRequest): string | undefined {
  const path = req.path.split('?')[0];
  if (req.headers['smithy-protocol'] !== PROTOCOL || !path.startsWith(SERVICE_PATH)) return undefined;
  const operation = path.slice(SERVICE_PATH.length);
  return OPERATION.test(operation) ? operation : '';
}

export function cborInput(body: Buffer): Raw {
  if (!body.length) return {};
  let parsed: unknown;
  try {
    parsed = decoder.decode(body);
  } catch {
    throw new MalformedInput(MESSAGES.malformedBody());
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || parsed instanceof Uint8Array || parsed instanceof Date) throw new MalformedInput(MESSAGES.malformedBody());
  return parsed as Raw;
}

const headers = (requestId: string) => ({ 'x-amzn-RequestId': requestId, 'smithy-protocol': PROTOCOL, 'Content-Type': CBOR_TYPE });

/** Members left undefined are left out: CBOR has no `undefined` the SDKs read as absent. */
function defined(value: unknown): unknown {
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(defined);
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, defined(v)]])));
}

export function cborResponse(requestId: string, output: object | void): HttpResponse {
  return { status: 200, headers: headers(requestId), body: encoder.encode(defined(output ?? {})) };
}

export function cborError(requestId: string, error: CloudWatchError): HttpResponse {
  return {
    status: error.status,
    headers: { ...headers(requestId), 'x-amzn-query-error': `${error.code};${error.fault}` },
    body: encoder.encode({ __type: error.type, message: error.message }),
  };
}
