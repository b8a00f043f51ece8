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

/*
 * Firehose. Each record attempt is one self-identifying JSON line (producer, counter, attempt,
 * filler derived from them, trailing newline), so records can be told apart in the objects the
 * delivery stream wrote (GZIP, concatenated with no delimiter of Firehose's own):
 *
 * - every acknowledged attempt (PutRecord success, a PutRecordBatch entry with a RecordId) is in
 *   S3 at least once, intact (nothing lost);
 * - an attempt reported failed or left unanswered may or may not be there (Firehose promises
 *   nothing about those), and is counted;
 * - nothing else is there, and every line is whole;
 * - duplicates (an attempt delivered more than once) are counted apart. Two things deliver a
 *   record twice, as Firehose may (at-least-once): a flush that crashed after writing its object
 *   and before deleting what it delivered is retried and writes those records again; and a
 *   buffer write whose answer was lost after it took effect is sent again (by the SDK's retries
 *   or the buffer's own), and if a flush delivered and deleted the records in between, the resend
 *   puts them back. Both are counted exactly: failed flush task calls by the local workflow
 *   runner, buffer writes that took effect but failed by the storage fault injector. When neither
 *   happened, a duplicate fails the run (exactly once); otherwise duplicates are reported and
 *   only at-least-once is asserted, since which records were affected is not recorded.
 */
export type FirehoseOutcome = 'acked' | 'failed' | 'unknown';

export function firehoseAttemptId(producer: number, seq: number, attempt: number): string {
  return `f${producer}:${seq}:${attempt}`;
}

/** One record attempt's bytes: a JSON line of about `size` bytes, its filler derived from its id. */
export function firehoseRecord(producer: number, seq: number, attempt: number, size: number): string {
  const id = firehoseAttemptId(producer, seq, attempt);
  const filler = Array.from({ length: Math.max(0, size - 48) }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[(id.charCodeAt(i % id.length) + i) % 26]).join('');
  return `${JSON.stringify({ p: producer, n: seq, a: attempt, len: size, x: filler })}\n`;
}

export interface DeliveredObject {
  key: string;
  /** Decompressed content. */
  body: Buffer;
}

export interface FirehoseVerdict {
  acknowledged: number;
  reportedFailed: number;
  unknown: number;
  objects: number;
  /** Records (lines) found in S3, duplicates included. */
  delivered: number;
  /** Acknowledged attempts found in S3. */
  verified: number;
  lost: number;
  /** Attempts found more than once (each counted once). */
  duplicated: number;
  /** Extra copies beyond the first, over all duplicated attempts. */
  extraCopies: number;
  /** Flush task calls that failed (each may have written an object it then delivered again). */
  crashedFlushes: number;
  /** Buffer writes that took effect but were answered with an error, so were sent again. */
  ambiguousBufferWrites: number;
  /** True when neither happened, so duplicates fail the run. */
  exactlyOnceExpected: boolean;
  failedButDelivered: number;
  unknownDelivered: number;
  unexpected: number;
  corrupted: number;
  examples: string[];
}

export function checkFirehose(ledger: Map<string, FirehoseOutcome>, objects: DeliveredObject[], causes: { crashedFlushes: number; ambiguousBufferWrites: number }): FirehoseVerdict {
  const v: FirehoseVerdict = {
    acknowledged: 0,
    reportedFailed: 0,
    unknown: 0,
    objects: objects.length,
    delivered: 0,
    verified: 0,
    lost: 0,
    duplicated: 0,
    extraCopies: 0,
    ...causes,
    exactlyOnceExpected: causes.crashedFlushes + causes.ambiguousBufferWrites === 0,
    failedButDelivered: 0,
    unknownDelivered: 0,
    unexpected: 0,
    corrupted: 0,
    examples: [],
  };
  const flag = (counter: 'lost' | 'duplicated' | 'unexpected' | 'corrupted', text: string) => {
    v[counter]++;
    if (v.examples.length < 20) v.examples.push(text);
  };
  for (const o of ledger.values()) {
    if (o === 'acked') v.acknowledged++;
    else if (o === 'failed') v.reportedFailed++;
    else v.unknown++;
  }
  const seen = new Map<string, number>();
  for (const object of objects) {
    const text = object.body.toString();
    if (text.length && !text.endsWith('\n')) flag('corrupted', `${object.key}: does not end with a whole record`);
    for (const line of text.split('\n').slice(0, -1)) {
      v.delivered++;
      let r: { p?: unknown; n?: unknown; a?: unknown; len?: unknown };
      try {
        r = JSON.parse(line);
      } catch {
        flag('corrupted', `${object.key}: ${JSON.stringify(line.slice(0, 60))} is not a record`);
        continue;
      }
      const [p, n, a, len] = [r.p, r.n, r.a, r.len].map(Number);
      const id = firehoseAttemptId(p, n, a);
      if (!ledger.has(id)) {
        flag('unexpected', `${object.key}: ${JSON.stringify(line.slice(0, 60))} that no producer sent`);
        continue;
      }
      if (firehoseRecord(p, n, a, len) !== `${line}\n`) flag('corrupted', `${object.key}: ${id} differs from what was sent`);
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
  }
  for (const [id, n] of seen) {
    const outcome = ledger.get(id)!;
    if (outcome === 'acked') v.verified++;
    else if (outcome === 'failed') v.failedButDelivered++;
    else v.unknownDelivered++;
    if (n > 1) {
      v.extraCopies += n - 1;
      flag('duplicated', `${id} (${outcome}) delivered ${n} times`);
    }
  }
  for (const [id, o] of ledger) if (o === 'acked' && !seen.has(id)) flag('lost', `acknowledged ${id} is in no object`);
  return v;
}

/** True when the Firehose verdict finds nothing wrong: duplicates only where something explains them. */
export function cleanFirehose(v: FirehoseVerdict): boolean {
  return v.lost + v.unexpected + v.corrupted === 0 && (v.duplicated === 0 || !v.exactlyOnceExpected);
}
