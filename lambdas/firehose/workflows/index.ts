/** The Firehose service's workflows and their task handler, for the workflow registry. */
export { FIREHOSE_FLUSH } from './flush';
export { DELIVERY_STREAM_LIFECYCLE } from './lifecycle';
export { FIREHOSE_SOURCES } from './sources';
export { runFirehoseTask } from './tasks';
