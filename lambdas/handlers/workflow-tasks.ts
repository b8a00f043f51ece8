/** Lambda entry point for the Task states of the stream workflows. */
import { runStreamTask } from '../workflows/stream-tasks';
import { cloudRuntime } from './cloud-runtime';

const runtime = cloudRuntime();

export function handler(event: Parameters<typeof runStreamTask>[1]): Promise<unknown> {
  return runStreamTask(runtime, event);
}
