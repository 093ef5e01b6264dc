import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { EmfDigestMetrics } from '../../adapters/metrics/digest-metrics';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoDeadlines } from '../../adapters/store/dynamo-deadlines';
import { DeadlineRemindersEnv, Required } from '../../config/environments';
import { type ReminderEvent, reminderRunTime } from '../../domain/reminders/scheduled-time';
import { type DigestOutcome, sendDigests } from '../../domain/reminders/send-digests';
import * as z from '../../domain/zod';

// Lambda sets the function's name: the metrics' one dimension (see digest-metrics.ts).
const env = z.extend(DeadlineRemindersEnv, { AWS_LAMBDA_FUNCTION_NAME: Required }).parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const mailer = new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET });
const digestMetrics = new EmfDigestMetrics(env.AWS_LAMBDA_FUNCTION_NAME);

/** The scheduler's event (scheduled-time.ts): the run reports on its scheduled time, not the clock's. */
async function run(
  event: ReminderEvent | null,
): Promise<{ date: string; itemsRead: number; digests: DigestOutcome[] }> {
  const now = reminderRunTime(event);
  // A fresh counter per run: the store instance would otherwise sum across warm invocations.
  const store = new DynamoDeadlines(documents, env.TABLE_NAME);
  const digests = await sendDigests(now, {
    policy: bundledPolicy,
    index: store,
    log: store,
    mailer,
    mailFrom: env.MAIL_FROM,
    consoleUrl: env.CONSOLE_URL,
    privacyOfficerEmail: env.PRIVACY_OFFICER_EMAIL,
    metrics: digestMetrics,
  });
  const date = digests[0]?.date ?? now.toISOString().slice(0, 10);
  // Ids, dates and counts only.
  logger.info('Deadline digests', { date, itemsRead: store.itemsRead, digests });
  return { date, itemsRead: store.itemsRead, digests };
}

export const handler = middy<ReminderEvent | null>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(digestMetrics.metrics)) // writes the count when the run ends, also when it throws
  .handler(run);
