/**
 * One port, two protocols: the stock JS Kinesis client speaks cleartext HTTP/2 with prior knowledge
 * (h2c) to an http:// endpoint, while the AWS CLI and the Firehose client speak HTTP/1.1. Each new
 * connection's first bytes decide: the HTTP/2 preface goes to the http2 server, anything else to
 * the http1 server.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import type { HttpRequest, HttpResponse } from '../protocol/http';
import { logger } from '../runtime/logger';
import { abandon, ByteBudget, GUARDS, H1_OPTIONS, H2_OPTIONS, readBody, requireTimelyHeaders } from './request-guards';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export type Handler = (req: HttpRequest) => Promise<HttpResponse>;

export interface ListeningServer {
  port: number;
  close(): Promise<void>;
}

export async function listen(port: number, handle: Handler, health: () => object): Promise<ListeningServer> {
  const budget = new ByteBudget(GUARDS.inflightBodyBytes);
  const onRequest = async (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse) => {
    const read = await readBody(req, budget);
    try {
      if ('abandoned' in read) return;
      if (req.method === 'GET' && req.url?.split('?')[0] === '/health') {
        reply(res, { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(health()) });
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
      const request: HttpRequest = { method: req.method ?? 'POST', path: req.url ?? '/', headers, body: 'body' in read ? read.body : Buffer.alloc(0) };
      const out = await handle('tooLarge' in read ? { ...request, bodyTooLarge: true } : request);
      reply(res, out);
      // The rest of an oversized body is never read: end the exchange rather than drain it.
      if ('tooLarge' in read) res.once('finish', () => abandon(req));
    } catch (e) {
      // The client went away mid-answer (or the handler broke): drop this exchange, keep serving.
      logger.warn(`request dropped: ${(e as Error).message}`);
      abandon(req);
    } finally {
      budget.give(read.held);
    }
  };

  const h1 = http.createServer(H1_OPTIONS, (req, res) => void onRequest(req, res));
  requireTimelyHeaders(h1);
  const h2 = http2.createServer(H2_OPTIONS, (req, res) => void onRequest(req, res));
  h2.setTimeout(GUARDS.idleSessionMs);
  const sockets = new Set<net.Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A reset before the protocol is known must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy());
    socket.setTimeout(GUARDS.firstBytesTimeoutMs, () => socket.destroy());
    socket.once('readable', () => {
      socket.setTimeout(0);
      const head: Buffer | null = socket.read(Math.min(PREFACE.length, socket.readableLength)) ?? socket.read();
      if (!head) {
        socket.destroy();
        return;
      }
      socket.unshift(head);
      const target = head.length >= 3 && PREFACE.subarray(0, head.length).equals(head) ? h2 : h1;
      target.emit('connection', socket);
    });
  });
  front.maxConnections = GUARDS.maxConnections;
  await new Promise<void>((resolve, reject) => front.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  return {
    port: (front.address() as net.AddressInfo).port,
    close: async () => {
      await new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

function reply(res: http.ServerResponse | http2.Http2ServerResponse, out: HttpResponse): void {
  const body = Buffer.from(out.body);
  (res as http.ServerResponse).writeHead(out.status, { ...out.headers, 'Content-Length': String(body.length) });
  res.end(body);
}
