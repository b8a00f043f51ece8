/** Every workflow Runnel deploys; CDK and the local runner both iterate this list. */
import { EXTEND_RETENTION } from './extend-retention';
import { FIREHOSE_FLUSH } from './firehose-flush';
import { FIREHOSE_LIFECYCLE } from './firehose-lifecycle';
import { FIREHOSE_SOURCES } from './firehose-sources';
import { ON_DEMAND_SCALING } from './on-demand-scaling';
import { RESHARD } from './reshard';
import { STREAM_LIFECYCLE } from './stream-lifecycle';
import { STREAM_UPDATE } from './stream-update';

export const WORKFLOWS = [STREAM_LIFECYCLE, RESHARD, STREAM_UPDATE, EXTEND_RETENTION, ON_DEMAND_SCALING, FIREHOSE_LIFECYCLE, FIREHOSE_FLUSH, FIREHOSE_SOURCES];
