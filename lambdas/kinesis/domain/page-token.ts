/**
 * NextToken for the list operations: where the next page starts and when the token was issued.
 * Tokens expire after 300 s like AWS's; they only steer pagination, so they are not signed.
 */
import { ExpiredNextTokenException, InvalidArgumentException } from '../../protocol/errors';

const PAGE_TOKEN_LIFETIME_MS = 300_000;

export function pageToken<T extends object>(position: T, now: number): string {
  return Buffer.from(JSON.stringify({ ...position, issuedAt: now })).toString('base64');
}

export function openPageToken<T extends object>(token: string, now: number): T {
  let parsed: T & { issuedAt: number };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString());
  } catch {
    throw new InvalidArgumentException(`Invalid NextToken: ${token}`);
  }
  if (typeof parsed?.issuedAt !== 'number') throw new InvalidArgumentException(`Invalid NextToken: ${token}`);
  if (now - parsed.issuedAt > PAGE_TOKEN_LIFETIME_MS) {
    throw new ExpiredNextTokenException(`The token ${token} has expired.`);
  }
  return parsed;
}
