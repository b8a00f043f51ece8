/** Every workflow Runnel deploys; CDK and the local runner both iterate this list. */
import { ON_DEMAND_SCALING } from './on-demand-scaling';
import { RESHARD } from './reshard';
import { STREAM_LIFECYCLE } from './stream-lifecycle';
import { STREAM_UPDATE } from './stream-update';

export const WORKFLOWS = [STREAM_LIFECYCLE, RESHARD, STREAM_UPDATE, ON_DEMAND_SCALING];
