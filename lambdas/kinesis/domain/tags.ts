import { InvalidArgumentException } from '../../protocol/errors';
import { kinesisMessages } from './messages';

export const MAX_TAGS = 50;
const VALID = /^[\p{L}\p{Z}\p{N}_.\/=+\-%@:]*$/u;

/** Tag operations name the stream as the caller did; AWS words its refusals per operation. */
interface TaggedStream {
  label: string;
  account: string;
}

export function checkTagCharacters(tags: Record<string, string>): void {
  if (Object.entries(tags).some(([k, v]) => !VALID.test(k) || !VALID.test(v))) {
    throw new InvalidArgumentException('Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.');
  }
  if (Object.keys(tags).some((k) => k.startsWith('aws:'))) {
    throw new InvalidArgumentException('Tag keys starting with "aws:" are reserved for system use.');
  }
}

/** `%` passes the character check but not the tagging operations themselves. */
function checkNoPercent(texts: string[], failure: string): void {
  if (texts.some((t) => t.includes('%'))) {
    throw new InvalidArgumentException(`${failure} because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.`);
  }
}

export function mergeTags(existing: Record<string, string>, added: Record<string, string>, stream: TaggedStream): Record<string, string> {
  const failure = kinesisMessages.tagsNotAdded(stream.label, stream.account);
  checkTagCharacters(added);
  checkNoPercent([...Object.keys(added), ...Object.values(added)], failure);
  const merged = { ...existing, ...added };
  if (Object.keys(merged).length > MAX_TAGS) {
    throw new InvalidArgumentException(`${failure} because a given stream cannot have more than ${MAX_TAGS} tags associated with it.`);
  }
  return merged;
}

/** The keys RemoveTagsFromStream may name: the same characters AddTagsToStream accepts. */
export function checkTagKeys(keys: string[], stream: TaggedStream): void {
  checkTagCharacters(Object.fromEntries(keys.map((k) => [k, ''])));
  checkNoPercent(keys, kinesisMessages.tagsNotRemoved(stream.label, stream.account));
}
