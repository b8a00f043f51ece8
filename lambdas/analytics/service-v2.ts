import type { ServiceBinding } from '../protocol/dispatch';
import type { ServiceModel } from '../protocol/service-model';
import model from '../protocol/generated/kinesis-analytics-v2.json';
import { analyticsV2Actions } from './actions/v2';

export const analyticsV2Service: ServiceBinding = { model: model as unknown as ServiceModel, actions: analyticsV2Actions };
