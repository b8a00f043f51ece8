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
import { isStreamed, type HttpRequest, type HttpResponse, type StreamedHttpResponse } from '../protocol/http';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
/** Bigger than AWS's 10 MiB PutRecords limit once base64-encoded, so the service (not the socket) answers. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export type Handler = (req: HttpRequest) => Promise<HttpResponse | StreamedHttpResponse>;

type Response = http.ServerResponse | http2.Http2ServerResponse;

export interface ListeningServer {
  port: number;
  close(): Promise<void>;
}

export async function listen(port: number, handle: Handler, health: () => object): Promise<ListeningServer> {
  const streams = new Set<Promise<void>>();
  const onRequest = async (req: http.IncomingMessage | http2.Http2ServerRequest, res: Response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reply(res, { status: 413, headers: { 'Content-Type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ __type: 'SerializationException', message: 'Request body too large.' }) });
        return;
      }
      chunks.push(chunk as Buffer);
    }
    if (req.method === 'GET' && req.url?.split('?')[0] === '/health') {
      reply(res, { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(health()) });
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const out = await handle({ method: req.method ?? 'POST', path: req.url ?? '/', headers, body: Buffer.concat(chunks), signal: gone.signal });
    if (!isStreamed(out)) return reply(res, out);
    const streaming = stream(res, out);
    streams.add(streaming);
    await streaming.finally(() => streams.delete(streaming));
  };

  const h1 = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => void onRequest(req, res));
  const h2 = http2.createServer({}, (req, res) => void onRequest(req, res));
  const sockets = new Set<net.Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('readable', () => {
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
  await new Promise<void>((resolve, reject) => front.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  return {
    port: (front.address() as net.AddressInfo).port,
    close: async () => {
      await new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      // Producers of streamed answers see their clients gone; let them finish with the stores they use.
      await Promise.allSettled([...streams]);
    },
  };
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

function reply(res: Response, out: HttpResponse): void {
  const body = Buffer.from(out.body);
  (res as http.ServerResponse).writeHead(out.status, { ...out.headers, 'Content-Length': String(body.length) });
  res.end(body);
}
