/** The texts of Firehose's errors that name a delivery stream, worded as AWS words them. */
export const firehoseMessages = {
  notFound: (name: string, account: string) => `Firehose ${name} under account ${account} not found.`,
  notActive: (name: string, account: string, status: string) => `Firehose ${name} under account ${account} is not ACTIVE, instead in state ${status}.`,
  // AWS says "accountId" here, unlike its other messages.
  exists: (name: string, account: string) => `Firehose ${name} under accountId ${account} already exists`,
  tooManyTags: (name: string, account: string, max: number) => `Firehose ${name} under account ${account} cannot have more than ${max} tags.`,
};
