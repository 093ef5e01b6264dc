import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { DynamoDbJson, dynamoDbConnectionFrom } from '../../adapters/aws-fetch/dynamodb-json';
import { HttpError } from '../../adapters/http/error-response';
import { httpHandler } from '../../adapters/http/http-handler';
import { sha256 } from '../../adapters/http/representation';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { FetchPolicyVersions } from '../../adapters/policy/fetch-policy-versions';
import { PolicyCatalogue } from '../../adapters/policy/policy-catalogue';
import { policyRoutes } from '../../adapters/policy/policy-routes';
import { readPolicyTableName } from '../../config/policy-environment';
import { POLICY_PAGE_STYLE } from '../../domain/policy/render';

// The versions are read with a signed fetch, not the AWS SDK: loading the SDK's DynamoDB client was most of
// this function's cold start (docs/architecture.md, "The public policy function").
const catalogue = new PolicyCatalogue(
  new FetchPolicyVersions(
    new DynamoDbJson(dynamoDbConnectionFrom(process.env)),
    readPolicyTableName(process.env),
  ),
  bundledPolicy,
);

/**
 * The version in effect now. Should the table be unreachable, the bundled seed is served rather than no
 * notice at all, with a short cache life so the published version returns as soon as it can.
 */
async function currentOrSeed() {
  try {
    return { version: await catalogue.current(), degraded: false };
  } catch (error) {
    // Not `catalogue.version(…)`: that asks the table first, and the table is what just failed.
    logger.error('Policy versions unreadable; serving the bundled policy', { error });
    return { version: catalogue.bundled(), degraded: true };
  }
}

const routes = policyRoutes(catalogue, currentOrSeed);

/** `GET /`, `/policy[.json]` and `/policy/versions/…`, by the API resource that matched. */
async function getPolicy(event: APIGatewayProxyEvent, context: Context) {
  const route = routes[event.resource];
  if (route === undefined) throw new HttpError(404, 'not_found', 'No such policy resource.');
  return route(event, context);
}

// One stylesheet serves the notice, the changes page and the privacy centre, so one hash covers them all.
export const handler = httpHandler(getPolicy, {
  contentSecurityPolicy: {
    'default-src': "'none'",
    'style-src': `'sha256-${sha256(POLICY_PAGE_STYLE, 'base64')}'`,
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  },
});
