/**
 * Who is calling. SigV4 (header or presigned query string) is verified against secrets Runnel
 * issued itself (sigv4.ts); without a verifier (local mode's default) any well-formed signature is
 * accepted, as other emulators do, and only the region is read from the credential scope. The
 * shape of the credentials is checked either way, so unsigned requests fail as they do on AWS.
 */
import { IncompleteSignatureException, InvalidSignatureException, MissingAuthenticationTokenException, UnrecognizedClientException } from './errors';
import type { HttpRequest } from './http';
import { parseExpires, verifySignature } from './sigv4';

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

/** What verifying signatures needs: the issued keys, and the clock requests are judged by. */
export interface Verifier {
  lookup: AccessKeyLookup;
  clock: () => number;
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

export async function authenticate(req: HttpRequest, defaults: Caller, verifier?: Verifier): Promise<Caller> {
  const authorization = req.headers['authorization'];
  const query = new URLSearchParams(req.path.split('?')[1] ?? '');
  checkShape(req, authorization, query);
  const params = authorization ? headerParams(authorization) : {};
  const credential = authorization ? params['Credential'] : query.get('X-Amz-Credential')!;
  const scope = SCOPE.exec(credential);
  if (!verifier) return { account: defaults.account, region: scope?.[3] ?? defaults.region };
  if (!scope) throw new IncompleteSignatureException(`Credential should be scoped to a valid region and service: ${credential}`);
  // Runnel issues long-term keys only; a session token cannot be one of its own, so it is refused
  // rather than ignored (ignoring it would accept a token AWS would have checked).
  if (req.headers['x-amz-security-token'] !== undefined || query.has('X-Amz-Security-Token')) throw new UnrecognizedClientException(INVALID_TOKEN);
  const [, accessKeyId, , region, service] = scope;
  const key = await verifier.lookup(accessKeyId);
  if (!key) throw new UnrecognizedClientException(INVALID_TOKEN);
  const amzDate = authorization ? req.headers['x-amz-date'] : query.get('X-Amz-Date')!;
  if (!amzDate) throw new IncompleteSignatureException("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  await verifySignature(
    {
      req,
      accessKeyId,
      secretAccessKey: key.secretAccessKey,
      region,
      service,
      amzDate,
      query,
      signedHeaders: (authorization ? params['SignedHeaders'] : query.get('X-Amz-SignedHeaders')!).split(';'),
      signature: authorization ? params['Signature'] : query.get('X-Amz-Signature')!,
      ...(authorization ? {} : { expiresSeconds: parseExpires(query.get('X-Amz-Expires') ?? '') }),
    },
    verifier.clock(),
  );
  return { account: key.account, region };
}
