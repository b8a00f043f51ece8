import { KinesisClient, ListStreamsCommand, PutRecordCommand, CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, expectAwsError, startRunnel, type TestRunnel } from '../support/local';
import { signedPost } from '../support/raw';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel();
});
afterAll(() => t.stop());

async function post(target: string, body: string) {
  const res = await signedPost(t.runnel.url, { target, contentType: 'application/x-amz-json-1.1', body, credentials });
  return { status: res.status, headers: new Headers(res.headers), text: res.body.toString() };
}

describe('the protocol edge', () => {
  it('answers GET /health', async () => {
    const res = await fetch(`${t.runnel.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('serves HTTP/1.1 clients on the same port as HTTP/2', async () => {
    const h1 = new KinesisClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials, requestHandler: new NodeHttpHandler() });
    await h1.send(new CreateStreamCommand({ StreamName: 'h1', ShardCount: 1 }));
    expect((await h1.send(new ListStreamsCommand({}))).StreamNames).toContain('h1');
    expect((await t.kinesis.send(new ListStreamsCommand({}))).StreamNames).toContain('h1');
    h1.destroy();
  });

  it('returns AWS error bodies, headers and status codes', async () => {
    const unknown = await post('Kinesis_20131202.DoSomething', '{}');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).__type).toBe('UnknownOperationException');
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(unknown.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);

    const malformed = await post('Kinesis_20131202.ListStreams', '{"Limit":');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).__type).toBe('SerializationException');

    const wrongType = await post('Kinesis_20131202.ListStreams', '{"Limit":"ten"}');
    expect(JSON.parse(wrongType.text)).toEqual({ __type: 'SerializationException', Message: 'class java.lang.String can not be converted to an Integer' });

    const nullBody = await post('Kinesis_20131202.ListStreams', 'null');
    expect(JSON.parse(nullBody.text).__type).toBe('SerializationException');
  });

  it('answers void operations with an empty 200 body', async () => {
    const res = await post('Kinesis_20131202.CreateStream', JSON.stringify({ StreamName: 'empty-body', ShardCount: 1 }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });

  it('reports validation errors through the SDK with the exact text', async () => {
    await expectAwsError(
      t.kinesis.send(new PutRecordCommand({ StreamName: 'x', PartitionKey: 'k'.repeat(257), Data: Buffer.from('d') })),
      'ValidationException',
      `1 validation error detected: Value '${'k'.repeat(257)}' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  });
});
