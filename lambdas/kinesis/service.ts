import type { ServiceBinding } from '../protocol/dispatch';
import type { ServiceModel } from '../protocol/service-model';
import model from '../protocol/generated/kinesis.json';
import { kinesisActions } from './actions';

export const kinesisService: ServiceBinding = { model: model as unknown as ServiceModel, actions: kinesisActions };
