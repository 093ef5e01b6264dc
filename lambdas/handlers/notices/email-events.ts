import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { DynamoNotices } from '../../adapters/notices/dynamo-notices';
import { logger } from '../../adapters/observability/logger';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { EmailEventsEnv } from '../../config/notice-environments';
import { suppressionsFromSesEvent } from '../../domain/notices/email-events';

const env = EmailEventsEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const store = new DynamoNotices(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME);

/**
 * SES bounce and complaint events (configuration set → SNS → here): a permanent bounce or a complaint puts
 * the address on the suppression list, so no later notice goes to it. Transient bounces are ignored.
 */
async function recordEvents(event: SNSEvent): Promise<void> {
  let recorded = 0;
  for (const record of event.Records) {
    for (const suppression of suppressionsFromSesEvent(record.Sns.Message, pseudonyms)) {
      await store.recordEmailSuppression(suppression.to, suppression.reason, suppression.at);
      recorded++;
    }
  }
  logger.info('SES events', { records: event.Records.length, suppressed: recorded });
}

export const handler = middy<SNSEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(recordEvents);
