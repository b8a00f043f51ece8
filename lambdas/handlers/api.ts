/** Lambda entry point behind the HTTP API: every Runnel API call arrives here. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { firehoseService } from '../firehose/service';
import { kinesisService } from '../kinesis/service';
import { meteredDispatch } from '../cost/meter-edge';
import { accessKeyLookup } from '../kinesis/store/access-keys';
import { createDispatcher } from '../protocol/dispatch';
import { cloudRuntime, ENV, meter } from './cloud-runtime';

const runtime = cloudRuntime();
const dispatch = meteredDispatch(meter, createDispatcher(runtime, [kinesisService, firehoseService], accessKeyLookup(runtime.ddb, process.env[ENV.accessKeysTable]!)));

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  // Clients signed the CloudFront host name; the viewer-request function passes it on.
  if (headers['x-runnel-viewer-host']) headers['host'] = headers['x-runnel-viewer-host'];
  const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  const res = await dispatch({ method: event.requestContext.http.method, path: event.rawPath, headers, body });
  return { statusCode: res.status, headers: res.headers, body: res.body };
}
