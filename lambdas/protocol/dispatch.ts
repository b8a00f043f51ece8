/**
 * The protocol edge: turns an awsJson 1.1 HTTP request into a typed action call and the result (or
 * any error) into the response AWS would send. Routing is by the X-Amz-Target prefix, so one
 * endpoint serves every Runnel API.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ActionContext, Runtime } from '../runtime/context';
import { logger } from '../runtime/logger';
import { authenticate, type AccessKeyLookup } from './auth';
import { AwsError, InternalFailureException, SerializationException, UnknownOperationException } from './errors';
import type { HttpRequest, HttpResponse } from './http';
import type { ServiceModel } from './service-model';
import { validateInput } from './validate';
import { toWire } from './wire';

/**
 * An action as the dispatcher sees it: its input type erased. Each service's table is typed per
 * operation (protocol/operations.ts); the validator has checked the input against the model.
 */
type ErasedAction = (input: never, ctx: ActionContext) => Promise<object | void>;

export interface ServiceBinding {
  model: ServiceModel;
  actions: { [operation: string]: ErasedAction | undefined };
}

const JSON_TYPE = 'application/x-amz-json-1.1';

export function createDispatcher(rt: Runtime, services: ServiceBinding[], lookup?: AccessKeyLookup) {
  const byPrefix = new Map(services.map((s) => [s.model.targetPrefix, s]));
  return async function dispatch(req: HttpRequest): Promise<HttpResponse> {
    const requestId = randomUUID();
    const started = Date.now();
    const target = req.headers['x-amz-target'] ?? '';
    const headers = { 'x-amzn-RequestId': requestId, 'x-amz-id-2': randomBytes(48).toString('base64'), 'Content-Type': JSON_TYPE };
    try {
      const dot = target.indexOf('.');
      const service = byPrefix.get(target.slice(0, dot));
      const operation = target.slice(dot + 1);
      const action = service?.actions[operation];
      if (!service || !action || !service.model.operations[operation]) throw new UnknownOperationException(`Operation ${target || '(none)'} is not supported.`);
      if ((req.headers['content-type'] ?? '').includes('cbor')) {
        throw new SerializationException('CBOR is not supported: send JSON (AWS_CBOR_DISABLE=true for the Java SDK v1, CBOR_ENABLED=false for v2).');
      }
      const caller = await authenticate(req, { account: rt.config.accountId, region: rt.config.defaultRegion }, lookup);
      const input = validateInput(service.model, service.model.operations[operation].input, parseBody(req.body));
      const output = await action(input as never, { ...rt, ...caller });
      logger.info(`${operation} 200 ${Date.now() - started}ms`);
      return { status: 200, headers, body: output === undefined ? '' : JSON.stringify(toWire(output)) };
    } catch (e) {
      const error = e instanceof AwsError ? e : internal(e);
      logger.info(`${target} ${error.status} ${error.type} ${Date.now() - started}ms`);
      return {
        status: error.status,
        headers: { ...headers, 'x-amzn-ErrorType': error.type },
        body: JSON.stringify({ __type: error.type, message: error.message }),
      };
    }
  };
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SerializationException('Unable to parse the request body as JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SerializationException('Start of structure or map found where not expected.');
  }
  return parsed;
}

function internal(e: unknown): AwsError {
  logger.error('internal failure', e as Error);
  return new InternalFailureException('Internal Service Failure');
}
