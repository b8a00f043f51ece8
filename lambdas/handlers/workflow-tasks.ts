/** Lambda entry point for the Task states of the stream workflows. */
import { meterTask } from '../cost/meter-workflows';
import { runStreamTask } from '../kinesis/workflows/tasks';
import { cloudRuntime, meter } from './cloud-runtime';

const runtime = cloudRuntime();

export const handler = meterTask(meter, (event: { task: string }) => runStreamTask(runtime, event));
