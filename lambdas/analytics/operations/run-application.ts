/**
 * One run of a RUNNING application: restore its engine, feed it what is new on its Kinesis input
 * (mapped by the InputSchema, ROWTIME = the time the row is read), move time to now so windows
 * close without input, deliver what the pumps wrote to the outputs, and only then save state and
 * checkpoints together (operations run to completion or not at all: a failed delivery leaves the
 * state as it was, and the next run reads the same records again — at-least-once, as KDA).
 */
import { writeToDeliveryStream } from '../../firehose/writer';
import { readNewRecords, type ShardCheckpoint, type StreamRecord } from '../../kinesis/reader';
import { writeToStream } from '../../kinesis/writer';
import type { Runtime } from '../../runtime/context';
import type { Json } from '../sql/codec';
import type { Engine, OutputRow } from '../sql/engine';
import { mapRecord, type SourceSchema } from '../sql/input-schema';
import { formatRow } from '../sql/output-format';
import { inAppStreamNames, type ApplicationItem, type StoredOutput } from '../domain/application';
import { buildEngine } from '../domain/configuration';
import { loadReferenceTables } from './reference-data';
import { claimRun, loadRuntimeState, releaseRun, saveRuntimeState } from '../store/runtime-state';

/** Longer than a run can take (Lambda's 15-minute limit), so a lease outlives its run only if the run died. */
const RUN_LEASE_MS = 15 * 60_000;

export interface RunResult {
  records: number;
  rows: number;
}

function feed(engine: Engine, app: ApplicationItem, records: StreamRecord[], now: number): void {
  const input = app.inputs[0];
  const streams = inAppStreamNames(input);
  for (const r of records) {
    // With parallelism, shards are spread over the in-application streams.
    const stream = streams[Number(r.shardId.slice(r.shardId.indexOf('-') + 1)) % streams.length];
    const mapped = mapRecord(input.InputSchema as SourceSchema, r.data);
    if ('rows' in mapped) for (const row of mapped.rows) engine.insert(stream, row, now, r.arrival);
    else engine.rejectRecord(r.data, mapped.error, now);
  }
}

async function deliver(rt: Runtime, engine: Engine, output: StoredOutput, rows: OutputRow[]): Promise<void> {
  const columns = engine.columnsOf(output.Name!);
  const data = rows.map((o) => Buffer.from(formatRow(output.DestinationSchema!.RecordFormatType!, columns, o.values)));
  if (!data.length) return;
  const stored = output.KinesisStreamsOutput
    ? await writeToStream(rt, output.KinesisStreamsOutput.ResourceARN!, data.map((d) => ({ data: d, partitionKey: Math.floor(rt.random() * 2 ** 48).toString(16) })))
    : await writeToDeliveryStream(rt, output.KinesisFirehoseOutput!.ResourceARN!, data);
  if (stored < data.length) throw new Error(`output ${output.OutputId} took ${stored} of ${data.length} records`);
}

export async function runApplication(rt: Runtime, app: ApplicationItem): Promise<RunResult> {
  if (!(await claimRun(rt, app.id, RUN_LEASE_MS))) return { records: 0, rows: 0 };
  try {
    return await runClaimed(rt, app);
  } catch (e) {
    await releaseRun(rt, app.id);
    throw e;
  }
}

async function runClaimed(rt: Runtime, app: ApplicationItem): Promise<RunResult> {
  const state = (await loadRuntimeState(rt, app.id))!;
  const engine = buildEngine(app, await loadReferenceTables(rt, app));
  // A snapshot is only valid for the code that took it: a new version starts with empty windows.
  if (state.snapshot !== undefined && state.versionId === app.versionId) engine.restore(state.snapshot as Json);
  const checkpoints: Record<string, ShardCheckpoint> = { ...state.checkpoints };
  let records = 0;
  await readNewRecords(rt, {
    streamArn: app.inputs[0].KinesisStreamsInput!.ResourceARN!,
    start: state.start,
    // Held in memory and saved with the snapshot, never ahead of it.
    checkpoints: { load: async (shard) => checkpoints[shard], save: async (shard, cp) => void (checkpoints[shard] = cp) },
    deliver: async (batch) => {
      feed(engine, app, batch, rt.clock());
      records += batch.length;
      return batch.length;
    },
  });
  engine.advanceTime(rt.clock());
  const out = engine.takeOutput();
  for (const output of app.outputs) await deliver(rt, engine, output, out.filter((o) => o.stream === output.Name));
  await saveRuntimeState(rt, app.id, { ...state, versionId: app.versionId, checkpoints, snapshot: engine.snapshot() });
  return { records, rows: out.length };
}
