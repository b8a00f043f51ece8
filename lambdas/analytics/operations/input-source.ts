/**
 * Where a run's input records come from, with the place to resume from held in memory until the
 * run saves it with the engine's snapshot (never ahead of it):
 *
 * - `KinesisStreamsInput`: the stream through Kinesis's checkpointed reader (per-shard checkpoints).
 *   With a preprocessor, KPL aggregates are handed over whole, as KDA does (de-aggregating them is
 *   one of the preprocessor's documented jobs); without one they are de-aggregated.
 * - `KinesisFirehoseInput`: the application's tap on the delivery stream (Firehose's public tap
 *   port), from the last item taken. The tap is the application id, opened by StartApplication, so
 *   every record a PutRecord(Batch) begun after StartApplication returned puts is read exactly once
 *   per successful run, whenever Firehose flushes its buffer to S3.
 */
import { readTap } from '../../firehose/taps';
import { readNewRecords, type ShardCheckpoint, type StreamRecord } from '../../kinesis/reader';
import type { Runtime } from '../../runtime/context';
import type { ApplicationItem } from '../domain/application';
import type { SourceRecord } from '../domain/lambda-events';
import type { RuntimeState } from '../store/runtime-state';

/** Bytes a Firehose input takes per tap read, and reads per run: a backlog is worked off over several runs. */
const TAP_READ_BYTES = 4 * 1024 * 1024;
const TAP_READS_PER_RUN = 10;

export interface InputPosition {
  checkpoints: Record<string, ShardCheckpoint>;
  firehoseAfter?: string;
}

/** A stream record as a run hands it on; a de-aggregated user record's id also names its place in the aggregate. */
export const sourceRecordOf = (r: StreamRecord): SourceRecord => ({
  recordId: r.subSequenceNumber === undefined ? r.sequenceNumber : `${r.sequenceNumber}:${r.subSequenceNumber}`,
  data: r.data,
  arrival: r.arrival,
  kinesis: { shardId: r.shardId, sequenceNumber: r.sequenceNumber, partitionKey: r.partitionKey },
});

export const sourceArnOf = (app: ApplicationItem): string => (app.inputs[0].KinesisStreamsInput ?? app.inputs[0].KinesisFirehoseInput)!.ResourceARN!;

/** Hands every new record to `consume`, batch by batch, in order; returns the position after them. */
export async function readInput(rt: Runtime, app: ApplicationItem, state: RuntimeState, consume: (batch: SourceRecord[]) => Promise<void>): Promise<InputPosition> {
  const input = app.inputs[0];
  const position: InputPosition = { checkpoints: { ...state.checkpoints }, firehoseAfter: state.firehoseAfter };
  if (input.KinesisFirehoseInput) {
    for (let i = 0; i < TAP_READS_PER_RUN; i++) {
      const slice = await readTap(rt, input.KinesisFirehoseInput.ResourceARN!, app.id, position.firehoseAfter, TAP_READ_BYTES);
      if (!slice.records.length) break;
      await consume(slice.records);
      position.firehoseAfter = slice.after;
    }
    return position;
  }
  await readNewRecords(rt, {
    streamArn: input.KinesisStreamsInput!.ResourceARN!,
    start: state.start,
    deaggregate: !input.InputProcessingConfiguration,
    checkpoints: { load: async (shard) => position.checkpoints[shard], save: async (shard, cp) => void (position.checkpoints[shard] = cp) },
    deliver: async (batch) => {
      await consume(batch.map(sourceRecordOf));
      return batch.length;
    },
  });
  return position;
}
