/**
 * The local endpoint's stand-in for CloudWatch metrics, so a KCL or KPL pointed at Runnel for
 * CloudWatch (as it is for Kinesis and DynamoDB) publishes without errors. Local only: the cloud
 * handler never sees it (in the cloud, publishers use the real CloudWatch), and no service imports
 * it; the local host puts it in front of the dispatcher.
 *
 * A request is CloudWatch's when its X-Amz-Target starts `GraniteServiceVersion20100801.` (awsJson
 * 1.0, json-protocol.ts), when it is a Smithy RPC v2 CBOR call to the `GraniteServiceVersion20100801`
 * service (cbor-protocol.ts), or when it is a form-encoded POST, or a GET, with an `Action`
 * parameter (AWS Query, query-protocol.ts); everything else goes on to `next`. Bodies may be gzip-encoded
 * (the SDKs compress PutMetricData over 10 KB). Signatures are checked as for every other request
 * (protocol/auth.ts: any well-formed signature without --auth, an issued key's with it; the
 * signing name, `monitoring`, comes from the credential scope). CloudWatch requests are not
 * metered: they cost nothing in the cloud, where Runnel does not serve them.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { authenticate, type Caller, type Verifier } from '../../protocol/auth';
import type { HttpRequest, HttpResponse, StreamedHttpResponse } from '../../protocol/http';
import { logger } from '../../runtime/logger';
import { actionNamed } from './actions';
import { cborError, cborInput, cborResponse, rpcV2Operation } from './cbor-protocol';
import { asCloudWatchError, InternalServiceError, InvalidAction, MalformedInput, RequestEntityTooLarge, type CloudWatchError } from './errors';
import { queryRequest } from './form-params';
import { jsonError, jsonInput, jsonResponse, TARGET_PREFIX } from './json-protocol';
import { MESSAGES } from './messages';
import type { MetricStore } from './metric-store';
import { isFormBody, xmlError, xmlResponse } from './query-protocol';
import type { Raw } from './wire-input';

type Handler = (req: HttpRequest) => Promise<HttpResponse | StreamedHttpResponse>;

export interface CloudWatchOptions {
  store: MetricStore;
  clock: () => number;
  /** The local account, and the region when a request's credential scope names none. */
  defaults: Caller;
  /** Present when the endpoint verifies signatures (--auth). */
  verifier?: Verifier;
}

/** The largest body a gzip-encoded request may inflate to (a PutMetricData is at most 1 MB). */
const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

interface Recognised {
  protocol: 'json' | 'cbor' | 'query';
  /** The operation named; reading the input may fail, so it is read once the request is trusted. */
  action: string;
  input: () => Raw;
}

export function withCloudWatch(opts: CloudWatchOptions, next: Handler): Handler {
  return async (req) => {
    const requestId = randomUUID();
    let recognised: Recognised | undefined;
    try {
      recognised = recognise(req);
    } catch (e) {
      // A form body that cannot be read (too large, not inflatable, nested past any parameter):
      // answered as the query service it was sent to.
      return xmlError(requestId, asCloudWatchError(e) ?? internal(e));
    }
    if (!recognised) return next(req);
    const started = Date.now();
    const { protocol, action } = recognised;
    try {
      const caller = await authenticate(req, opts.defaults, opts.verifier);
      const run = actionNamed(action);
      if (!run) throw new InvalidAction(MESSAGES.invalidAction());
      const now = opts.clock();
      const output = run(recognised.input(), { store: opts.store, scope: `${caller.account}/${caller.region}`, account: caller.account, now });
      logger.debug(`CloudWatch.${action} 200 ${Date.now() - started}ms`);
      return RESPONSES[protocol](action, requestId, output);
    } catch (e) {
      const error = asCloudWatchError(e) ?? internal(e);
      logger.debug(`CloudWatch.${action || '-'} ${error.status} ${error.code} ${Date.now() - started}ms`);
      return ERRORS[protocol](requestId, error);
    }
  };
}

const RESPONSES: Record<Recognised['protocol'], (action: string, requestId: string, output: object | void) => HttpResponse> = {
  json: (_, requestId, output) => jsonResponse(requestId, output),
  cbor: (_, requestId, output) => cborResponse(requestId, output),
  query: xmlResponse,
};
const ERRORS: Record<Recognised['protocol'], (requestId: string, error: CloudWatchError) => HttpResponse> = { json: jsonError, cbor: cborError, query: xmlError };

function internal(e: unknown): CloudWatchError {
  logger.error('internal failure', e as Error);
  return new InternalServiceError('Internal Service Failure');
}

function recognise(req: HttpRequest): Recognised | undefined {
  const rpcV2 = rpcV2Operation(req);
  if (rpcV2 !== undefined) return { protocol: 'cbor', action: rpcV2, input: () => cborInput(body(req)) };
  const target = req.headers['x-amz-target'];
  if (target !== undefined) {
    if (!target.startsWith(TARGET_PREFIX)) return undefined;
    return { protocol: 'json', action: target.slice(TARGET_PREFIX.length), input: () => jsonInput(body(req)) };
  }
  const query = req.path.split('?')[1] ?? '';
  if (req.method === 'GET') {
    const params = new URLSearchParams(query);
    return params.has('Action') ? fromQuery(params) : undefined;
  }
  if (req.method !== 'POST' || !isFormBody(req.headers['content-type'])) return undefined;
  const params = new URLSearchParams(body(req).toString('utf8'));
  return params.has('Action') ? fromQuery(params) : undefined;
}

function fromQuery(params: URLSearchParams): Recognised {
  const request = queryRequest(params);
  return { protocol: 'query', action: request.action, input: () => request.input };
}

/** The request body, inflated if the client compressed it. */
function body(req: HttpRequest): Buffer {
  if (req.bodyTooLarge) throw new RequestEntityTooLarge(MESSAGES.tooLarge());
  if ((req.headers['content-encoding'] ?? '').trim().toLowerCase() !== 'gzip') return req.body;
  try {
    return gunzipSync(req.body, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (e) {
    throw (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? new RequestEntityTooLarge(MESSAGES.tooLarge()) : new MalformedInput(MESSAGES.malformedBody());
  }
}
