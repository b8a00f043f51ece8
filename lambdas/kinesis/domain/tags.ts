import { InvalidArgumentException } from '../../protocol/errors';

export const MAX_TAGS = 50;
const VALID = /^[\p{L}\p{Z}\p{N}_.\/=+\-%@:]*$/u;

export function checkTagCharacters(tags: Record<string, string>): void {
  if (Object.entries(tags).some(([k, v]) => !VALID.test(k) || !VALID.test(v))) {
    throw new InvalidArgumentException('Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.');
  }
  if (Object.keys(tags).some((k) => k.startsWith('aws:'))) {
    throw new InvalidArgumentException('Tag keys starting with "aws:" are reserved for system use.');
  }
}

export function mergeTags(existing: Record<string, string>, added: Record<string, string>, streamLabel: string): Record<string, string> {
  checkTagCharacters(added);
  const merged = { ...existing, ...added };
  if (Object.keys(merged).length > MAX_TAGS) {
    throw new InvalidArgumentException(`Failed to add tags to stream ${streamLabel}. The total number of tags for the stream cannot exceed ${MAX_TAGS}.`);
  }
  return merged;
}
