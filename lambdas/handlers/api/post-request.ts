import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json, seeOther } from '../../adapters/http/responses';
import { prefersHtml } from '../../adapters/http/submission-body';
import { readWebsiteSubmission, websiteOriginsFromEnvironment } from '../../adapters/http/website-submission';
import { idempotentRequestIntake } from '../../adapters/idempotency/idempotent-request-intake';
import { noticeConsentsIn } from '../../adapters/notices/dynamo-notice-consents';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoRateLimiter } from '../../adapters/store/dynamo-rate-limiter';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StepFunctionsStarter } from '../../adapters/workflow/step-functions-starter';
import { PostRequestEnv } from '../../config/environments';
import { DEFAULT_SUBMISSION_LIMITS } from '../../domain/intake/rate-limits';
import { afterRequestUrl } from '../../domain/intake/thank-you';
import { acceptRequest, parseRequestSubmission } from '../../domain/requests/accept-request';
import { requestLinks } from '../../domain/requests/links';
import { cryptoSecrets } from '../../domain/requests/secrets';

const env = PostRequestEnv.parse(process.env);
const websiteOrigins = websiteOriginsFromEnvironment(env.WEBSITE_ORIGINS);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const dynamodb = new DynamoDBClient();
const documents = DynamoDBDocumentClient.from(dynamodb);
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  workflow: new StepFunctionsStarter(new SFNClient(), env.REQUEST_WORKFLOW_ARN, 'requestId'),
  limiter: new DynamoRateLimiter(documents, env.TABLE_NAME, pseudonyms),
  // "Tell me about changes to the policy": kept with the policy version it was given under.
  noticeConsents: noticeConsentsIn(documents, env.TABLE_NAME, pseudonyms),
  limits: DEFAULT_SUBMISSION_LIMITS,
  secrets: cryptoSecrets,
  pseudonyms,
  clock: () => new Date(),
  newId: randomUUID,
};
const intake = idempotentRequestIntake((submission, context) => acceptRequest(submission, context, deps), {
  client: dynamodb,
  tableName: env.TABLE_NAME,
});

/** `POST /requests`: 202 with the status link for scripts (the website's too, by CORS), 303 for a plain form post. */
async function postRequest(event: APIGatewayProxyEvent, context: Context) {
  const { body, returnUrl } = readWebsiteSubmission(event, websiteOrigins);
  const submission = parseRequestSubmission(deps.policy, body, deps.clock(), {
    eidOffered: env.EID_OFFERED === 'true',
  });
  const answer = await intake(
    submission,
    { clientIp: event.requestContext.identity?.sourceIp, idempotencyKey: event.headers['idempotency-key'] },
    context,
  );
  const links = requestLinks(env.PUBLIC_BASE_URL, answer.id, answer.lang);
  const statusUrl = links.statusUrl(answer.statusToken);
  // Every answer to an ID-porten choice carries the sign-in link, a duplicate's and a honeypot's too.
  const eidUrl = submission.verification === 'eid' ? links.eidUrl(answer.statusToken) : undefined;
  if (prefersHtml(event)) return seeOther(afterRequestUrl({ eidUrl, returnUrl, statusUrl }));
  return json(202, {
    id: answer.id,
    status: 'awaiting-verification',
    dueAt: answer.dueAt,
    statusUrl,
    eidUrl,
  });
}

export const handler = httpHandler(postRequest, { cors: websiteOrigins });
