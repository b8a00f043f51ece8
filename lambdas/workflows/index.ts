/** Every workflow Runnel deploys; CDK and the local runner both iterate this list. */
import { RESHARD } from './reshard';
import { STREAM_LIFECYCLE } from './stream-lifecycle';

export const WORKFLOWS = [STREAM_LIFECYCLE, RESHARD];
