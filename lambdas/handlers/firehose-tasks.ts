/** Lambda entry point for the Task states of the Firehose workflows. */
import { runFirehoseTask } from '../firehose/workflows/tasks';
import { cloudRuntime } from './cloud-runtime';

const runtime = cloudRuntime();

export function handler(event: { task: string }): Promise<unknown> {
  return runFirehoseTask(runtime, event);
}
