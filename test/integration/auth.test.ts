/** SigV4 verification (always on in the cloud, `--auth` locally) with keys Runnel issued. */
import { CreateStreamCommand, KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, startRunnel, type TestRunnel } from '../support/local';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ auth: true });
});
afterAll(() => t.stop());

const client = (credentials: { accessKeyId: string; secretAccessKey: string }, http1 = false) =>
  new KinesisClient({ endpoint: t.runnel.url, region: 'eu-west-1', credentials, maxAttempts: 1, ...(http1 ? { requestHandler: new NodeHttpHandler() } : {}) });

describe('SigV4 authentication', () => {
  it('accepts requests signed with an issued key, over HTTP/2 and HTTP/1.1', async () => {
    const key = t.runnel.accessKey!;
    for (const http1 of [false, true]) {
      const c = client(key, http1);
      expect((await c.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);
      c.destroy();
    }
  });

  it('rejects a wrong secret, an unknown key and an unsigned request', async () => {
    const key = t.runnel.accessKey!;
    const wrong = client({ accessKeyId: key.accessKeyId, secretAccessKey: 'not-the-secret' });
    await expectAwsError(wrong.send(new ListStreamsCommand({})), 'InvalidSignatureException', /does not match the signature you provided/);
    const unknown = client({ accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' });
    await expectAwsError(unknown.send(new ListStreamsCommand({})), 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    const res = await fetch(t.runnel.url, { method: 'POST', headers: { 'X-Amz-Target': 'Kinesis_20131202.ListStreams', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    wrong.destroy();
    unknown.destroy();
  });

  it('keys state by the region of the credential scope', async () => {
    const key = t.runnel.accessKey!;
    const eu = client(key);
    const us = new KinesisClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials: key });
    await eu.send(new CreateStreamCommand({ StreamName: 'eu-only', ShardCount: 1 }));
    expect((await eu.send(new ListStreamsCommand({}))).StreamNames).toEqual(['eu-only']);
    expect((await us.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);
    eu.destroy();
    us.destroy();
  });
});

describe('SigV4 behind a proxy', () => {
  it('verifies an HTTP/2 request whose :authority reached Runnel as a Host header', async () => {
    const key = t.runnel.accessKey!;
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    const { HttpRequest } = await import('@smithy/protocol-http');
    const host = new URL(t.runnel.url).host;
    const body = '{}';
    // Signed as the JS SDK signs over HTTP/2 (the :authority pseudo-header), sent as HTTP/1.1 (Host).
    const signed = await new SignatureV4({ service: 'kinesis', region: 'us-east-1', sha256: Sha256, credentials: key }).sign(
      new HttpRequest({ method: 'POST', protocol: 'http:', hostname: host.split(':')[0], path: '/', headers: { ':authority': host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' }, body }),
    );
    expect(signed.headers.authorization).toMatch(/SignedHeaders=:authority;/);
    const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k !== ':authority'));
    const res = await fetch(t.runnel.url, { method: 'POST', headers, body });
    expect(res.status).toBe(200);
  });
});
