/**
 * One run of a RUNNING application: restore its engine, feed it what is new on its input (a
 * Kinesis stream, or its tap on a Firehose delivery stream; operations/input-source.ts), through
 * the input's Lambda preprocessor if it has one, mapped by the InputSchema (ROWTIME = the time
 * the row is read), move time to now so windows close without input, deliver what the pumps wrote
 * to the outputs (Kinesis, Firehose or Lambda), and only then save state and checkpoints together
 * (operations run to completion or not at all: a failed delivery or preprocessing leaves the state
 * as it was, and the next run reads the same records again — at-least-once, as KDA).
 */
import { writeToDeliveryStream } from '../../firehose/writer';
import { writeToStream } from '../../kinesis/writer';
import type { Runtime } from '../../runtime/context';
import type { Json } from '../sql/codec';
import type { Engine, OutputRow } from '../sql/engine';
import { mapRecord, type SourceSchema } from '../sql/input-schema';
import { formatRow } from '../sql/output-format';
import { inAppStreamNames, type ApplicationItem, type StoredOutput } from '../domain/application';
import { buildEngine } from '../domain/configuration';
import { lambdaFunctionOf, type SourceRecord } from '../domain/lambda-events';
import { analyticsMessages as m } from '../domain/messages';
import { readInput, sourceArnOf } from './input-source';
import { deliverToLambda } from './lambda-output';
import { preprocess } from './preprocess';
import { loadReferenceTables } from './reference-data';
import { claimRun, loadRuntimeState, releaseRun, saveRuntimeState } from '../store/runtime-state';

/** Longer than a run can take (Lambda's 15-minute limit), so a lease outlives its run only if the run died. */
const RUN_LEASE_MS = 15 * 60_000;

export interface RunResult {
  records: number;
  rows: number;
}

/** With parallelism, a Kinesis input's shards are spread over the in-application streams, a Firehose input's records in turn. */
function streamOf(streams: string[], r: SourceRecord, position: number): string {
  const index = r.kinesis ? Number(r.kinesis.shardId.slice(r.kinesis.shardId.indexOf('-') + 1)) : position;
  return streams[index % streams.length];
}

async function feed(rt: Runtime, engine: Engine, app: ApplicationItem, records: SourceRecord[]): Promise<void> {
  const input = app.inputs[0];
  const streams = inAppStreamNames(input);
  const lambda = input.InputProcessingConfiguration?.InputLambdaProcessor;
  let rows: { record: SourceRecord; data: Uint8Array }[] = records.map((record) => ({ record, data: record.data }));
  const now = rt.clock();
  if (lambda) {
    const processed = await preprocess(rt, lambdaFunctionOf(lambda), app.arn, sourceArnOf(app), records);
    for (const r of processed.failed) engine.rejectRecord(r.data, m.processingFailed(r.recordId, lambda.ResourceARN!), now, 'ProcessingFailed');
    rows = processed.ok;
  }
  rows.forEach(({ record, data }, i) => {
    const mapped = mapRecord(input.InputSchema as SourceSchema, data);
    const stream = streamOf(streams, record, i);
    if ('rows' in mapped) for (const row of mapped.rows) engine.insert(stream, row, now, record.arrival);
    else engine.rejectRecord(data, mapped.error, now);
  });
}

async function deliver(rt: Runtime, app: ApplicationItem, engine: Engine, output: StoredOutput, rows: OutputRow[]): Promise<void> {
  const columns = engine.columnsOf(output.Name!);
  const data = rows.map((o) => Buffer.from(formatRow(output.DestinationSchema!.RecordFormatType!, columns, o.values)));
  if (!data.length) return;
  if (output.LambdaOutput) return deliverToLambda(rt, lambdaFunctionOf(output.LambdaOutput), app.arn, data);
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
  let records = 0;
  const position = await readInput(rt, app, state, async (batch) => {
    await feed(rt, engine, app, batch);
    records += batch.length;
  });
  engine.advanceTime(rt.clock());
  const out = engine.takeOutput();
  for (const output of app.outputs) await deliver(rt, app, engine, output, out.filter((o) => o.stream === output.Name));
  await saveRuntimeState(rt, app.id, { ...state, versionId: app.versionId, ...position, snapshot: engine.snapshot() });
  return { records, rows: out.length };
}
