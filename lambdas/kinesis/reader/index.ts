/** The Kinesis service's public reader port: other services consume streams only through it. */
export { readNewRecords, type CheckpointStore, type ShardCheckpoint, type StartingPosition, type StreamConsumer, type StreamRecord } from './stream-reader';
// A reader with nothing left to read may sleep until the stream's next write wakes it.
export { WAKE_VISIBLE_AFTER_MS, wakeOnNextWrite } from '../operations/wake-on-write';
