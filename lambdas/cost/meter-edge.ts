/**
 * Metering at the edge: every API request is one CloudFront request (and one CloudFront Functions
 * run), one HTTP API request in 512 KB units, and one invocation of the front Lambda. Bytes to
 * the origin and back out are counted as HTTP/1.1 messages (body and header lines), which is how
 * CloudFront meters them.
 */
import { isStreamed, type HttpRequest, type HttpResponse, type StreamedHttpResponse } from '../protocol/http';
import { apiRequestUnits } from './billing-rules';
import { UNITS, type Counters } from './counters';
import type { Meter } from './meter';

const SERVICES: Record<string, string> = { Kinesis_20131202: 'Kinesis', Firehose_20150804: 'Firehose' };

/** The operation a request names, e.g. `Kinesis.PutRecords`. */
export function operationLabel(target: string | undefined): string {
  const [prefix, operation] = (target ?? '').split('.');
  return operation ? `${SERVICES[prefix] ?? prefix}.${operation}` : '(unknown operation)';
}

function headerBytes(headers: Record<string, string | undefined>): number {
  return Object.entries(headers).reduce((n, [k, v]) => n + (v === undefined ? 0 : k.length + v.length + 4), 0);
}

/** A streamed answer (SubscribeToShard) is metered by its headers: its events are not counted here. */
export function edgeCounters(req: HttpRequest, res: HttpResponse | StreamedHttpResponse): Counters {
  return {
    [UNITS.apiRequests]: 1,
    [UNITS.apiUnits]: apiRequestUnits(req.body.length),
    [UNITS.cloudfrontRequests]: 1,
    [UNITS.cloudfrontFunctions]: 1,
    [UNITS.cloudfrontBytesToOrigin]: req.body.length + headerBytes(req.headers),
    [UNITS.cloudfrontBytesOut]: (isStreamed(res) ? 0 : Buffer.byteLength(res.body)) + headerBytes(res.headers),
  };
}

/** Wraps the dispatcher so each request is metered as one call of its operation. */
export function meteredDispatch<R extends HttpResponse | StreamedHttpResponse>(meter: Meter, dispatch: (req: HttpRequest) => Promise<R>) {
  return async (req: HttpRequest): Promise<R> => {
    const scope = meter.open(operationLabel(req.headers['x-amz-target']), { invocation: true });
    let res: R | undefined;
    try {
      res = await scope.run(() => dispatch(req));
      return res;
    } finally {
      scope.close(res ? edgeCounters(req, res) : {});
    }
  };
}
