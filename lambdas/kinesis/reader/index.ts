/** The Kinesis service's public reader port: other services consume streams only through it. */
export { readNewRecords, type CheckpointStore, type ShardCheckpoint, type StartingPosition, type StreamConsumer, type StreamRecord } from './stream-reader';
