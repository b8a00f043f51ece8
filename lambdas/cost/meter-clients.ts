/**
 * SDK middleware that meters every DynamoDB, S3 and Step Functions call a client makes, added
 * where the composition roots build the clients, so no store module needs to know.
 *
 * DynamoDB: every call asks for ReturnConsumedCapacity TOTAL and its units are counted. Two
 * corrections, both AWS's documented behaviour:
 * - A failed conditional write is billed like a write of the larger of the existing and the new
 *   item, but DynamoDB reports no capacity on the error (and dynalite none at all). The units are
 *   computed from the request's item (PutItem), key and values (UpdateItem) or key (DeleteItem),
 *   and from the existing item when the error carries it (ReturnValuesOnConditionCheckFailure,
 *   which is asked for and costs nothing; dynalite ignores it).
 * - A Query or Scan that finds nothing still costs one read unit (half if eventually consistent);
 *   dynalite reports zero for it.
 */
import { itemBytes, marshalledItemBytes, writeUnits, type AttributeValue } from './billing-rules';
import { UNITS, type Counters } from './counters';
import type { DestinationAccess } from '../runtime/context';
import type { Meter } from './meter';

type Args = { input: Record<string, any> };
type Handler = (args: Args) => Promise<{ output: Record<string, any> }>;
type Middleware = (next: Handler, context: { commandName?: string }) => Handler;

/** What the SDK clients expose for adding middleware (DynamoDBClient, S3Client, SFNClient); typed loosely, as its overloads are per step. */
export interface MeterableClient {
  middlewareStack: { add(middleware: any, options: any): void };
}

const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);
const CONDITIONAL = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

function consumed(output: Record<string, any>): number {
  const list = Array.isArray(output.ConsumedCapacity) ? output.ConsumedCapacity : output.ConsumedCapacity ? [output.ConsumedCapacity] : [];
  return list.reduce((n: number, c: { CapacityUnits?: number }) => n + (c.CapacityUnits ?? 0), 0);
}

/**
 * Write units of a conditional write that failed. The request is seen as the document client's
 * plain values (before it marshals them); an existing item on the error comes in wire form.
 */
function failedWriteUnits(command: string, input: Record<string, any>, existing?: Record<string, AttributeValue>): number {
  const requested = itemBytes(command === 'PutItemCommand' ? input.Item : { ...input.Key, ...(command === 'UpdateItemCommand' ? input.ExpressionAttributeValues : {}) });
  return writeUnits(Math.max(requested, existing ? marshalledItemBytes(existing) : 0));
}

export function meterDynamoDB(client: MeterableClient, meter: Meter): void {
  const middleware: Middleware = (next, context) => async (args) => {
    const command = context.commandName ?? '';
    const input = args.input;
    input.ReturnConsumedCapacity = 'TOTAL';
    if (CONDITIONAL.has(command) && input.ConditionExpression) input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
    const read = READS.has(command);
    try {
      const result = await next(args);
      let units = consumed(result.output);
      if (command === 'QueryCommand' || command === 'ScanCommand') units = Math.max(units, input.ConsistentRead ? 1 : 0.5);
      meter.count(read ? { [UNITS.readUnits]: units } : { [UNITS.writeUnits]: units });
      return result;
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException') {
        meter.count({ [UNITS.writeUnits]: failedWriteUnits(command, input, (e as { Item?: Record<string, AttributeValue> }).Item), [UNITS.failedWrites]: 1 });
      }
      throw e;
    }
  };
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'runnelMeterDynamoDB', priority: 'low' });
}

const S3_PUT_CLASS = new Set(['PutObjectCommand', 'CopyObjectCommand', 'ListObjectsV2Command', 'ListObjectsCommand', 'CreateBucketCommand']);
const S3_FREE = new Set(['DeleteObjectCommand', 'DeleteObjectsCommand']);

function bodyBytes(body: unknown): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return 0;
}

/**
 * S3 requests by price class (PUT/COPY/POST/LIST or GET and others; DELETE is free) and bytes
 * written. Writes to the segment bucket are Runnel's own; others are Firehose deliveries into
 * destination buckets.
 */
export function meterS3(client: MeterableClient, meter: Meter, segmentBucket: string): void {
  const middleware: Middleware = (next, context) => async (args) => {
    const result = await next(args);
    const command = context.commandName ?? '';
    const counters: Counters = {};
    if (S3_PUT_CLASS.has(command)) {
      const own = args.input.Bucket === segmentBucket;
      counters[own ? UNITS.s3Puts : UNITS.destinationPuts] = 1;
      counters[own ? UNITS.s3PutBytes : UNITS.destinationBytes] = bodyBytes(args.input.Body);
    } else if (!S3_FREE.has(command)) {
      counters[UNITS.s3Gets] = 1;
    }
    meter.count(counters);
    return result;
  };
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'runnelMeterS3', priority: 'low' });
}

/** Destination access whose S3 clients (made per delivery, as the delivery stream's role) are metered too. */
export function meterDestinations(destinations: DestinationAccess, meter: Meter, segmentBucket: string): DestinationAccess {
  return {
    ...destinations,
    async s3(roleArn, bucket) {
      const client = await destinations.s3(roleArn, bucket);
      meterS3(client, meter, segmentBucket);
      return client;
    },
  };
}

/** Workflow executions started (each bills transitions or an Express request, see the model). */
export function meterStepFunctions(client: MeterableClient, meter: Meter): void {
  const middleware: Middleware = (next, context) => async (args) => {
    const result = await next(args);
    if (context.commandName === 'StartExecutionCommand') meter.count({ [UNITS.workflowStarts]: 1 });
    return result;
  };
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'runnelMeterStepFunctions', priority: 'low' });
}
