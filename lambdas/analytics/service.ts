import type { ServiceBinding } from '../protocol/dispatch';
import type { ServiceModel } from '../protocol/service-model';
import model from '../protocol/generated/kinesis-analytics.json';
import { analyticsActions } from './actions';

export const analyticsService: ServiceBinding = { model: model as unknown as ServiceModel, actions: analyticsActions };
