/**
 * The front door's lines of Runnel's bill, for the edge the deployment chose (edges.ts). Every
 * request is counted the same way whatever the edge (the meter cannot tell them apart): one
 * request at the edge, its 512 KB API units, the bytes sent to the origin and the bytes answered.
 * What they cost depends on what is in the path:
 * - CloudFront: its HTTPS requests, one CloudFront Functions run (viewer Host header, routing of
 *   SubscribeToShard), bytes to the origin, and the answers at CloudFront's data transfer out rates;
 * - no CloudFront: the answers leave the Region at its internet rates (Lambda and API Gateway bill
 *   data transfer out as EC2 does); data in is free. Clients in the Region (`clients: 'region'`)
 *   pay none: Lambda charges transfer only to and from outside the Region where it runs (the
 *   Lambda pricing page); API Gateway is taken to do the same;
 * - API Gateway: its requests in 512 KB units; a function URL instead adds no charge of its own
 *   (the invocation is billed with the other Lambda requests).
 */
import { GB } from './billing-rules';
import { UNITS, type Counters } from './counters';
import { EDGES, type Edge } from './edges';
import type { Bill } from './line-items';

export function priceEdge(bill: Bill, edge: Edge, totals: Counters, clients: 'internet' | 'region' = 'internet'): Bill {
  const t = (u: keyof Counters) => totals[u] ?? 0;
  const path = EDGES[edge];
  const origin = path.apiGateway ? 'the HTTP API' : 'the function URL';
  if (path.cloudfront) {
    bill
      .add('cloudfront.requests', t(UNITS.cloudfrontRequests))
      .add('cloudfront.functions', t(UNITS.cloudfrontFunctions), 'CloudFront Functions (viewer Host header, SubscribeToShard routing)')
      .add('cloudfront.to_origin', t(UNITS.cloudfrontBytesToOrigin) / GB, `Requests to the origin (${origin})`)
      .add('cloudfront.dto', t(UNITS.cloudfrontBytesOut) / GB, 'Responses to clients (data transfer out)');
  } else if (clients === 'internet') {
    bill.add('dt.internet_out', t(UNITS.cloudfrontBytesOut) / GB, `Responses to clients (data transfer out of the Region from ${origin})`);
  }
  if (path.apiGateway) bill.add('apigw.http.requests', t(UNITS.apiUnits));
  else bill.add('lambda.url.requests', t(UNITS.apiRequests));
  return bill;
}
