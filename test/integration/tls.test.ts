/** `--ssl`: the endpoint speaks TLS only (as the KPL requires), HTTP/2 or HTTP/1.1 by ALPN, with a certificate clients can trust. */
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedIdentity } from '../../lambdas/local/certificate';
import { createActiveStream, credentials, startRunnel, type TestRunnel } from '../support/local';
import { startRunnelProcess } from '../support/runnel-process';

let t: TestRunnel;
let cert: string;
beforeAll(async () => {
  const identity = await selfSignedIdentity();
  cert = identity.cert;
  t = await startRunnel({ tls: identity });
});
afterAll(() => t.stop());

describe('TLS', () => {
  it('serves the stock Kinesis client over HTTPS with the generated certificate trusted', async () => {
    expect(t.runnel.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const kinesis = new KinesisClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials, requestHandler: new NodeHttpHandler({ httpsAgent: new https.Agent({ ca: cert }) }) });
    await createActiveStream(kinesis, 'secure', 1);
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'secure', PartitionKey: 'k', Data: Buffer.from('over tls') }));
    const it = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'secure', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const got = await kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
    expect(got.Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['over tls']);
    kinesis.destroy();
  });

  it('negotiates HTTP/2 by ALPN, and refuses a client that does not trust the certificate', async () => {
    const session = http2.connect(t.runnel.url, { ca: cert });
    const status = await new Promise<number>((resolve, reject) => {
      const req = session.request({ ':method': 'GET', ':path': '/health' });
      req.on('response', (h) => resolve(Number(h[':status'])));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(session.alpnProtocol).toBe('h2');
    session.close();
    const untrusted = await new Promise<string>((resolve) => https.get(`${t.runnel.url}/health`, () => resolve('accepted')).on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? e.message)));
    expect(untrusted).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('runnel start --ssl prints where the certificate is and how to trust it', async () => {
    const runnel = await startRunnelProcess('--ssl');
    try {
      expect(runnel.url).toMatch(/^https:/);
      const file = /self-signed certificate: (\S+)/.exec(runnel.output)![1];
      expect(runnel.output).toContain(`AWS_CA_BUNDLE=${file}`);
      const status = await new Promise<number>((resolve, reject) => https.get(`${runnel.url}/health`, { ca: readFileSync(file) }, (res) => resolve(res.statusCode!)).on('error', reject));
      expect(status).toBe(200);
    } finally {
      await runnel.stop();
    }
  });
});
