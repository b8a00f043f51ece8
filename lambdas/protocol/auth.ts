/**
 * Who is calling. SigV4 is verified with @smithy/signature-v4 against secrets Runnel issued itself
 * (an access-key lookup); without a lookup (local mode's default) any signature is accepted, as
 * other emulators do, and only the region is read from the credential scope.
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

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;
const SIGNED_HEADERS = /SignedHeaders=([^,\s]+)/;

export async function authenticate(req: HttpRequest, defaults: Caller, lookup?: AccessKeyLookup): Promise<Caller> {
  const authorization = req.headers['authorization'];
  if (!authorization) {
    if (lookup) throw new MissingAuthenticationTokenException('Missing Authentication Token');
    return defaults;
  }
  const credential = CREDENTIAL.exec(authorization);
  if (!credential) {
    if (lookup) throw new IncompleteSignatureException(`Authorization header requires 'Credential' parameter. Authorization=${authorization}`);
    return defaults;
  }
  const [, accessKeyId, , region, service] = credential;
  if (!lookup) return { account: defaults.account, region };
  const key = await lookup(accessKeyId);
  if (!key) throw new UnrecognizedClientException('The security token included in the request is invalid.');
  const signedHeaders = SIGNED_HEADERS.exec(authorization)?.[1]?.split(';') ?? [];
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
  const [path, query] = req.path.split('?');
  const signed = await signer.sign(
    new SmithyRequest({ method: req.method, protocol: 'https:', hostname: headers['host'] ?? headers[':authority'] ?? '', path, query: Object.fromEntries(new URLSearchParams(query ?? '')), headers, body: req.body }),
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
