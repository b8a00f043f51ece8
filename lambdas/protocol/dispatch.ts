/**
 * The protocol edge: turns an HTTP request into a typed action call and the result (or any error)
 * into the response AWS would send, in the request's own format (awsJson 1.1 or CBOR). Routing is
 * by the X-Amz-Target prefix, so one endpoint serves every Runnel API.
 *
 * The order of checks is AWS's (kinesalite test/connection.js, recorded against AWS): CORS
 * preflight, method, content type, empty body, body syntax, target, credentials' shape, then
 * signature and input validation.
 *
 * An operation whose output the model declares an event stream (SubscribeToShard) answers with a
 * streamed body (event-stream.ts); only hosts that can stream a response serve it (the local
 * server, the streaming Lambda behind its function URL). To the others it is an unknown operation.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ActionContext, Runtime } from '../runtime/context';
import { logger } from '../runtime/logger';
import { authenticate, type AccessKeyLookup } from './auth';
import type { BodyFormat } from './convert';
import { accessDenied, CBOR_TYPE, contentKind, corsHeaders, JSON_TYPE, legacyEnvelope, preflight } from './edge';
import { AwsError, InternalFailureException, SerializationException, UnknownOperationException } from './errors';
import { EVENT_STREAM_TYPE, eventStreamBody, type StreamEvent } from './event-stream';
import type { HttpRequest, HttpResponse, StreamedHttpResponse } from './http';
import type { ServiceModel } from './service-model';
import { bodyLimit, RequestTooLargeException } from './limits';
import { validateInput } from './validate';
import { decodeBody, encodeBody } from './wire';

/**
 * An action as the dispatcher sees it: its input type erased. Each service's table is typed per
 * operation (protocol/operations.ts); the validator has checked the input against the model.
 */
type ErasedAction = (input: never, ctx: ActionContext) => Promise<object | void>;

export interface ServiceBinding {
  model: ServiceModel;
  actions: { [operation: string]: ErasedAction | undefined };
}

interface Operation {
  name: string;
  service: ServiceBinding;
  action: ErasedAction;
}

/** A dispatcher for hosts that buffer whole responses: event-stream operations are not served. */
export function createDispatcher(rt: Runtime, services: ServiceBinding[], lookup?: AccessKeyLookup): (req: HttpRequest) => Promise<HttpResponse> {
  return dispatcher(rt, services, lookup, false) as (req: HttpRequest) => Promise<HttpResponse>;
}

/**
 * A dispatcher for hosts that can write a response as it is produced; `maxStreamBytes` is the
 * most such a host can stream in one response (event streams end cleanly before it).
 */
export function createStreamingDispatcher(rt: Runtime, services: ServiceBinding[], lookup?: AccessKeyLookup, maxStreamBytes?: number): (req: HttpRequest) => Promise<HttpResponse | StreamedHttpResponse> {
  return dispatcher(rt, services, lookup, true, maxStreamBytes);
}

function dispatcher(rt: Runtime, services: ServiceBinding[], lookup: AccessKeyLookup | undefined, streaming: boolean, maxStreamBytes?: number) {
  const byPrefix = new Map(services.map((s) => [s.model.targetPrefix, s]));

  /** The operation an X-Amz-Target names, if Runnel serves it on this host. */
  function operationOf(target: string): Operation | undefined {
    const dot = target.indexOf('.');
    const service = dot > 0 ? byPrefix.get(target.slice(0, dot)) : undefined;
    const name = target.slice(dot + 1);
    const spec = service?.model.operations[name];
    const action = spec && (streaming || !spec.eventStream) ? service.actions[name] : undefined;
    return service && action ? { name, service, action } : undefined;
  }

  return async function dispatch(req: HttpRequest): Promise<HttpResponse | StreamedHttpResponse> {
    const requestId = randomUUID();
    const started = Date.now();
    const cors = corsHeaders(req);
    const early = preflight(req, requestId);
    if (early) return early;
    const headers = { 'x-amzn-RequestId': requestId, 'x-amz-id-2': randomBytes(72).toString('base64'), ...cors };
    if (req.method !== 'POST') return accessDenied(headers);

    const kind = contentKind(req.headers['content-type']);
    const target = req.headers['x-amz-target'] ?? '';
    const operation = operationOf(target);
    if (kind === 'none' && req.body.length) return accessDenied(headers);
    if (kind === 'legacy-json' && req.body.length) return legacyEnvelope(headers, readsAsStructure(req.body));
    // Whatever AWS cannot read as JSON 1.1 it answers in CBOR, its other protocol.
    const format: BodyFormat = kind === 'json' ? 'json' : 'cbor';
    const contentType = format === 'json' ? JSON_TYPE : CBOR_TYPE;
    try {
      if (req.bodyTooLarge || req.body.length > bodyLimit(target)) throw new RequestTooLargeException();
      if (!req.body.length) throw operation ? new SerializationException() : new UnknownOperationException();
      if (kind !== 'json' && kind !== 'cbor') throw new UnknownOperationException();
      const body = decodeBody(format, req.body);
      if (!operation) throw new UnknownOperationException();
      const caller = await authenticate(req, { account: rt.config.accountId, region: rt.config.defaultRegion }, lookup && { lookup, clock: rt.clock });
      const { model } = operation.service;
      const input = validateInput(model, model.operations[operation.name].input, body, format);
      const output = await operation.action(input as never, { ...rt, ...caller, signal: req.signal });
      // Routine requests log at DEBUG: a line per request would be the largest CloudWatch Logs cost.
      logger.debug(`${operation.name} 200 ${Date.now() - started}ms`);
      const streamMember = model.operations[operation.name].eventStream;
      if (streamMember) {
        const { [streamMember]: events, ...initial } = output as Record<string, unknown>;
        return { status: 200, headers: { ...headers, 'Content-Type': EVENT_STREAM_TYPE }, body: eventStreamBody(format, initial, events as AsyncIterable<StreamEvent>, asAwsError, maxStreamBytes) };
      }
      return { status: 200, headers: { ...headers, 'Content-Type': contentType }, body: voidBody(format, output) };
    } catch (e) {
      const error = asAwsError(e);
      logger.debug(`${target || '-'} ${error.status} ${error.type} ${Date.now() - started}ms`);
      return {
        status: error.status,
        headers: { ...headers, 'Content-Type': contentType, 'x-amzn-ErrorType': error.type },
        body: encodeBody(format, error.fields()),
      };
    }
  };
}

/**
 * A void operation answers JSON with an empty body, as Kinesis does; CBOR readers get an empty map,
 * which every CBOR parser reads as the empty output structure.
 */
function voidBody(format: BodyFormat, output: object | void): string | Uint8Array {
  if (output !== undefined) return encodeBody(format, output);
  return format === 'json' ? '' : encodeBody(format, {});
}

function readsAsStructure(body: Buffer): boolean {
  try {
    decodeBody('json', body);
    return true;
  } catch {
    return false;
  }
}

/** What the client is told about a failure: AWS errors as they are, anything else as an internal failure. */
function asAwsError(e: unknown): AwsError {
  if (e instanceof AwsError) return e;
  logger.error('internal failure', e as Error);
  return new InternalFailureException('Internal Service Failure');
}
