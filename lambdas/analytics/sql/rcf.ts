/**
 * Random Cut Forest (Guha et al., "Robust Random Cut Forest Based Anomaly Detection on Streams",
 * ICML 2016), the algorithm behind RANDOM_CUT_FOREST. Each tree holds a time-decayed sample of
 * recent points: a point's sampling key is log(−log U) − i/timeDecay (smaller keys stay, so newer
 * points are favoured), and the largest-keyed point is evicted when a newer one beats it. A point's
 * score is its collusive displacement (CoDisp) averaged over the trees it was inserted into: at each
 * ancestor, how many sample points would move if it were removed, relative to the size of its
 * side. Randomness is a seeded generator kept in the state, so a restored forest continues exactly
 * as the original would have.
 */

type Node = { d: number; v: number; l: Node; r: Node; n: number; lo: number[]; hi: number[] } | { p: number[]; n: number; lo: number[]; hi: number[] };

interface Tree {
  root?: Node;
  sample: { p: number[]; key: number }[];
}

export interface ForestState {
  trees: Tree[];
  seed: number;
  count: number;
  shingle: number[][];
}

const isLeaf = (n: Node): n is Extract<Node, { p: number[] }> => 'p' in n;

export class RandomCutForest {
  state: ForestState;

  constructor(
    trees = 100,
    private readonly sampleSize = 256,
    private readonly timeDecay = 100_000,
    private readonly shingleSize = 1,
  ) {
    this.state = { trees: Array.from({ length: trees }, () => ({ sample: [] })), seed: 0x5eed, count: 0, shingle: [] };
  }

  /** mulberry32: small, fast and reproducible from its 32-bit state. */
  private random(): number {
    let t = (this.state.seed = (this.state.seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Score the point, then let it into the samples it wins a place in. */
  update(point: number[]): number {
    const s = this.state;
    s.shingle.push(point);
    if (s.shingle.length > this.shingleSize) s.shingle.shift();
    if (s.shingle.length < this.shingleSize) return 0;
    const p = s.shingle.flat();
    const i = s.count++;
    let total = 0;
    let scored = 0;
    for (const tree of s.trees) {
      const key = Math.log(-Math.log(this.random() || Number.MIN_VALUE)) - i / this.timeDecay;
      if (tree.root) { tree.root = this.insert(tree.root, p); total += this.codisp(tree.root, p); scored++; } else tree.root = leaf(p);
      if (tree.sample.length < this.sampleSize) { tree.sample.push({ p, key }); continue; }
      let worst = 0;
      for (let j = 1; j < tree.sample.length; j++) if (tree.sample[j].key > tree.sample[worst].key) worst = j;
      if (tree.sample[worst].key > key) {
        tree.root = remove(tree.root, tree.sample[worst].p);
        tree.sample[worst] = { p, key };
      } else tree.root = remove(tree.root, p);
    }
    return scored ? total / scored : 0;
  }

  private insert(node: Node, p: number[]): Node {
    if (isLeaf(node) && node.p.every((x, k) => x === p[k])) { node.n++; return node; }
    let span = 0;
    for (let k = 0; k < p.length; k++) span += Math.max(node.hi[k], p[k]) - Math.min(node.lo[k], p[k]);
    let r = this.random() * span;
    for (let d = 0; d < p.length; d++) {
      const lo = Math.min(node.lo[d], p[d]);
      const width = Math.max(node.hi[d], p[d]) - lo;
      if (r >= width) { r -= width; continue; }
      const cut = lo + r;
      if (cut < node.lo[d]) return internal(d, cut, leaf(p), node);
      if (cut >= node.hi[d]) return internal(d, cut, node, leaf(p));
      break;
    }
    if (isLeaf(node)) return node;
    if (p[node.d] <= node.v) node.l = this.insert(node.l, p);
    else node.r = this.insert(node.r, p);
    return refresh(node);
  }

  private codisp(root: Node, p: number[]): number {
    let best = 0;
    for (let node = root; !isLeaf(node); ) {
      const [mine, other] = p[node.d] <= node.v ? [node.l, node.r] : [node.r, node.l];
      best = Math.max(best, other.n / mine.n);
      node = mine;
    }
    return best;
  }
}

function leaf(p: number[]): Node {
  return { p, n: 1, lo: p, hi: p };
}

function internal(d: number, v: number, l: Node, r: Node): Node {
  return refresh({ d, v, l, r, n: 0, lo: [], hi: [] });
}

function refresh(node: Node): Node {
  if (isLeaf(node)) return node;
  node.n = node.l.n + node.r.n;
  node.lo = node.l.lo.map((x, k) => Math.min(x, node.r.lo[k]));
  node.hi = node.l.hi.map((x, k) => Math.max(x, node.r.hi[k]));
  return node;
}

/** The tree without one copy of p (found by following the cuts). */
function remove(node: Node | undefined, p: number[]): Node | undefined {
  if (!node) return undefined;
  if (isLeaf(node)) {
    if (!node.p.every((x, k) => x === p[k])) return node;
    node.n--;
    return node.n > 0 ? node : undefined;
  }
  const left = p[node.d] <= node.v;
  const child = remove(left ? node.l : node.r, p);
  if (!child) return left ? node.r : node.l;
  if (left) node.l = child;
  else node.r = child;
  return refresh(node);
}
