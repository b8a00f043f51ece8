/** Lambda entry point for the Task states of the stream workflows. */
import { runStreamTask } from '../kinesis/workflows/tasks';
import { cloudRuntime } from './cloud-runtime';

const runtime = cloudRuntime();

export function handler(event: { task: string }): Promise<unknown> {
  return runStreamTask(runtime, event);
}
