import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One Powertools logger per function. The service name comes from POWERTOOLS_SERVICE_NAME; callers log ids
 * and outcomes only, never request bodies, names, emails or tokens.
 */
export const logger = new Logger();
