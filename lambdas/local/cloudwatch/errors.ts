/**
 * CloudWatch's errors. CloudWatch was an AWS Query service and its JSON protocol stays
 * query-compatible, so every error has two names: the query `Code` (`InvalidParameterValue`,
 * written in the XML `ErrorResponse` and in JSON's `x-amzn-query-error: Code;Sender` header) and
 * the JSON shape name (`InvalidParameterValueException`, JSON's `__type`). Codes, shape names and
 * statuses are those of the CloudWatch model (`awsQueryError` traits in @aws-sdk/client-cloudwatch).
 *
 * The texts of the messages built in messages.ts follow CloudWatch's style; where no AWS record
 * of a text was at hand the wording is Runnel's (said there).
 */
import { AwsError } from '../../protocol/errors';

type Fault = 'Sender' | 'Receiver';

export class CloudWatchError extends Error {
  constructor(
    /** The AWS Query error code. */
    readonly code: string,
    /** The JSON `__type` shape name. */
    readonly type: string,
    message: string,
    readonly status = 400,
    readonly fault: Fault = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

const named = (code: string, type: string, status = 400) =>
  class extends CloudWatchError {
    constructor(message: string) {
      super(code, type, message, status);
    }
  };

export class InvalidParameterValue extends named('InvalidParameterValue', 'InvalidParameterValueException') {}
export class MissingParameter extends named('MissingParameter', 'MissingRequiredParameterException') {}
export class InvalidParameterCombination extends named('InvalidParameterCombination', 'InvalidParameterCombinationException') {}
export class InvalidNextToken extends named('InvalidNextToken', 'InvalidNextToken') {}
export class InvalidAction extends named('InvalidAction', 'UnknownOperationException') {}
export class MalformedInput extends named('SerializationException', 'SerializationException') {}
export class RequestEntityTooLarge extends named('RequestEntityTooLarge', 'RequestEntityTooLarge', 413) {}
export class InternalServiceError extends named('InternalServiceError', 'InternalServiceFault', 500) {}

/**
 * The signature checks are shared with the Kinesis edge (protocol/auth.ts), which throws Kinesis's
 * JSON errors; a query service answers them with the common query codes and statuses.
 */
const SIGNATURE_CODES: Record<string, { code: string; status: number }> = {
  MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
  IncompleteSignatureException: { code: 'IncompleteSignature', status: 400 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
};

/** Anything thrown while serving a request, as the CloudWatch error the client is told. */
export function asCloudWatchError(e: unknown): CloudWatchError | undefined {
  if (e instanceof CloudWatchError) return e;
  if (e instanceof AwsError) {
    const mapped = SIGNATURE_CODES[e.type];
    return new CloudWatchError(mapped?.code ?? e.type.replace(/Exception$/, ''), e.type, e.text ?? e.type, mapped?.status ?? e.status);
  }
  return undefined;
}
