/**
 * The Analytics service's workflows: their definitions (for the registry) and the functions that
 * start them (for the service's own actions). The task handler is tasks.ts.
 */
export { APPLICATION_LIFECYCLE, startApplicationLifecycle } from './lifecycle';
export { ANALYTICS_RUNNER } from './runner';
