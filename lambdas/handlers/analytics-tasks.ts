/** Lambda entry point for the Task states of the Kinesis Analytics workflows. */
import { meterTask } from '../cost/meter-workflows';
import { runAnalyticsTask } from '../analytics/workflows/tasks';
import { cloudRuntime, meter } from './cloud-runtime';

const runtime = cloudRuntime();

export const handler = meterTask(meter, (event: { task: string }) => runAnalyticsTask(runtime, event));
