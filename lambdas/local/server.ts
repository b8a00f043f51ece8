/**
 * One port, two protocols: the stock JS Kinesis client speaks cleartext HTTP/2 with prior knowledge
 * (h2c) to an http:// endpoint, while the AWS CLI and the Firehose client speak HTTP/1.1. Each new
 * connection's first bytes decide: the HTTP/2 preface goes to the http2 server, anything else to
 * the http1 server.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import type { HttpRequest, HttpResponse } from '../protocol/http';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
/** Bigger than AWS's 10 MiB PutRecords limit once base64-encoded, so the service (not the socket) answers. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export type Handler = (req: HttpRequest) => Promise<HttpResponse>;

/** The local host's own endpoints (GET /health, /metering): JSON for a method and path it serves, else undefined. */
export type LocalRoutes = (method: string, path: string) => object | undefined;

export interface ListeningServer {
  port: number;
  close(): Promise<void>;
}

/** A certificate and key (PEM): the server then speaks TLS only, HTTP/2 or HTTP/1.1 as ALPN decides, as the KPL needs. */
export interface TlsIdentity {
  cert: string;
  key: string;
}

export async function listen(port: number, handle: Handler, routes: LocalRoutes, tlsIdentity?: TlsIdentity): Promise<ListeningServer> {
  const onRequest = async (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse) => {
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
    const local = req.headers['x-amz-target'] ? undefined : routes(req.method ?? '', req.url?.split('?')[0] ?? '');
    if (local) {
      reply(res, { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(local) });
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
    reply(res, await handle({ method: req.method ?? 'POST', path: req.url ?? '/', headers, body: Buffer.concat(chunks) }));
  };

  const h1 = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => void onRequest(req, res));
  const h2 = http2.createServer({}, (req, res) => void onRequest(req, res));
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const front = tlsIdentity
    ? tls.createServer({ ...tlsIdentity, ALPNProtocols: ['h2', 'http/1.1'] }, (socket) => {
        track(socket);
        (socket.alpnProtocol === 'h2' ? h2 : h1).emit('connection', socket);
      })
    : cleartextFront(h1, h2, track);
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

/** Cleartext: each new connection's first bytes decide between HTTP/2 (its preface) and HTTP/1.1. */
function cleartextFront(h1: http.Server, h2: http2.Http2Server, track: (socket: net.Socket) => void): net.Server {
  return net.createServer((socket) => {
    track(socket);
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
}

function reply(res: http.ServerResponse | http2.Http2ServerResponse, out: HttpResponse): void {
  const body = Buffer.from(out.body);
  (res as http.ServerResponse).writeHead(out.status, { ...out.headers, 'Content-Length': String(body.length) });
  res.end(body);
}
