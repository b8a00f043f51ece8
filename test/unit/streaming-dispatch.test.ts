/** Which hosts serve event-stream operations: those that stream; to the others they are unknown. */
import { describe, expect, it } from 'vitest';
import { createDispatcher, createStreamingDispatcher } from '../../lambdas/protocol/dispatch';
import { isStreamed } from '../../lambdas/protocol/http';
import type { Runtime } from '../../lambdas/runtime/context';
import { SERVICES } from '../../lambdas/services';

const request = (target: string) => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00', 'x-amz-date': '20260101T000000Z' },
  body: Buffer.from('{"ConsumerARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s/consumer/c:1","ShardId":"0","StartingPosition":{"Type":"LATEST"}}'),
});
const runtime = { config: { accountId: '000000000000', defaultRegion: 'us-east-1', tables: { streams: 'streams' } } } as Runtime;

describe('event-stream operations and the host', () => {
  it('answers SubscribeToShard with UnknownOperationException where responses are buffered (behind the HTTP API)', async () => {
    const res = await createDispatcher(runtime, SERVICES)(request('Kinesis_20131202.SubscribeToShard'));
    expect(res.status).toBe(400);
    expect(res.body).toBe('{"__type":"UnknownOperationException"}');
  });

  it('runs SubscribeToShard where responses can stream (its errors before the stream are ordinary errors)', async () => {
    const empty = { ...runtime, ddb: { send: async () => ({}) } } as unknown as Runtime; // no stream is stored
    const res = await createStreamingDispatcher(empty, SERVICES)(request('Kinesis_20131202.SubscribeToShard'));
    expect(isStreamed(res)).toBe(false);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body as string).__type).toBe('ResourceNotFoundException');
  });
});
