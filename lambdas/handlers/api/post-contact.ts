import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json, seeOther } from '../../adapters/http/responses';
import { prefersHtml } from '../../adapters/http/submission-body';
import { readWebsiteSubmission, websiteOriginsFromEnvironment } from '../../adapters/http/website-submission';
import { noticeConsentsIn } from '../../adapters/notices/dynamo-notice-consents';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoContactMessages } from '../../adapters/store/dynamo-contact-messages';
import { DynamoRateLimiter } from '../../adapters/store/dynamo-rate-limiter';
import { StepFunctionsStarter } from '../../adapters/workflow/step-functions-starter';
import { PostContactEnv } from '../../config/environments';
import { acceptContactMessage } from '../../domain/intake/contact';
import { DEFAULT_SUBMISSION_LIMITS } from '../../domain/intake/rate-limits';
import { thankYouUrl } from '../../domain/intake/thank-you';

const env = PostContactEnv.parse(process.env);
const websiteOrigins = websiteOriginsFromEnvironment(env.WEBSITE_ORIGINS);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  policy: bundledPolicy,
  messages: new DynamoContactMessages(documents, env.TABLE_NAME, pseudonyms),
  // "Tell me about changes to the policy": kept with the policy version it was given under.
  noticeConsents: noticeConsentsIn(documents, env.TABLE_NAME, pseudonyms),
  notifications: new StepFunctionsStarter(new SFNClient(), env.CONTACT_WORKFLOW_ARN, 'messageId'),
  limiter: new DynamoRateLimiter(documents, env.TABLE_NAME, pseudonyms),
  limits: DEFAULT_SUBMISSION_LIMITS,
  clock: () => new Date(),
  newId: randomUUID,
};

/**
 * `POST /contact`: 202 with the id for scripts (the website's too, by CORS), 303 to a thank-you page for a
 * plain form post (the website's own, when its form sent an allowed `returnUrl`).
 */
async function postContact(event: APIGatewayProxyEvent) {
  const { body, returnUrl } = readWebsiteSubmission(event, websiteOrigins);
  const accepted = await acceptContactMessage(body, deps, {
    clientIp: event.requestContext.identity?.sourceIp,
  });
  if (prefersHtml(event))
    return seeOther(
      thankYouUrl(deps.policy, env.PUBLIC_BASE_URL, { form: 'contact', ...accepted }, returnUrl),
    );
  return json(202, { id: accepted.id });
}

export const handler = httpHandler(postContact, { cors: websiteOrigins });
