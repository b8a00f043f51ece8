/** Lambda entry point behind the HTTP API: every Runnel API call arrives here. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { accessKeyLookup } from '../auth/access-keys';
import { KMS_ENCRYPTED_TABLE } from '../auth/secret-box';
import { meteredDispatch } from '../cost/meter-edge';
import { createDispatcher } from '../protocol/dispatch';
import { SERVICES } from '../services';
import { cloudRuntime, ENV, meter } from './cloud-runtime';
import { requestOf, resultOf } from './http-event';

const runtime = cloudRuntime();
const dispatch = meteredDispatch(meter, createDispatcher(runtime, SERVICES, accessKeyLookup(runtime.ddb, process.env[ENV.accessKeysTable]!, KMS_ENCRYPTED_TABLE, runtime.clock)));

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return resultOf(await dispatch(requestOf(event)));
}
