import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StepFunctionsCallback } from '../../adapters/workflow/task-callbacks';
import { IssueVerificationEnv } from '../../config/environments';
import { issueVerification } from '../../domain/requests/issue-verification';
import { cryptoSecrets } from '../../domain/requests/secrets';

const env = IssueVerificationEnv.parse(process.env);
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME),
  callback: new StepFunctionsCallback(new SFNClient()),
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  publicBaseUrl: env.PUBLIC_BASE_URL,
  secrets: cryptoSecrets,
  clock: () => new Date(),
};

/**
 * A `.waitForTaskToken` task: `{ requestId, taskToken }` in. The token is stored with the code's hash and
 * never logged; the workflow waits until the requester verifies (verify-request resumes it).
 */
async function issueVerificationTask(input: { requestId: string; taskToken: string }) {
  const result = await issueVerification(input, deps);
  logger.info('Verification step', { requestId: input.requestId, result });
  return { result };
}

export const handler = middy(issueVerificationTask).use(injectLambdaContext(logger, { resetKeys: true }));
