import type { ServiceBinding } from '../protocol/dispatch';
import type { ServiceModel } from '../protocol/service-model';
import model from '../protocol/generated/firehose.json';
import { firehoseActions } from './actions';

export const firehoseService: ServiceBinding = { model: model as unknown as ServiceModel, actions: firehoseActions };
