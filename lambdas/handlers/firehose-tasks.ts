/** Lambda entry point for the Task states of the Firehose workflows. */
import { meterTask } from '../cost/meter-workflows';
import { runFirehoseTask } from '../firehose/workflows/tasks';
import { cloudRuntime, meter } from './cloud-runtime';

const runtime = cloudRuntime();

export const handler = meterTask(meter, (event: { task: string }) => runFirehoseTask(runtime, event));
