/**
 * AWS-shaped errors. Each class is named exactly as the `__type` a client sees and carries its
 * HTTP status, so the edge can serialise any thrown AwsError without a lookup table.
 */
export class AwsError extends Error {
  /** What the client sees; some AWS errors carry no text at all (no message field). */
  readonly text: string | undefined;

  constructor(
    readonly type: string,
    message?: string,
    readonly status = 400,
  ) {
    super(message ?? type);
    this.text = message;
  }

  /** The error body's fields. AWS's JSON front end spells the text `Message` for serialization errors only. */
  fields(): Record<string, string> {
    if (this.text === undefined) return { __type: this.type };
    return { __type: this.type, [this.type === 'SerializationException' ? 'Message' : 'message']: this.text };
  }
}

const named = (type: string, status = 400) =>
  class extends AwsError {
    constructor(message?: string) {
      super(type, message, status);
    }
  };

export class ValidationException extends named('ValidationException') {}
export class SerializationException extends named('SerializationException') {}
export class UnknownOperationException extends named('UnknownOperationException') {}
export class InvalidArgumentException extends named('InvalidArgumentException') {}
export class ResourceNotFoundException extends named('ResourceNotFoundException') {}
export class ResourceInUseException extends named('ResourceInUseException') {}
export class LimitExceededException extends named('LimitExceededException') {}
export class ProvisionedThroughputExceededException extends named('ProvisionedThroughputExceededException') {}
export class ExpiredIteratorException extends named('ExpiredIteratorException') {}
export class ExpiredNextTokenException extends named('ExpiredNextTokenException') {}
export class MissingAuthenticationTokenException extends named('MissingAuthenticationTokenException') {}
export class IncompleteSignatureException extends named('IncompleteSignatureException') {}
export class InvalidSignatureException extends named('InvalidSignatureException') {}
export class UnrecognizedClientException extends named('UnrecognizedClientException') {}
export class ConcurrentModificationException extends named('ConcurrentModificationException') {}
export class CodeValidationException extends named('CodeValidationException') {}
export class UnsupportedOperationException extends named('UnsupportedOperationException') {}
export class TooManyTagsException extends named('TooManyTagsException') {}
export class InvalidApplicationConfigurationException extends named('InvalidApplicationConfigurationException') {}
export class UnableToDetectSchemaException extends named('UnableToDetectSchemaException') {}
export class ServiceUnavailableException extends named('ServiceUnavailableException', 503) {}
export class AccessDeniedException extends named('AccessDeniedException', 403) {}
export class InternalFailureException extends named('InternalFailureException', 500) {}
