import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json, seeOther } from '../../adapters/http/responses';
import { prefersHtml } from '../../adapters/http/submission-body';
import { readWebsiteSubmission, websiteOriginsFromEnvironment } from '../../adapters/http/website-submission';
import { requestIntakeOnAws } from '../../adapters/intake/request-intake';
import { PostRequestEnv } from '../../config/environments';
import { afterRequestUrl } from '../../domain/intake/thank-you';
import { parseRequestSubmission } from '../../domain/requests/accept-request';
import { requestLinks } from '../../domain/requests/links';

const env = PostRequestEnv.parse(process.env);
const websiteOrigins = websiteOriginsFromEnvironment(env.WEBSITE_ORIGINS);
const { deps, intake } = await requestIntakeOnAws(env);

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
