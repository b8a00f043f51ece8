/**
 * One port, two protocols: the stock JS Kinesis client speaks cleartext HTTP/2 with prior knowledge
 * (h2c) to an http:// endpoint, while the AWS CLI and the Firehose client speak HTTP/1.1. Each new
 * connection's first bytes decide: the HTTP/2 preface goes to the http2 server, anything else to
 * the http1 server.
 *
 * A streamed answer (an event stream) is written as it is produced: DATA frames over HTTP/2,
 * chunked transfer encoding over HTTP/1.1 (AWS serves SubscribeToShard to the CLI that way). A
 * client that goes away aborts the request's signal, so the producer stops.
 */
import { once } from 'node:events';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import { isStreamed, type HttpRequest, type HttpResponse, type StreamedHttpResponse } from '../protocol/http';
import { logger } from '../runtime/logger';
import { abandon, ByteBudget, GUARDS, H1_OPTIONS, H2_OPTIONS, readBody, requireTimelyHeaders } from './request-guards';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export type Handler = (req: HttpRequest) => Promise<HttpResponse | StreamedHttpResponse>;

type Response = http.ServerResponse | http2.Http2ServerResponse;

/** Runnel's own local routes (`GET /health`, `/metering`): an answer, or undefined for an API request. */
export type LocalRoutes = (method: string, path: string) => object | undefined;

/** A certificate and key (PEM): the server then speaks TLS only, HTTP/2 or HTTP/1.1 as ALPN decides, as the KPL needs. */
export interface TlsIdentity {
  cert: string;
  key: string;
}

export interface ListeningServer {
  port: number;
  close(): Promise<void>;
}

export async function listen(port: number, handle: Handler, routes: LocalRoutes, tlsIdentity?: TlsIdentity): Promise<ListeningServer> {
  const budget = new ByteBudget(GUARDS.inflightBodyBytes);
  /** Answers being streamed: on close they are cut, so their producers stop. */
  const streaming = new Set<Response>();
  const onRequest = async (req: http.IncomingMessage | http2.Http2ServerRequest, res: Response) => {
    const read = await readBody(req, budget);
    try {
      if ('abandoned' in read) return;
      const local = req.headers['x-amz-target'] ? undefined : routes(req.method ?? '', req.url?.split('?')[0] ?? '');
      if (local) {
        await reply(res, { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(local) });
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      const request: HttpRequest = { method: req.method ?? 'POST', path: req.url ?? '/', headers, body: 'body' in read ? read.body : Buffer.alloc(0), signal: gone.signal };
      const out = await handle('tooLarge' in read ? { ...request, bodyTooLarge: true } : request);
      if ('tooLarge' in read) {
        // The rest of an oversized body is thrown away as it comes, so the answer can complete
        // (HTTP/2 flow control would otherwise hold it), and the exchange is cut off soon after.
        req.removeAllListeners('data');
        req.on('data', () => undefined).resume();
        setTimeout(() => abandon(req), 1_000).unref();
      }
      if (!isStreamed(out)) return await reply(res, out);
      streaming.add(res);
      await stream(res, out).finally(() => streaming.delete(res));
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
  const track = (req: http.IncomingMessage | http2.Http2ServerRequest, res: Response) => {
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
  const accept = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A reset before the protocol is known must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy());
  };
  const front = tlsIdentity
    ? tls.createServer({ ...tlsIdentity, ALPNProtocols: ['h2', 'http/1.1'] }, (socket) => {
        accept(socket);
        (socket.alpnProtocol === 'h2' ? h2 : h1).emit('connection', socket);
      })
    : cleartextFront(h1, h2, accept);
  front.maxConnections = GUARDS.maxConnections;
  await new Promise<void>((resolve, reject) => front.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  return {
    port: (front.address() as net.AddressInfo).port,
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      // GOAWAY: HTTP/2 clients open no new streams on these sessions and retry elsewhere.
      for (const session of sessions) session.close();
      for (const res of streaming) res.destroy();
      let grace: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'late'>((resolve) => (grace = setTimeout(() => resolve('late'), GUARDS.closeGraceMs)));
      if ((await Promise.race([Promise.allSettled([...inflight]), graceOver])) === 'late') logger.warn(`closing with ${inflight.size} requests still under way`);
      clearTimeout(grace);
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** Cleartext: each new connection's first bytes decide between HTTP/2 (its preface) and HTTP/1.1. */
function cleartextFront(h1: http.Server, h2: http2.Http2Server, accept: (socket: net.Socket) => void): net.Server {
  return net.createServer((socket) => {
    accept(socket);
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
}

/** Writes chunks as they come, waiting while the client is slow; stops when it goes away. */
async function stream(res: Response, out: StreamedHttpResponse): Promise<void> {
  (res as http.ServerResponse).writeHead(out.status, out.headers);
  const closed = once(res, 'close').then(() => undefined);
  try {
    for await (const chunk of out.body) {
      if (res.destroyed) break;
      if (!(res as http.ServerResponse).write(chunk)) await Promise.race([once(res, 'drain'), closed]);
    }
  } finally {
    res.end();
  }
}

/** Sends the answer; resolves once it is handed to the socket (or the client has gone). */
function reply(res: Response, out: HttpResponse): Promise<void> {
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
