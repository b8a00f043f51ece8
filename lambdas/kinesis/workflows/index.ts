/** The Kinesis service's workflows and their task handler, for the workflow registry. */
export { EXTEND_RETENTION } from './extend-retention';
export { ON_DEMAND_SCALING } from './on-demand-scaling';
export { RESHARD } from './reshard';
export { STREAM_LIFECYCLE } from './stream-lifecycle';
export { STREAM_UPDATE } from './stream-update';
export { runStreamTask } from './tasks';
