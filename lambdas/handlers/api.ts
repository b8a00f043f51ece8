/** Lambda entry point of the front function (behind the HTTP API or its function URL): every Runnel API call arrives here. */
import { accessKeyLookup } from '../auth/access-keys';
import { TABLE_ENCRYPTED_AT_REST } from '../auth/secret-box';
import { meteredDispatch } from '../cost/meter-edge';
import { createDispatcher } from '../protocol/dispatch';
import { SERVICES } from '../services';
import { cloudRuntime, ENV, meter } from './cloud-runtime';
import { lambdaHttpHandler } from './http-event';

const runtime = cloudRuntime();
const dispatch = meteredDispatch(meter, createDispatcher(runtime, SERVICES, accessKeyLookup(runtime.ddb, process.env[ENV.accessKeysTable]!, TABLE_ENCRYPTED_AT_REST, runtime.clock)));

export const handler = lambdaHttpHandler(dispatch);
