import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { requestOf, resultOf } from '../../lambdas/handlers/http-event';

const event = (over: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 =>
  ({ rawPath: '/', rawQueryString: '', headers: {}, isBase64Encoded: false, requestContext: { http: { method: 'POST' } }, ...over }) as APIGatewayProxyEventV2;

describe('HTTP API events', () => {
  it('hand CBOR bodies to the edge byte for byte, and CBOR answers back base64-encoded', () => {
    const cbor = Buffer.from([0xbf, 0x64, 0x44, 0x61, 0x74, 0x61, 0x42, 0x00, 0xff, 0xff]);
    const req = requestOf(event({ body: cbor.toString('base64'), isBase64Encoded: true, headers: { 'Content-Type': 'application/x-amz-cbor-1.1' } }));
    expect(req.body).toEqual(cbor);
    expect(req.headers['content-type']).toBe('application/x-amz-cbor-1.1');
    const out = resultOf({ status: 200, headers: { 'Content-Type': 'application/x-amz-cbor-1.1' }, body: new Uint8Array(cbor) });
    expect(out).toEqual({ statusCode: 200, headers: { 'Content-Type': 'application/x-amz-cbor-1.1' }, body: cbor.toString('base64'), isBase64Encoded: true });
  });

  it('pass JSON as text, and keep the query string the signature checks look at', () => {
    const req = requestOf(event({ body: '{}', rawQueryString: 'X-Amz-Algorithm', headers: { host: 'api', 'x-runnel-viewer-host': 'cdn.example' } }));
    expect(req.body.toString()).toBe('{}');
    expect(req.path).toBe('/?X-Amz-Algorithm');
    expect(req.headers.host).toBe('cdn.example');
    expect(resultOf({ status: 400, headers: {}, body: '{"__type":"SerializationException"}' })).toEqual({ statusCode: 400, headers: {}, body: '{"__type":"SerializationException"}' });
  });

  it('put the cookies HTTP APIs and function URLs split off back into a Cookie header, and fall back to the endpoint’s domain for the host', () => {
    const req = requestOf(event({ cookies: ['a=1', 'b=2'], requestContext: { http: { method: 'POST' }, domainName: 'abc.lambda-url.us-east-1.on.aws' } as APIGatewayProxyEventV2['requestContext'] }));
    expect(req.headers.cookie).toBe('a=1; b=2');
    expect(req.headers.host).toBe('abc.lambda-url.us-east-1.on.aws');
    expect(requestOf(event({ headers: { Host: 'api.example', cookie: 'c=3' }, cookies: ['c=3'] })).headers).toEqual({ host: 'api.example', cookie: 'c=3' });
  });
});
