/** Lambda entry point for the Task states of the stream workflows. */
import { TASK_FUNCTIONS } from '../workflows/registry';
import { cloudRuntime } from './cloud-runtime';

const runtime = cloudRuntime();

export function handler(event: { task: string }): Promise<unknown> {
  return TASK_FUNCTIONS.streamTasks(runtime, event);
}
