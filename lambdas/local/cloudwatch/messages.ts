/**
 * The texts of CloudWatch's errors, one function per message, in CloudWatch's wording where it is
 * on record (the 1,440-datapoint limit, StartTime/EndTime, mutually exclusive parameters, invalid
 * values as `The value … for parameter … is invalid.`); the others follow the same pattern and are
 * Runnel's. Parameter paths are written as the query protocol names them
 * (`MetricData.member.2.Value`) whichever protocol the request came in.
 */
export const MESSAGES = {
  required: (param: string) => `The parameter ${param} is required.`,
  invalidValue: (param: string, value: unknown) => `The value ${String(value)} for parameter ${param} is invalid.`,
  reservedNamespace: (namespace: string) => `The value ${namespace} for parameter Namespace is invalid. Namespaces beginning with "AWS/" are reserved for AWS services.`,
  tooLong: (param: string, max: number) => `The parameter ${param} must be no longer than ${max} characters.`,
  tooMany: (param: string, max: number) => `The collection ${param} must not have a size greater than ${max}.`,
  exclusive: (a: string, b: string) => `The parameters ${a} and ${b} are mutually exclusive and you have specified both.`,
  sameSize: (a: string, b: string) => `The parameters ${a} and ${b} must be of the same size.`,
  eitherOf: (a: string, b: string) => `Either the parameter ${a} or the parameter ${b} is required.`,
  duplicateDimension: (param: string, name: string) => `The collection ${param} contains the dimension name ${name} more than once.`,
  minAboveMax: (param: string) => `The parameter ${param}.Minimum must not be greater than ${param}.Maximum.`,
  tooOld: (param: string) => `The parameter ${param} must specify a time within the past two weeks.`,
  tooNew: (param: string) => `The parameter ${param} must specify a time no more than two hours in the future.`,
  startBeforeEnd: () => 'The parameter StartTime must be less than the parameter EndTime.',
  period: (param: string) => `The parameter ${param} must be 1, 5, 10, 20, 30 or a multiple of 60.`,
  tooManyDatapoints: (n: number) => `You have requested up to ${n.toLocaleString('en-US')} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
  unsupportedStatistic: (param: string, stat: string) => `The value ${stat} for parameter ${param} is invalid. Runnel's local CloudWatch computes SampleCount, Average, Sum, Minimum and Maximum; percentiles and other extended statistics are not kept.`,
  unsupportedExpression: (param: string) => `The parameter ${param} is not supported: Runnel's local CloudWatch does not evaluate metric math or Metrics Insights queries.`,
  duplicateId: (id: string) => `The value ${id} for parameter MetricDataQueries.member.Id is not unique.`,
  invalidNextToken: () => 'The NextToken is invalid or does not belong to this request.',
  invalidAction: () => 'The action or operation requested is invalid. Verify that the action is typed correctly.',
  malformedBody: () => 'The request body could not be read.',
  tooLarge: () => 'The request body is larger than the 1 MB CloudWatch accepts.',
};
