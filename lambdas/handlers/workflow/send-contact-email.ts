import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoContactMessages } from '../../adapters/store/dynamo-contact-messages';
import { ContactNotifierEnv } from '../../config/environments';
import { type ContactEmail, sendContactEmail } from '../../domain/intake/contact-emails';

const env = ContactNotifierEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const deps = {
  policy: bundledPolicy,
  messages: new DynamoContactMessages(
    DynamoDBDocumentClient.from(new DynamoDBClient()),
    env.TABLE_NAME,
    pseudonyms,
  ),
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  consoleUrl: env.CONSOLE_URL,
  clock: () => new Date(),
};

/** A Step Functions task: `{ messageId, email }` in, ids only; errors surface by name to the state's Retry. */
async function sendContactEmailTask(input: { messageId: string; email: ContactEmail }) {
  const result = await sendContactEmail(input, deps);
  logger.info('Contact email step done', {
    messageId: input.messageId,
    email: input.email,
    sent: result.sent,
  });
  return result;
}

export const handler = middy(sendContactEmailTask).use(injectLambdaContext(logger, { resetKeys: true }));
