/** Lambda entry point behind the HTTP API: every Runnel API call arrives here. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { firehoseService } from '../firehose/service';
import { kinesisService } from '../kinesis/service';
import { accessKeyLookup } from '../kinesis/store/access-keys';
import { createDispatcher } from '../protocol/dispatch';
import { cloudRuntime, ENV } from './cloud-runtime';
import { requestOf, resultOf } from './http-event';

const runtime = cloudRuntime();
const dispatch = createDispatcher(runtime, [kinesisService, firehoseService], accessKeyLookup(runtime.ddb, process.env[ENV.accessKeysTable]!));

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return resultOf(await dispatch(requestOf(event)));
}
