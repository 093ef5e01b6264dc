import type { APIGatewayProxyEvent } from 'aws-lambda';
import { preflightAnswer } from '../../adapters/http/cors';
import { httpHandler } from '../../adapters/http/http-handler';
import { WebsitePreflightEnv } from '../../config/environments';
import { websiteOriginsFromEnvironment } from '../../domain/intake/website-origins';

const env = WebsitePreflightEnv.parse(process.env);
const websiteOrigins = websiteOriginsFromEnvironment(env.WEBSITE_ORIGINS);

/**
 * `OPTIONS /contact` and `OPTIONS /requests`: a browser asks whether the website's script may post JSON.
 * A function of its own rather than the intake's: no table, no secret to read at cold start, no share of the
 * intake's concurrency; the answer is the same decision the intake's answers use (adapters/http/cors.ts).
 */
async function websitePreflight(event: APIGatewayProxyEvent) {
  return preflightAnswer(event.headers, websiteOrigins);
}

export const handler = httpHandler(websitePreflight);
