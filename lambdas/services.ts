/** Every API Runnel serves; both composition roots (Lambda handler, local host) dispatch to these. */
import { analyticsService } from './analytics/service';
import { analyticsV2Service } from './analytics/service-v2';
import { firehoseService } from './firehose/service';
import { kinesisService } from './kinesis/service';
import type { ServiceBinding } from './protocol/dispatch';

export const SERVICES: ServiceBinding[] = [kinesisService, firehoseService, analyticsService, analyticsV2Service];
