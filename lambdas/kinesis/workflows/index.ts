/**
 * The Kinesis service's workflows: their definitions (for the registry) and the functions that
 * start them (for the service's own actions). The task handler is tasks.ts.
 */
export { CONSUMER_LIFECYCLE, startConsumerLifecycle } from './consumer-lifecycle';
export { EXTEND_RETENTION, startRetentionExtension } from './extend-retention';
export { ON_DEMAND_SCALING } from './on-demand-scaling';
export { RESHARD, startReshard } from './reshard';
export { STREAM_LIFECYCLE, startStreamLifecycle } from './stream-lifecycle';
export { STREAM_UPDATE, startStreamUpdate } from './stream-update';
