/**
 * The texts of Kinesis Analytics' errors. AWS's wording is used where it is known; the service
 * never published the rest, so those say plainly what is wrong.
 */
export const analyticsMessages = {
  notFound: (name: string, account: string) => `Application ${name} is not found for account ${account}.`,
  exists: (name: string, account: string) => `Application ${name} already exists for account ${account}.`,
  notAvailable: (name: string, status: string) => `Application ${name} is not available for this operation: it is in status ${status}.`,
  staleVersion: (given: number, current: number) => `Application version ${given} is not the current version. Current version is ${current}.`,
  wrongCreateTimestamp: (name: string) => `Application ${name} was not created at the given CreateTimestamp.`,
  tooManyApps: (max: number) => `The number of applications in this region has reached the limit of ${max}.`,
  oneInput: () => 'An application can have at most one streaming input.',
  maxOutputs: (max: number) => `An application can have at most ${max} outputs.`,
  oneReference: () => 'An application can have at most one reference data source.',
  oneSource: (what: string) => `${what} must have exactly one of KinesisStreamsInput or KinesisFirehoseInput.`,
  oneDestination: (name: string) => `Output ${name} must have exactly one of KinesisStreamsOutput, KinesisFirehoseOutput or LambdaOutput.`,
  noStream: (name: string) => `Output ${name} names no in-application stream the application code creates.`,
  badSqlType: (column: string, type: string) => `Column ${column} has an unsupported SqlType ${type}.`,
  jsonMapping: (column: string) => `Column ${column} needs a Mapping: the record format is JSON.`,
  unknownInput: (name: string, id: string) => `Application ${name} has no input with id ${id}.`,
  unknownReference: (name: string, id: string) => `Application ${name} has no reference data source with id ${id}.`,
  unknownOutput: (name: string, id: string) => `Application ${name} has no output with id ${id}.`,
  startingPositions: (name: string) => `StartApplication for ${name} must give one InputConfiguration for its input.`,
  noInput: (name: string) => `Application ${name} has no input to start.`,
  noCode: (name: string) => `Application ${name} has no application code to run.`,
  duplicateTagKeys: () => 'Tags contain duplicate keys.',
  tooManyTags: (max: number) => `An application can have at most ${max} tags.`,
  noSamples: (arn: string) => `No records were found in ${arn} to discover a schema from.`,
  discoverySource: () => 'Give either ResourceARN with RoleARN and InputStartingPositionConfiguration, or S3Configuration.',
  v2Only: (name: string) => `${name} was created/updated by kinesisanalyticsv2 SDK. Please use kinesisanalyticsv2 SDK to make changes to ${name}.`,
  sqlOnly: (runtime: string) => `Runnel runs Kinesis Analytics SQL applications (RuntimeEnvironment SQL-1_0) only; ${runtime} is not supported.`,
  noForceStop: () => 'Force stop is not supported for SQL applications.',
  notSupported: (what: string) => `${what} is not supported by Runnel.`,
};
