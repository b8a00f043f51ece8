/**
 * The soak's verdict, from what producers were told and what consumers read. Each record attempt
 * has a unique id (producer, sequence, attempt) and a payload derived from it, so:
 *
 * - every acknowledged attempt is read exactly once by every consumer, at the shard and sequence
 *   number it was acknowledged with, with its payload intact (nothing lost, skipped or duplicated);
 * - an attempt reported as failed is never read (Runnel says failed records were never stored);
 * - an attempt whose request got no answer (killed producer, restart, 5xx) is read at most once;
 * - nothing else is read;
 * - within a shard, and within a partition key across resharding, sequence numbers only grow in
 *   read order (consumers finish parent shards before children, as the KCL does).
 */
export type Outcome = { kind: 'acked'; shardId: string; sequenceNumber: string } | { kind: 'failed' } | { kind: 'unknown' };

export interface ReadRecord {
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  data: Buffer;
}

export function attemptId(producer: number, seq: number, attempt: number): string {
  return `${producer}:${seq}:${attempt}`;
}

/** The bytes a record attempt carries: its id, then filler derived from it up to `size`. */
export function payloadOf(id: string, size: number): Buffer {
  const head = Buffer.from(`${id}|`);
  const out = Buffer.alloc(Math.max(size, head.length));
  head.copy(out);
  for (let i = head.length; i < out.length; i++) out[i] = (id.charCodeAt(i % id.length) + i) & 0xff;
  return out;
}

export interface Verdict {
  acknowledged: number;
  reportedFailed: number;
  unknown: number;
  readPerConsumer: number[];
  lost: number;
  duplicated: number;
  failedButRead: number;
  unexpected: number;
  corrupted: number;
  misplaced: number;
  outOfOrder: number;
  /** The first few violations, for the report. */
  examples: string[];
}

export function check(ledger: Map<string, Outcome>, consumers: ReadRecord[][]): Verdict {
  const v: Verdict = { acknowledged: 0, reportedFailed: 0, unknown: 0, readPerConsumer: [], lost: 0, duplicated: 0, failedButRead: 0, unexpected: 0, corrupted: 0, misplaced: 0, outOfOrder: 0, examples: [] };
  const flag = (counter: keyof Verdict, text: string) => {
    (v[counter] as number)++;
    if (v.examples.length < 20) v.examples.push(text);
  };
  for (const o of ledger.values()) {
    if (o.kind === 'acked') v.acknowledged++;
    else if (o.kind === 'failed') v.reportedFailed++;
    else v.unknown++;
  }
  consumers.forEach((reads, c) => {
    v.readPerConsumer.push(reads.length);
    const seen = new Map<string, number>();
    const lastInShard = new Map<string, bigint>();
    const lastForKey = new Map<string, bigint>();
    for (const r of reads) {
      const id = r.data.subarray(0, r.data.indexOf(0x7c)).toString();
      const outcome = ledger.get(id);
      const seq = BigInt(r.sequenceNumber);
      if ((lastInShard.get(r.shardId) ?? -1n) >= seq) flag('outOfOrder', `consumer ${c}: ${r.shardId} went back to ${r.sequenceNumber}`);
      if ((lastForKey.get(r.partitionKey) ?? -1n) >= seq) flag('outOfOrder', `consumer ${c}: key ${r.partitionKey} went back to ${r.sequenceNumber} (${r.shardId})`);
      lastInShard.set(r.shardId, seq);
      lastForKey.set(r.partitionKey, seq);
      if (!outcome) {
        flag('unexpected', `consumer ${c}: read ${JSON.stringify(id.slice(0, 40))} that no producer sent`);
        continue;
      }
      seen.set(id, (seen.get(id) ?? 0) + 1);
      if (!payloadOf(id, r.data.length).equals(r.data)) flag('corrupted', `consumer ${c}: ${id} payload differs`);
      if (outcome.kind === 'failed') flag('failedButRead', `consumer ${c}: ${id} was reported failed but is stored`);
      if (outcome.kind === 'acked' && (outcome.shardId !== r.shardId || outcome.sequenceNumber !== r.sequenceNumber)) {
        flag('misplaced', `consumer ${c}: ${id} acknowledged as ${outcome.shardId}/${outcome.sequenceNumber}, read at ${r.shardId}/${r.sequenceNumber}`);
      }
    }
    for (const [id, n] of seen) if (n > 1) flag('duplicated', `consumer ${c}: ${id} read ${n} times`);
    for (const [id, o] of ledger) if (o.kind === 'acked' && !seen.has(id)) flag('lost', `consumer ${c}: acknowledged ${id} (${o.shardId}/${o.sequenceNumber}) never read`);
  });
  return v;
}

/** True when the verdict finds nothing wrong. */
export function clean(v: Verdict): boolean {
  return v.lost + v.duplicated + v.failedButRead + v.unexpected + v.corrupted + v.misplaced + v.outOfOrder === 0;
}
