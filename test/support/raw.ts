/**
 * Hand-built requests for what no SDK sends on purpose: other methods, odd content types, broken
 * credentials, and CBOR shaped like the Java SDK's. Over HTTP/1.1 (node:http) or cleartext HTTP/2
 * with prior knowledge (node:http2), as the two kinds of client reach Runnel.
 */
import http from 'node:http';
import http2 from 'node:http2';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface RawRequest {
  method?: string;
  /** Path and query string. */
  path?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  http2?: boolean;
}

export interface RawResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export function send(url: string, req: RawRequest): Promise<RawResponse> {
  return req.http2 ? sendHttp2(url, req) : sendHttp1(url, req);
}

function sendHttp1(url: string, req: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const r = http.request({ hostname, port, method: req.method ?? 'POST', path: req.path ?? '/', headers: req.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode!, headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

function sendHttp2(url: string, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url);
    session.on('error', reject);
    const stream = session.request({ ':method': req.method ?? 'POST', ':path': req.path ?? '/', ...req.headers });
    const chunks: Buffer[] = [];
    let status = 0;
    const headers: Record<string, string> = {};
    stream.on('response', (h) => {
      status = Number(h[':status']);
      for (const [k, v] of Object.entries(h)) if (!k.startsWith(':') && v !== undefined) headers[k] = String(v);
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      session.close();
      resolve({ status, headers, body: Buffer.concat(chunks) });
    });
    stream.on('error', reject);
    stream.end(req.body);
  });
}

/** Signs a POST as the SDKs do (host, x-amz-date, x-amz-target, content-type) with the given key. */
export async function signedPost(
  url: string,
  opts: { target: string; contentType: string; body: string | Uint8Array; credentials: { accessKeyId: string; secretAccessKey: string }; region?: string; http2?: boolean },
): Promise<RawResponse> {
  const { host, hostname, port } = new URL(url);
  const service = opts.target.startsWith('Firehose_') ? 'firehose' : 'kinesis';
  const signer = new SignatureV4({ service, region: opts.region ?? 'us-east-1', sha256: Sha256, credentials: opts.credentials });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: '/',
      headers: { host, 'content-type': opts.contentType, 'x-amz-target': opts.target },
      body: opts.body,
    }),
  );
  // HTTP/2 carries the host as :authority, which node:http2 sets from the URL.
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => !(opts.http2 && k === 'host')));
  return send(url, { headers, body: opts.body, http2: opts.http2 });
}

/**
 * Signs a form-encoded AWS Query POST as the query SDKs (Java v2 before JSON, the KPL's C++ SDK)
 * send one: no X-Amz-Target, `Content-Type: application/x-www-form-urlencoded; charset=utf-8`.
 */
export async function signedFormPost(
  url: string,
  opts: { body: string | Uint8Array; credentials: { accessKeyId: string; secretAccessKey: string }; service: string; region?: string; headers?: Record<string, string> },
): Promise<RawResponse> {
  const { host, hostname, port } = new URL(url);
  const signer = new SignatureV4({ service: opts.service, region: opts.region ?? 'us-east-1', sha256: Sha256, credentials: opts.credentials });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: '/',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...opts.headers },
      body: opts.body,
    }),
  );
  return send(url, { headers: signed.headers, body: opts.body });
}
