/** The host-neutral request and response the edge works with (built by the local server or the Lambda handler). */
export interface HttpRequest {
  method: string;
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** The host stopped reading the body past the operation's limit (protocol/limits.ts); `body` is then empty. */
  bodyTooLarge?: true;
  /** Aborted when the client goes away before the answer is complete (hosts that can tell). */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Text for JSON and XML, bytes for CBOR. */
  body: string | Uint8Array;
}

/** An answer whose body is written as it is produced: an AWS event stream (SubscribeToShard). */
export interface StreamedHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
}

export function isStreamed(res: HttpResponse | StreamedHttpResponse): res is StreamedHttpResponse {
  return typeof res.body === 'object' && Symbol.asyncIterator in res.body;
}
