/**
 * The front function's handler (lambdas/handlers/api.ts builds it with lambdaHttpHandler) answering
 * events as the edges deliver them: a function URL event built as AWS documents it (urls-invocation:
 * payload format 2.0, `requestContext` without route or stage variables, `accountId` "anonymous"
 * with auth NONE, bodies base64-encoded unless text/* or application/json), directly and behind
 * CloudFront, and an HTTP API event. The dispatcher is the real one over a local Runnel's runtime,
 * verifying SigV4 against the host each edge presents.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Decoder, Encoder, type Options } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaHttpHandler, type LambdaHttpEvent } from '../../lambdas/handlers/http-event';
import { createDispatcher } from '../../lambdas/protocol/dispatch';
import { SERVICES } from '../../lambdas/services';
import { startRunnel, waitForStatus, type TestRunnel } from '../support/local';

const KEY = { accessKeyId: 'RNLFRONTEVENTS', secretAccessKey: 'front-events-secret' };
const URL_ID = 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6';
const URL_HOST = `${URL_ID}.lambda-url.us-east-1.on.aws`;
const CLOUDFRONT_HOST = 'd111111abcdef8.cloudfront.net';
const JSON_11 = 'application/x-amz-json-1.1';
const CBOR = 'application/x-amz-cbor-1.1';
const cbor = new Encoder({ useRecords: false, tagUint8Array: false });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true, int64AsNumber: true } as Options);

let t: TestRunnel;
let handler: (event: LambdaHttpEvent) => Promise<APIGatewayProxyStructuredResultV2>;
beforeAll(async () => {
  t = await startRunnel();
  handler = lambdaHttpHandler(createDispatcher(t.runnel.runtime, SERVICES, async (id) => (id === KEY.accessKeyId ? { secretAccessKey: KEY.secretAccessKey, account: t.runnel.runtime.config.accountId } : undefined)));
});
afterAll(() => t.stop());

/** A request as the SDK signs it for `signedHost`: its lower-case headers and body. */
async function signed(signedHost: string, target: string, contentType: string, body: Buffer) {
  const request = new HttpRequest({ method: 'POST', protocol: 'https:', hostname: signedHost, path: '/', headers: { host: signedHost, 'content-type': contentType, 'x-amz-target': `Kinesis_20131202.${target}` }, body });
  const { headers } = await new SignatureV4({ service: 'kinesis', region: 'us-east-1', sha256: Sha256, credentials: KEY }).sign(request);
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The event Lambda hands a function reached through its URL (as urls-invocation documents it). */
function functionUrlEvent(headers: Record<string, string>, body: Buffer): LambdaHttpEvent {
  const type = headers['content-type'];
  const text = type.startsWith('text/') || type === 'application/json';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { ...headers, host: URL_HOST, 'x-amzn-trace-id': 'Root=1-6252dbdd-2a88d899750a6e1f3', 'x-forwarded-proto': 'https', 'x-forwarded-port': '443', 'x-forwarded-for': '198.51.100.7' },
    requestContext: {
      accountId: 'anonymous',
      apiId: URL_ID,
      domainName: URL_HOST,
      domainPrefix: URL_ID,
      http: { method: 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: headers['user-agent'] ?? 'aws-sdk-js/3' },
      requestId: 'e1506fd5-9e7b-434f-bd42-4f8fa224b599',
      routeKey: '$default',
      stage: '$default',
      time: '07/Sep/2021:22:50:22 +0000',
      timeEpoch: 1631055022677,
    },
    body: text ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: !text,
  } as LambdaHttpEvent;
}

/** A JSON 1.1 call signed for the URL's host, delivered as a function URL event. */
async function viaUrl(target: string, input: object) {
  const body = Buffer.from(JSON.stringify(input));
  return handler(functionUrlEvent(await signed(URL_HOST, target, JSON_11, body), body));
}

describe('the front handler, reached through its function URL', () => {
  it('creates a stream and stores a record from base64-encoded JSON 1.1 bodies, answering JSON as text', async () => {
    const created = await viaUrl('CreateStream', { StreamName: 'url-orders', ShardCount: 1 });
    expect(created).toMatchObject({ statusCode: 200, headers: { 'Content-Type': JSON_11 } });
    expect(created.isBase64Encoded).toBeUndefined();
    await waitForStatus(t.kinesis, 'url-orders', 'ACTIVE');

    const put = await viaUrl('PutRecord', { StreamName: 'url-orders', PartitionKey: 'o-1', Data: Buffer.from('{"id":1}').toString('base64') });
    expect(put.statusCode).toBe(200);
    const stored = JSON.parse(put.body!);
    expect(stored).toEqual({ ShardId: 'shardId-000000000000', SequenceNumber: expect.stringMatching(/^\d{56}$/) });

    const iterator = JSON.parse((await viaUrl('GetShardIterator', { StreamName: 'url-orders', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' })).body!).ShardIterator;
    const records = JSON.parse((await viaUrl('GetRecords', { ShardIterator: iterator })).body!).Records;
    expect(records.map((r: { Data: string; SequenceNumber: string }) => [Buffer.from(r.Data, 'base64').toString(), r.SequenceNumber])).toEqual([['{"id":1}', stored.SequenceNumber]]);
  });

  it('takes CBOR and answers CBOR base64-encoded, for Lambda to decode', async () => {
    const body = cbor.encode({ Limit: 10 });
    const res = await handler(functionUrlEvent(await signed(URL_HOST, 'ListStreams', CBOR, body), body));
    expect(res).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { 'Content-Type': CBOR } });
    expect(decoder.decode(Buffer.from(res.body!, 'base64'))).toMatchObject({ StreamNames: expect.arrayContaining(['url-orders']), HasMoreStreams: false });
  });

  it('verifies the signature against the URL’s host: a request signed for another host is refused', async () => {
    const body = Buffer.from('{}');
    const res = await handler(functionUrlEvent(await signed('elsewhere.example', 'ListStreams', JSON_11, body), body));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!).__type).toBe('InvalidSignatureException');
  });

  it('behind CloudFront, verifies against the host the client signed, which the viewer-request function passes on', async () => {
    const body = Buffer.from('{}');
    const headers = await signed(CLOUDFRONT_HOST, 'ListStreams', JSON_11, body);
    const res = await handler(functionUrlEvent({ ...headers, 'x-runnel-viewer-host': CLOUDFRONT_HOST, via: '2.0 abc.cloudfront.net (CloudFront)' }, body));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!).StreamNames).toContain('url-orders');
  });

  it('answers the HTTP API’s event for the same request alike (its route and stage are all that differ)', async () => {
    const body = Buffer.from('{}');
    const apiHost = 'abc123.execute-api.us-east-1.amazonaws.com';
    const event = functionUrlEvent(await signed(apiHost, 'ListStreams', JSON_11, body), body);
    const fromApi = { ...event, routeKey: 'ANY /{proxy+}', headers: { ...event.headers, host: apiHost }, requestContext: { ...event.requestContext, accountId: '123456789012', apiId: 'abc123', domainName: apiHost, domainPrefix: 'abc123', routeKey: 'ANY /{proxy+}' } };
    const res = await handler(fromApi);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!).StreamNames).toContain('url-orders');
  });
});
