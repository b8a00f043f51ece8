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
        await reply(res, { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(health()) });
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
      const request: HttpRequest = { method: req.method ?? 'POST', path: req.url ?? '/', headers, body: 'body' in read ? read.body : Buffer.alloc(0) };
      const out = await handle('tooLarge' in read ? { ...request, bodyTooLarge: true } : request);
      if ('tooLarge' in read) {
        // The rest of an oversized body is thrown away as it comes, so the answer can complete
        // (HTTP/2 flow control would otherwise hold it), and the exchange is cut off soon after.
        req.removeAllListeners('data');
        req.on('data', () => undefined).resume();
        setTimeout(() => abandon(req), 1_000).unref();
      }
      await reply(res, out);
    } catch (e) {
      // The client went away mid-answer (or the handler broke): drop this exchange, keep serving.
      logger.warn(`request dropped: ${(e as Error).message}`);
      abandon(req);
    } finally {
      budget.give(read.held);
    }
  };

  // Closing is graceful: every request already accepted is carried out *and answered* (a write
  // whose answer is lost would be sent again by the client's SDK: a duplicate), requests arriving
  // meanwhile are refused unprocessed, and the host stops its stores only after all of that.
  let closing = false;
  const inflight = new Set<Promise<void>>();
  const track = (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse) => {
    if (closing) return abandon(req);
    const p = onRequest(req, res).finally(() => inflight.delete(p));
    inflight.add(p);
  };
  const h1 = http.createServer(H1_OPTIONS, track);
  requireTimelyHeaders(h1);
  const h2 = http2.createServer(H2_OPTIONS, track);
  h2.setTimeout(GUARDS.idleSessionMs);
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
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
      closing = true;
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      // GOAWAY: HTTP/2 clients open no new streams on these sessions and retry elsewhere.
      for (const session of sessions) session.close();
      let grace: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'late'>((resolve) => (grace = setTimeout(() => resolve('late'), GUARDS.closeGraceMs)));
      if ((await Promise.race([Promise.allSettled([...inflight]), graceOver])) === 'late') logger.warn(`closing with ${inflight.size} requests still under way`);
      clearTimeout(grace);
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** Sends the answer; resolves once it is handed to the socket (or the client has gone). */
function reply(res: http.ServerResponse | http2.Http2ServerResponse, out: HttpResponse): Promise<void> {
  const body = Buffer.from(out.body);
  (res as http.ServerResponse).writeHead(out.status, { ...out.headers, 'Content-Length': String(body.length) });
  return new Promise((resolve) => {
    // A client that went away while its request was served has closed the response already.
    const gone = 'stream' in res ? res.stream.destroyed : res.destroyed;
    if (gone) return resolve();
    res.once('close', resolve);
    res.once('finish', resolve);
    res.end(body);
  });
}
