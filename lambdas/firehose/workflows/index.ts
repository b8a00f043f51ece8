/**
 * The Firehose service's workflows: their definitions (for the registry) and the functions that
 * start them (for the service's own actions). The task handler is tasks.ts.
 */
export { FIREHOSE_FLUSH, startFlush } from './flush';
export { DELIVERY_STREAM_LIFECYCLE, startDeliveryStreamLifecycle } from './lifecycle';
export { FIREHOSE_SOURCES } from './sources';
