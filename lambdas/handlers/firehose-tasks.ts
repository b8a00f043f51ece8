/** Lambda entry point for the Task states of the Firehose workflows. */
import { TASK_FUNCTIONS } from '../workflows/registry';
import { cloudRuntime } from './cloud-runtime';

const runtime = cloudRuntime();

export function handler(event: { task: string }): Promise<unknown> {
  return TASK_FUNCTIONS.firehoseTasks(runtime, event);
}
