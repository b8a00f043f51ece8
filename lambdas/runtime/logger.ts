import { Logger } from '@aws-lambda-powertools/logger';

/** One logger for all of Runnel: one concise line per request at INFO, never payloads. */
export const logger = new Logger({ serviceName: 'runnel', logLevel: (process.env.RUNNEL_LOG_LEVEL ?? 'INFO') as 'INFO' });
