/**
 * The JSONPath subset KDA input mappings use: `$`, `.name`, `['name']`, `[n]` and `[0:]` (every
 * element of an array). A `[0:]` at the end of a column mapping takes the whole array as one value;
 * followed by more steps it flattens: one row per element.
 */
export type Step = { key: string } | { index: number } | { all: true };

export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  const re = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]|\[0:\]/gy;
  let text = path.trim();
  if (!text.startsWith('$')) throw new Error(`JSONPath must start with $: ${path}`);
  text = text.slice(1);
  re.lastIndex = 0;
  while (re.lastIndex < text.length) {
    const at = re.lastIndex;
    const m = re.exec(text);
    if (!m || m.index !== at) throw new Error(`Unsupported JSONPath: ${path}`);
    steps.push(m[1] !== undefined ? { key: m[1] } : m[2] !== undefined ? { key: m[2] } : m[3] !== undefined ? { index: Number(m[3]) } : { all: true });
  }
  return steps;
}

/** Follow steps with no flattening (`[0:]` keeps the array itself); undefined when absent. */
export function follow(node: unknown, steps: Step[]): unknown {
  let n = node;
  for (const s of steps) {
    if (n === null || typeof n !== 'object') return undefined;
    if ('key' in s) n = Array.isArray(n) ? undefined : (n as Record<string, unknown>)[s.key];
    else if ('index' in s) n = Array.isArray(n) ? n[s.index] : undefined;
    else if (!Array.isArray(n)) return undefined;
  }
  return n;
}

/** Index of the first `[0:]` that has steps after it (the flattening point), or -1. */
export function flattenAt(steps: Step[]): number {
  return steps.findIndex((s, i) => 'all' in s && i < steps.length - 1);
}

export function samePrefix(a: Step[], b: Step[], n: number): boolean {
  for (let i = 0; i < n; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}
