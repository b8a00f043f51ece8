/**
 * What keeps the local endpoint alive under hostile clients: connection, header and body limits,
 * timeouts for clients that send too slowly (or nothing), HTTP/2 settings against stream floods
 * and huge header lists, and one memory budget for all request bodies in flight.
 */
import type http from 'node:http';
import http2 from 'node:http2';
import type net from 'node:net';
import { bodyLimit, MAX_BODY_BYTES } from '../protocol/limits';

const MIB = 1024 * 1024;

export const GUARDS = {
  /** Open connections; more are closed as they arrive. */
  maxConnections: 1_000,
  /** A new connection must send its first bytes within this time. */
  firstBytesTimeoutMs: 10_000,
  /** HTTP/1.1: the whole header block within this time. */
  headersTimeoutMs: 10_000,
  /** The whole body within this time once the headers are in. */
  bodyTimeoutMs: 60_000,
  /** An HTTP/2 session with no traffic for this long is closed. */
  idleSessionMs: 120_000,
  /** All request bodies being read or served at once; readers wait (backpressure) beyond it. */
  inflightBodyBytes: 256 * MIB,
  /** How long closing waits for requests under way before it closes what is left. */
  closeGraceMs: 30_000,
};

const KEEP_ALIVE_MS = 60_000;

export const H1_OPTIONS: http.ServerOptions = { keepAliveTimeout: KEEP_ALIVE_MS, maxHeaderSize: 32 * 1024 };

/**
 * Node's headersTimeout and requestTimeout are checked only on servers that listen() themselves;
 * ours is handed its sockets by the protocol switch, so it keeps its own deadline: a connection
 * must deliver a request's headers within headersTimeoutMs of connecting, and within the
 * keep-alive time plus that of its last answer (a slowloris never completes them).
 */
export function requireTimelyHeaders(h1: http.Server): void {
  const timers = new WeakMap<net.Socket, NodeJS.Timeout>();
  const arm = (socket: net.Socket, ms: number) => {
    clearTimeout(timers.get(socket));
    timers.set(socket, setTimeout(() => socket.destroy(), ms));
  };
  h1.on('connection', (socket: net.Socket) => {
    arm(socket, GUARDS.headersTimeoutMs);
    socket.once('close', () => clearTimeout(timers.get(socket)));
  });
  h1.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    clearTimeout(timers.get(req.socket));
    res.once('finish', () => !req.socket.destroyed && arm(req.socket, KEEP_ALIVE_MS + GUARDS.headersTimeoutMs));
  });
}

export const H2_OPTIONS: http2.ServerOptions = {
  maxSessionMemory: 32,
  maxHeaderListPairs: 256,
  maxSessionRejectedStreams: 100,
  maxSessionInvalidFrames: 100,
  settings: { maxConcurrentStreams: 128, maxHeaderListSize: 32 * 1024 },
};

/** Bytes of request bodies held at once, shared by every connection. */
export class ByteBudget {
  private used = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly capacity: number) {}

  async take(n: number): Promise<void> {
    while (this.used > 0 && this.used + n > this.capacity) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.used += n;
  }

  give(n: number): void {
    this.used -= n;
    for (const wake of this.waiting.splice(0)) wake();
  }
}

export type BodyRead = { body: Buffer; held: number } | { tooLarge: true; held: number } | { abandoned: true; held: number };

type Incoming = http.IncomingMessage | http2.Http2ServerRequest;

/** Cuts a request off: its connection (HTTP/1.1) or just its stream (HTTP/2). */
export function abandon(req: Incoming): void {
  if ('stream' in req) req.stream.close(http2.constants.NGHTTP2_CANCEL);
  else req.socket.destroy();
}

/**
 * Reads a body up to the limit of the operation its X-Amz-Target names, taking it from `budget`
 * as it arrives (the caller gives back `held` when done). A declared Content-Length past the limit
 * is refused before a byte is read; a client too slow to finish is cut off. Events rather than
 * async iteration: a stream the client resets must end the read, never leave it waiting.
 */
export function readBody(req: Incoming, budget: ByteBudget): Promise<BodyRead> {
  const target = req.headers['x-amz-target'];
  const limit = Math.min(bodyLimit(Array.isArray(target) ? target[0] : target), MAX_BODY_BYTES);
  if (Number(req.headers['content-length']) > limit) return Promise.resolve({ tooLarge: true, held: 0 });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let held = 0;
    let done = false;
    const finish = (read: BodyRead) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(read);
    };
    const timer = setTimeout(() => {
      abandon(req);
      finish({ abandoned: true, held });
    }, GUARDS.bodyTimeoutMs);
    // Chunks are taken from the budget in order; 'end' can come before the last take completes.
    let queue = Promise.resolve();
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      req.pause();
      queue = queue.then(async () => {
        await budget.take(chunk.length);
        if (done) return budget.give(chunk.length);
        held += chunk.length;
        if (held > limit) return finish({ tooLarge: true, held });
        chunks.push(chunk);
        req.resume();
      });
    });
    req.once('end', () => {
      ended = true;
      void queue.then(() => finish({ body: Buffer.concat(chunks), held }));
    });
    req.once('error', () => finish({ abandoned: true, held }));
    req.once('aborted', () => finish({ abandoned: true, held }));
    req.once('close', () => ended || finish({ abandoned: true, held }));
  });
}
