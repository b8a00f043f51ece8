/**
 * Who is calling. SigV4 is verified with @smithy/signature-v4 against secrets Runnel issued itself
 * (an access-key lookup); without a lookup (local mode's default) any well-formed signature is
 * accepted, as other emulators do, and only the region is read from the credential scope. The
 * shape of the credentials is checked either way, so unsigned requests fail as they do on AWS.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest as SmithyRequest } from '@smithy/protocol-http';
import { IncompleteSignatureException, InvalidSignatureException, MissingAuthenticationTokenException, UnrecognizedClientException } from './errors';
import type { HttpRequest } from './http';

export interface AccessKey {
  secretAccessKey: string;
  account: string;
}

export type AccessKeyLookup = (accessKeyId: string) => Promise<AccessKey | undefined>;

export interface Caller {
  account: string;
  region: string;
}

const SCOPE = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
const HEADER_PARAMS = ['Credential', 'Signature', 'SignedHeaders'];
const QUERY_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` as a map (AWS splits on commas and spaces). */
function headerParams(authorization: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const part of authorization.split(/[, ]/).slice(1)) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return params;
}

/**
 * The shape checks AWS makes before it looks at a signature, with its texts; they apply whether
 * or not signatures are verified.
 */
function checkShape(req: HttpRequest, authorization: string | undefined, query: URLSearchParams): void {
  const byQuery = query.has('X-Amz-Algorithm');
  if (authorization && byQuery) throw new InvalidSignatureException("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  if (!authorization && !byQuery) throw new MissingAuthenticationTokenException('Missing Authentication Token');
  let problems = '';
  if (authorization) {
    const params = headerParams(authorization);
    for (const p of HEADER_PARAMS) if (!params[p]) problems += `Authorization header requires '${p}' parameter. `;
    if (!req.headers['x-amz-date'] && !req.headers['date']) problems += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    if (problems) throw new IncompleteSignatureException(`${problems}Authorization=${authorization}`);
  } else {
    for (const p of QUERY_PARAMS) if (!query.get(p)) problems += `AWS query-string parameters must include '${p}'. `;
    if (problems) throw new IncompleteSignatureException(`${problems}Re-examine the query-string parameters.`);
  }
}

export async function authenticate(req: HttpRequest, defaults: Caller, lookup?: AccessKeyLookup): Promise<Caller> {
  const authorization = req.headers['authorization'];
  const query = new URLSearchParams(req.path.split('?')[1] ?? '');
  checkShape(req, authorization, query);
  const params = authorization ? headerParams(authorization) : {};
  const scope = SCOPE.exec(authorization ? params['Credential'] : query.get('X-Amz-Credential')!);
  if (!lookup) return { account: defaults.account, region: scope?.[3] ?? defaults.region };
  // Issued keys sign with headers (every SDK and the CLI do); presigned query strings are not verified.
  if (!authorization || !scope) throw new IncompleteSignatureException(`Authorization header requires 'Credential' parameter. Authorization=${authorization ?? ''}`);
  const [, accessKeyId, , region, service] = scope;
  const key = await lookup(accessKeyId);
  if (!key) throw new UnrecognizedClientException('The security token included in the request is invalid.');
  const signedHeaders = params['SignedHeaders'].split(';');
  const headers: Record<string, string> = {};
  for (const h of signedHeaders) {
    // HTTP/2 has no Host header, and the JS SDK signs :authority instead; a proxy that speaks
    // HTTP/1.1 to us (CloudFront) turns it back into Host. Either stands for the other.
    const value = h === 'host' || h === ':authority' ? req.headers[h] ?? req.headers['host'] ?? req.headers[':authority'] : req.headers[h];
    if (value !== undefined) headers[h] = value;
  }
  const amzDate = req.headers['x-amz-date'];
  if (!amzDate) throw new IncompleteSignatureException('Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
  const signer = new SignatureV4({ service, region, sha256: Sha256, credentials: { accessKeyId, secretAccessKey: key.secretAccessKey, sessionToken: req.headers['x-amz-security-token'] }, applyChecksum: false });
  const [path] = req.path.split('?');
  const signed = await signer.sign(
    new SmithyRequest({ method: req.method, protocol: 'https:', hostname: headers['host'] ?? headers[':authority'] ?? '', path, query: Object.fromEntries(query), headers, body: req.body }),
    { signingDate: parseAmzDate(amzDate), unsignableHeaders: new Set(), signableHeaders: new Set(signedHeaders) },
  );
  if (signed.headers['authorization'] !== authorization) {
    throw new InvalidSignatureException('The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
  return { account: key.account, region };
}

function parseAmzDate(v: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) throw new IncompleteSignatureException(`Date must be in ISO-8601 'basic format'. Got '${v}'.`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}
