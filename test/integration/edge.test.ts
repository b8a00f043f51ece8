/**
 * The HTTP edge in front of the operations, against AWS's recorded answers (kinesalite
 * test/connection.js): methods, CORS, content types, empty and unreadable bodies, unknown targets
 * and the shape of credentials, which is checked even when signatures are not verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, startRunnel, type TestRunnel } from '../support/local';
import { send, signedPost, type RawResponse } from '../support/raw';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel();
});
afterAll(() => t.stop());

const JSON_11 = 'application/x-amz-json-1.1';
const LIST_STREAMS = 'Kinesis_20131202.ListStreams';
const ACCESS_DENIED = '<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n';
/** A well-formed signature nobody checks: local mode without --auth accepts it, as AWS's shape checks do. */
const SIGNED = { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd', 'x-amz-date': '20250101T000000Z' };
/** AWS's CBOR error bodies, byte for byte as recorded: an indefinite-length map holding only `__type`. */
const CBOR_ERRORS: Record<string, string> = {
  UnknownOperationException: `bf66${Buffer.from('__type').toString('hex')}7819${Buffer.from('UnknownOperationException').toString('hex')}ff`,
  SerializationException: `bf66${Buffer.from('__type').toString('hex')}76${Buffer.from('SerializationException').toString('hex')}ff`,
};

function expectAwsHeaders(res: RawResponse) {
  expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(Buffer.from(res.headers['x-amz-id-2'], 'base64').length).toBe(72);
  expect(res.headers['content-length']).toBe(String(res.body.length));
}

function json(res: RawResponse) {
  return JSON.parse(res.body.toString());
}

describe('methods and content types', () => {
  it.each([
    ['GET', false],
    ['PUT', false],
    ['DELETE', false],
    ['GET', true],
  ])('answers %s (HTTP/2: %s) with AWS XML AccessDeniedException', async (method, http2) => {
    const res = await send(t.runnel.url, { method, headers: SIGNED, http2 });
    expect(res.status).toBe(403);
    expect(res.body.toString()).toBe(ACCESS_DENIED);
    expect(res.headers['content-type']).toBeUndefined();
    expectAwsHeaders(res);
  });

  it('keeps serving GET /health', async () => {
    const res = await send(t.runnel.url, { method: 'GET', path: '/health' });
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ status: 'ok' });
  });

  it('answers a POST with a body and no Content-Type with the XML AccessDeniedException', async () => {
    const res = await send(t.runnel.url, { headers: { 'x-amz-target': LIST_STREAMS, ...SIGNED }, body: '{}' });
    expect(res.status).toBe(403);
    expect(res.body.toString()).toBe(ACCESS_DENIED);
  });

  it('answers unknown content types and unreadable empty requests with AWS CBOR error maps', async () => {
    for (const [headers, type] of [
      [{ 'content-type': 'application/x-amz-json-1.0' }, 'UnknownOperationException'],
      [{ 'content-type': 'application/x-amz-json-1.1asdf', 'x-amz-target': LIST_STREAMS }, 'SerializationException'],
      [{ 'content-type': 'text/plain', 'x-amz-target': LIST_STREAMS }, 'SerializationException'],
      [{}, 'UnknownOperationException'],
      [{ 'x-amz-target': LIST_STREAMS }, 'SerializationException'],
      [{ 'content-type': 'application/json' }, 'UnknownOperationException'],
    ] as const) {
      const res = await send(t.runnel.url, { headers: { ...headers, ...SIGNED } });
      expect(res.status, JSON.stringify(headers)).toBe(400);
      expect(res.headers['content-type']).toBe('application/x-amz-cbor-1.1');
      expect(res.body.toString('hex'), JSON.stringify(headers)).toBe(CBOR_ERRORS[type]);
      expectAwsHeaders(res);
    }
  });

  it('answers application/json bodies with the legacy Coral envelope', async () => {
    const readable = await send(t.runnel.url, { headers: { 'content-type': 'application/json', 'x-amz-target': LIST_STREAMS, ...SIGNED }, body: '{}' });
    expect(readable.status).toBe(200);
    expect(readable.headers['content-type']).toBe('application/json');
    expect(json(readable)).toEqual({ Output: { __type: 'com.amazon.coral.service#UnknownOperationException', message: null }, Version: '1.0' });
    const garbled = await send(t.runnel.url, { headers: { 'content-type': '     application/json     ;', 'x-amz-target': LIST_STREAMS }, body: 'hello' });
    expect(garbled.status).toBe(200);
    expect(json(garbled)).toEqual({ Output: { __type: 'com.amazon.coral.service#SerializationException', Message: null }, Version: '1.0' });
  });
});

