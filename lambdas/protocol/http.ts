/** The host-neutral request and response the edge works with (built by the local server or the Lambda handler). */
export interface HttpRequest {
  method: string;
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** The host stopped reading the body past the operation's limit (protocol/limits.ts); `body` is then empty. */
  bodyTooLarge?: true;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Text for JSON and XML, bytes for CBOR. */
  body: string | Uint8Array;
}
