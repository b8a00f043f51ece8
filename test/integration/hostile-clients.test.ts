/**
 * Clients that attack the transport rather than the API: oversized bodies (refused per operation
 * before they are read), clients that send too slowly or not at all, too many connections, HTTP/2
 * stream floods and huge header lists. The endpoint must answer AWS-shaped errors or cut the
 * offender off, and keep serving everyone else.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { ListStreamsCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUARDS } from '../../lambdas/local/request-guards';
import { createActiveStream, startRunnel, type TestRunnel } from '../support/local';
import { send } from '../support/raw';

const AUTH = { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd', 'x-amz-date': '20250101T000000Z' };
/** AWS's JSON front end spells SerializationException's text `Message`. */
const TOO_LARGE = { __type: 'SerializationException', Message: 'Request body too large.' };

let t: TestRunnel;
let port: number;
beforeAll(async () => {
  // Short timeouts so the test need not wait out the real ones (10 s, 10 s, 60 s).
  Object.assign(GUARDS, { firstBytesTimeoutMs: 1_000, headersTimeoutMs: 1_000, bodyTimeoutMs: 1_500, maxConnections: 200 });
  t = await startRunnel();
  port = Number(new URL(t.runnel.url).port);
});
afterAll(() => t.stop());

async function stillServes() {
  expect((await t.kinesis.send(new ListStreamsCommand({}))).$metadata.httpStatusCode).toBe(200);
}

/** Resolves with how long the server took to close a socket we opened (and what it sent, if anything). */
function closedAfter(socket: net.Socket): Promise<{ ms: number; received: string }> {
  const started = Date.now();
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.on('close', () => resolve({ ms: Date.now() - started, received })));
}

describe('body limits', () => {
  it('refuses a declared oversized body for a control-plane operation before reading it', async () => {
    const socket = net.connect(port, '127.0.0.1');
    const closed = closedAfter(socket);
    socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\nAuthorization: ${AUTH.authorization}\r\nX-Amz-Date: ${AUTH['x-amz-date']}\r\nContent-Length: ${1024 * 1024 + 1}\r\n\r\n{`);
    const { received } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/x-amzn-ErrorType: SerializationException/i);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual(TOO_LARGE);
  });

  it('cuts off a streamed body past the limit of its operation (Firehose PutRecord: 2 MiB), over HTTP/2 too', async () => {
    for (const useHttp2 of [false, true]) {
      const res = await send(t.runnel.url, {
        http2: useHttp2,
        headers: { ...AUTH, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Firehose_20150804.PutRecord' },
        body: `{"DeliveryStreamName":"x","Record":{"Data":"${'A'.repeat(3 * 1024 * 1024)}"}}`,
      }).catch((e: Error) => e);
      // The server answers before it has read everything; a client may see the reset first.
      if (!(res instanceof Error)) {
        expect(res.status).toBe(413);
        expect(JSON.parse(res.body.toString())).toEqual(TOO_LARGE);
        expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
      }
    }
    await stillServes();
  });

  it('still accepts a PutRecords near its 10 MiB data limit', async () => {
    await createActiveStream(t.kinesis, 'big');
    const data = Buffer.alloc(1000 * 1024, 7);
    const out = await t.kinesis.send(new PutRecordsCommand({ StreamName: 'big', Records: Array.from({ length: 9 }, (_, i) => ({ PartitionKey: `k${i}`, Data: data })) }));
    expect(out.FailedRecordCount).toBe(0);
  });
});

describe('slow and idle clients', () => {
  it('closes a connection that never sends a byte', async () => {
    const { ms } = await closedAfter(net.connect(port, '127.0.0.1'));
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(5_000);
  });

  it('closes a connection that trickles its headers (slowloris)', async () => {
    const socket = net.connect(port, '127.0.0.1');
    const closed = closedAfter(socket);
    socket.write('POST / HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200);
    const { ms } = await closed;
    clearInterval(trickle);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3_000);
  });

  it('cuts off a body that stops arriving, over HTTP/1.1 and HTTP/2', async () => {
    const socket = net.connect(port, '127.0.0.1');
    const closed = closedAfter(socket);
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\nContent-Length: 100\r\n\r\n{"Li');
    expect((await closed).ms).toBeLessThan(6_000);

    const session = http2.connect(t.runnel.url);
    session.on('error', () => undefined);
    const stream = session.request({ ':method': 'POST', ':path': '/', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams', 'content-length': '100' });
    stream.on('error', () => undefined);
    stream.write('{"Li');
    const code = await new Promise<number>((resolve) => stream.on('close', () => resolve(stream.rstCode ?? -1)));
    expect(code).toBe(http2.constants.NGHTTP2_CANCEL);
    session.destroy();
    await stillServes();
  });
});

describe('floods', () => {
  it('keeps serving while more connections than it allows are open, and sheds the extra ones', async () => {
    const sockets = Array.from({ length: GUARDS.maxConnections + 50 }, () => net.connect(port, '127.0.0.1').on('error', () => undefined));
    await new Promise((r) => setTimeout(r, 300));
    const closedEarly = sockets.filter((s) => s.destroyed || s.readyState !== 'open').length;
    for (const s of sockets) s.destroy();
    expect(closedEarly).toBeGreaterThan(0);
    await stillServes();
  });

  it('answers or refuses every stream of an HTTP/2 flood on one session, and survives it', async () => {
    const session = http2.connect(t.runnel.url);
    session.on('error', () => undefined);
    const outcomes = await Promise.all(
      Array.from({ length: 1_000 }, () => {
        const stream = session.request({ ':method': 'POST', ':path': '/', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams', ...AUTH });
        stream.on('error', () => undefined);
        stream.end('{}');
        return new Promise<string>((resolve) => {
          stream.on('response', (h) => resolve(String(h[':status'])));
          stream.on('close', () => resolve(`reset ${stream.rstCode}`));
        });
      }),
    );
    session.destroy();
    expect(outcomes.every((o) => o === '200' || o.startsWith('reset'))).toBe(true);
    expect(outcomes.filter((o) => o === '200').length).toBeGreaterThan(0);
    await stillServes();
  });

  it('refuses huge header lists (HTTP/1.1 431, HTTP/2 reset) without falling over', async () => {
    const big = 'v'.repeat(64 * 1024);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ port, host: '127.0.0.1', method: 'POST', headers: { 'x-big': big }, agent: false }, (res) => resolve(res.statusCode!));
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(431);
    const session = http2.connect(t.runnel.url);
    session.on('error', () => undefined);
    const stream = session.request({ ':method': 'POST', ':path': '/', 'x-big': big });
    stream.on('error', () => undefined);
    stream.end('{}');
    const outcome = await new Promise<string>((resolve) => {
      stream.on('response', (h) => resolve(String(h[':status'])));
      stream.on('close', () => resolve('closed'));
      session.on('close', () => resolve('closed'));
    });
    expect(outcome).not.toMatch(/^5/);
    session.destroy();
    await stillServes();
  });
});