describe('JSON 1.1 bodies and targets', () => {
  const post = (headers: Record<string, string>, body?: string) => send(t.runnel.url, { headers: { 'content-type': JSON_11, ...headers }, body });

  it('answers an empty body with a bare SerializationException, not as if it were {}', async () => {
    const res = await post({ 'x-amz-target': LIST_STREAMS, ...SIGNED });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe(JSON_11);
    expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
    expect(res.body.toString()).toBe('{"__type":"SerializationException"}');
  });

  it('answers a body that is not a JSON object with a bare SerializationException', async () => {
    for (const body of ['hello', 'true', 'null']) expect(json(await post({ 'x-amz-target': LIST_STREAMS }, body))).toEqual({ __type: 'SerializationException' });
  });

  it('answers unknown and missing targets with UnknownOperationException and no message', async () => {
    for (const target of [undefined, 'Kinesis_20131202.ListStream', 'Kinesis_20131202.', 'Whatever', 'Whatever.ListStreams']) {
      const res = await post(target ? { 'x-amz-target': target } : {}, '{}');
      expect(res.status).toBe(400);
      expect(res.body.toString(), String(target)).toBe('{"__type":"UnknownOperationException"}');
    }
    expect((await post({})).body.toString()).toBe('{"__type":"UnknownOperationException"}');
  });
});

describe('CORS', () => {
  it('answers a preflight with 200, the allowances asked for and a two-day max age', async () => {
    const res = await send(t.runnel.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-headers': 'a, b, c', 'access-control-request-method': 'd' },
    });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'a, b, c',
      'access-control-allow-methods': 'd',
      'access-control-max-age': '172800',
      'content-length': '0',
    });
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-amz-id-2']).toBeUndefined();
    expect(res.headers['content-type']).toBeUndefined();
    expect(res.body.length).toBe(0);
  });

  it('marks every answer to a cross-origin request, successes and errors alike', async () => {
    const exposed = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date';
    const ok = await send(t.runnel.url, { headers: { origin: 'x', 'content-type': JSON_11, 'x-amz-target': LIST_STREAMS, ...SIGNED }, body: '{}' });
    const denied = await send(t.runnel.url, { method: 'GET', headers: { origin: 'x' } });
    for (const res of [ok, denied]) {
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-expose-headers']).toBe(exposed);
    }
    expect(ok.status).toBe(200);
    expect(denied.status).toBe(403);
    const plain = await send(t.runnel.url, { headers: { 'content-type': JSON_11, 'x-amz-target': LIST_STREAMS, ...SIGNED }, body: '{}' });
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the shape of credentials, checked although signatures are not verified', () => {
  const listStreams = (headers: Record<string, string>, path = '/') =>
    send(t.runnel.url, { path, headers: { 'content-type': JSON_11, 'x-amz-target': LIST_STREAMS, ...headers }, body: '{}' });

  it('answers a request without credentials with MissingAuthenticationTokenException', async () => {
    const res = await listStreams({});
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    expect(json(await listStreams({}, '/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d'))).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('lists everything an Authorization header lacks in IncompleteSignatureException', async () => {
    expect(json(await listStreams({ authorization: 'X' }))).toEqual({
      __type: 'IncompleteSignatureException',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=X",
    });
    for (const authorization of ['AWS4- Signature=b Credential=a', 'AWS4- Signature=b,Credential=a', 'AWS4- Signature=b, Credential=a']) {
      expect(json(await listStreams({ authorization, date: 'a' }))).toEqual({
        __type: 'IncompleteSignatureException',
        message: `Authorization header requires 'SignedHeaders' parameter. Authorization=${authorization}`,
      });
    }
  });

  it('lists the query-string parameters a presigned request lacks', async () => {
    expect(json(await listStreams({}, '/?X-Amz-Algorithm'))).toEqual({
      __type: 'IncompleteSignatureException',
      message:
        "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
    });
  });

  it('refuses a request signed both ways with InvalidSignatureException', async () => {
    expect(json(await listStreams({ authorization: 'X' }, '/?X-Amz-Algorithm'))).toEqual({
      __type: 'InvalidSignatureException',
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    });
  });

  it('accepts any well-formed signature, header or query string, when auth is off', async () => {
    expect((await listStreams(SIGNED)).status).toBe(200);
    expect((await listStreams({}, '/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20250101%2Feu-west-1%2Fkinesis%2Faws4_request&X-Amz-Signature=b&X-Amz-SignedHeaders=host&X-Amz-Date=20250101T000000Z')).status).toBe(200);
    const real = await signedPost(t.runnel.url, { target: LIST_STREAMS, contentType: JSON_11, body: '{}', credentials, http2: true });
    expect(real.status).toBe(200);
    expect(json(real)).toMatchObject({ HasMoreStreams: false });
  });
});
