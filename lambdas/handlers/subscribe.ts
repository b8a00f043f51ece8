/**
 * Lambda entry point for SubscribeToShard, behind a function URL with response streaming: an HTTP
 * API cannot stream a response, so CloudFront sends this one operation here (lib/constructs/edge.ts)
 * and the event stream is written as it is produced. Signatures are verified as for every call.
 *
 * A subscription holds its Lambda for its lifetime (5 minutes; the function's timeout leaves room)
 * and ends cleanly before its streamed response reaches Lambda's 200 MB limit. The function serves
 * nothing else, so its bundle holds only this operation.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { accessKeyLookup } from '../auth/access-keys';
import { TABLE_ENCRYPTED_AT_REST } from '../auth/secret-box';
import { subscribeToShard } from '../kinesis/actions/subscribe-to-shard';
import { createStreamingDispatcher } from '../protocol/dispatch';
import model from '../protocol/generated/kinesis.json';
import { isStreamed } from '../protocol/http';
import type { ServiceModel } from '../protocol/service-model';
import { cloudRuntime, ENV } from './cloud-runtime';
import { requestOf } from './http-event';

/** Lambda streams at most 200 MB per response; the largest event (one 10 MiB record, base64) is under 15 MB. */
const MAX_STREAM_BYTES = 185_000_000;

const runtime = cloudRuntime();
const dispatch = createStreamingDispatcher(
  runtime,
  [{ model: model as unknown as ServiceModel, actions: { SubscribeToShard: subscribeToShard } }],
  accessKeyLookup(runtime.ddb, process.env[ENV.accessKeysTable]!, TABLE_ENCRYPTED_AT_REST, runtime.clock),
  MAX_STREAM_BYTES,
);

export const handler = awslambda.streamifyResponse(async (event: APIGatewayProxyEventV2, responseStream) => {
  const res = await dispatch(requestOf(event));
  const out = awslambda.HttpResponseStream.from(responseStream, { statusCode: res.status, headers: res.headers });
  await pipeline(isStreamed(res) ? Readable.from(res.body) : Readable.from([Buffer.from(res.body)]), out);
});
