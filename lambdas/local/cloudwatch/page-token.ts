/**
 * NextTokens: opaque to clients, plain to Runnel — base64url JSON of where the next page starts and
 * a fingerprint of the request it belongs to, so a token replayed with another request is refused
 * (InvalidNextToken) rather than answered from the wrong place.
 */
import { createHash } from 'node:crypto';
import { InvalidNextToken } from './errors';
import { MESSAGES } from './messages';

export function fingerprint(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url').slice(0, 16);
}

export function encodeToken(position: string | number, request: string): string {
  return Buffer.from(JSON.stringify({ p: position, r: request })).toString('base64url');
}

export function decodeToken<T extends string | number>(token: string | undefined, request: string, kind: 'string' | 'number'): T | undefined {
  if (token === undefined) return undefined;
  try {
    const { p, r } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p: unknown; r: unknown };
    if (typeof p === kind && r === request) return p as T;
  } catch {
    // falls through to the refusal
  }
  throw new InvalidNextToken(MESSAGES.invalidNextToken());
}
