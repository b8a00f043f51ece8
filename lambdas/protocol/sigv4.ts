/**
 * SigV4 verification against a secret Runnel issued: the request time against the clock, the
 * payload hash against the body that actually arrived, then the signature (header or query string).
 *
 * Kinesis and Firehose allow five minutes either way, with these texts (InvalidSignatureException,
 * 400), as clients have logged them: "Signature expired: 20170821T052717Z is now earlier than
 * 20170821T054443Z (20170821T054943Z - 5 min.)" (osquery #3593, Firehose and Kinesis; KPL #222) and
 * "Signature not yet current: 20181017T093750Z is still later than 20181017T093639Z
 * (20181017T093139Z + 5 min.)" (s12v/awsbeats #48, aws-sdk-go #2194, both Kinesis).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest as SmithyRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { IncompleteSignatureException, InvalidSignatureException } from './errors';
import type { HttpRequest } from './http';

export const SKEW_MS = 5 * 60_000;
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export interface SignedRequest {
  req: HttpRequest;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  /** Query-string (presigned) requests only: X-Amz-Expires in seconds. */
  expiresSeconds?: number;
  query: URLSearchParams;
}

/** `20250101T000000Z` as a time; anything else is refused as AWS refuses it. */
export function parseAmzDate(v: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  const t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
  if (!Number.isFinite(t)) throw new IncompleteSignatureException(`Date must be in ISO-8601 'basic format'. Got '${v}'.`);
  return t;
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * A captured request stops working five minutes after it was signed (or, presigned, when its
 * X-Amz-Expires runs out, whichever is first), so it cannot be replayed for long.
 */
export function checkTime(signedAt: number, now: number, expiresSeconds?: number): void {
  const earliest = now - SKEW_MS;
  const latest = now + SKEW_MS;
  if (signedAt < earliest) {
    throw new InvalidSignatureException(`Signature expired: ${formatAmzDate(signedAt)} is now earlier than ${formatAmzDate(earliest)} (${formatAmzDate(now)} - 5 min.)`);
  }
  if (signedAt > latest) {
    throw new InvalidSignatureException(`Signature not yet current: ${formatAmzDate(signedAt)} is still later than ${formatAmzDate(latest)} (${formatAmzDate(now)} + 5 min.)`);
  }
  if (expiresSeconds !== undefined && now > signedAt + expiresSeconds * 1000) {
    throw new InvalidSignatureException(`Signature expired: ${formatAmzDate(signedAt)} is now earlier than ${formatAmzDate(now - expiresSeconds * 1000)} (${formatAmzDate(now)} - ${expiresSeconds} sec.)`);
  }
}

/** X-Amz-Expires: a whole number of seconds, at most a week. */
export function parseExpires(v: string): number {
  if (!/^\d{1,7}$/.test(v) || Number(v) > MAX_PRESIGNED_SECONDS) {
    throw new IncompleteSignatureException(`X-Amz-Expires must be a non-negative integer of at most ${MAX_PRESIGNED_SECONDS} seconds. Got '${v}'.`);
  }
  return Number(v);
}

/**
 * AWS hashes the body it received. A signed x-amz-content-sha256 that names another body would
 * otherwise let a signature vouch for bytes it never covered, so it must equal the real hash.
 */
function checkPayloadHash(req: HttpRequest): void {
  const claimed = req.headers['x-amz-content-sha256'];
  if (claimed !== undefined && claimed !== createHash('sha256').update(req.body).digest('hex')) throw new InvalidSignatureException(MISMATCH);
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The signed headers as the client saw them; under HTTP/2 (and behind CloudFront) host and :authority stand for each other. */
function signedHeaderValues(req: HttpRequest, names: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of names) {
    const value = h === 'host' || h === ':authority' ? req.headers[h] ?? req.headers['host'] ?? req.headers[':authority'] : req.headers[h];
    if (value !== undefined) headers[h] = value;
  }
  return headers;
}

export async function verifySignature(s: SignedRequest, now: number): Promise<void> {
  const signedAt = parseAmzDate(s.amzDate);
  checkTime(signedAt, now, s.expiresSeconds);
  checkPayloadHash(s.req);
  const headers = signedHeaderValues(s.req, s.signedHeaders);
  const signer = new SignatureV4({ service: s.service, region: s.region, sha256: Sha256, credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey }, applyChecksum: false });
  const [path] = s.req.path.split('?');
  const query = Object.fromEntries([...s.query].filter(([k]) => k !== 'X-Amz-Signature'));
  const request = new SmithyRequest({ method: s.req.method, protocol: 'https:', hostname: headers['host'] ?? headers[':authority'] ?? '', path, query, headers, body: s.req.body });
  const options = { signingDate: new Date(signedAt), unsignableHeaders: new Set<string>(), signableHeaders: new Set(s.signedHeaders) };
  let expected: string;
  if (s.expiresSeconds === undefined) {
    const signed = await signer.sign(request, options);
    expected = /Signature=([0-9a-f]+)/.exec(signed.headers['authorization'] ?? '')?.[1] ?? '';
  } else {
    // Presigned: every signed header stays a header (presign would otherwise hoist x-amz-* ones into the query).
    const presigned = await signer.presign(request, { ...options, expiresIn: s.expiresSeconds, unhoistableHeaders: new Set(s.signedHeaders) });
    expected = String(presigned.query?.['X-Amz-Signature'] ?? '');
  }
  if (!sameSignature(expected, s.signature)) throw new InvalidSignatureException(MISMATCH);
}
