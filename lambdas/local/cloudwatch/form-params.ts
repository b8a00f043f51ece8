/**
 * AWS Query requests: `Action=PutMetricData&Version=2010-08-01&Namespace=…&MetricData.member.1.Value=2`
 * (a form-encoded POST body, or the query string of a GET). The flat keys become the nested input
 * the JSON protocol would have sent: `X.member.N` (and a map's `X.entry.N`) is item N of list X,
 * `X.Y` is member Y of structure X. Values stay strings (wire-input.ts reads them).
 */
import { MalformedInput } from './errors';
import { MESSAGES } from './messages';
import type { Raw } from './wire-input';

export interface QueryRequest {
  action: string;
  input: Raw;
}

/**
 * CloudWatch's deepest parameter has 9 parts (`EntityMetricData.member.1.MetricData.member.1.Dimensions.member.1.Name`);
 * a key far deeper is no input of its operation, and would only nest (and recurse) without end.
 */
const MAX_KEY_PARTS = 24;

/** Parameters that belong to the request or its signature, not to the operation's input. */
const ENVELOPE = new Set(['Action', 'Version']);

export function queryRequest(params: URLSearchParams): QueryRequest {
  const flat: Array<[string, string]> = [];
  for (const [key, value] of params) if (!ENVELOPE.has(key) && !key.startsWith('X-Amz-')) flat.push([key, value]);
  return { action: params.get('Action') ?? '', input: unflatten(flat) };
}

type Node = { [key: string]: Node | string };
const LIST_MARK = '#';

function unflatten(pairs: Array<[string, string]>): Raw {
  // Null-prototype nodes: keys a client sends (`__proto__`, `constructor`) are only keys.
  const root: Node = Object.create(null);
  for (const [key, value] of pairs) {
    const parts = key.split('.', MAX_KEY_PARTS + 1);
    if (parts.length > MAX_KEY_PARTS) throw new MalformedInput(MESSAGES.malformedBody());
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      let part = parts[i];
      if ((part === 'member' || part === 'entry') && i + 1 < parts.length && /^\d+$/.test(parts[i + 1])) part = LIST_MARK + parts[++i];
      if (i === parts.length - 1) {
        node[part] = value;
        break;
      }
      const next = node[part];
      node = typeof next === 'object' ? next : (node[part] = Object.create(null) as Node);
    }
  }
  return shape(root) as Raw;
}

/** Nodes whose keys are all list items become arrays, in index order. */
function shape(node: Node | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length && keys.every((k) => k.startsWith(LIST_MARK))) {
    return keys.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).map((k) => shape(node[k]));
  }
  const out: Record<string, unknown> = Object.create(null);
  for (const k of keys) out[k] = shape(node[k]);
  return out;
}
