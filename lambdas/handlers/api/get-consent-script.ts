import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { routeFor, withCrossOriginAnswers } from '../../adapters/consent/consent-edge';
import { consentPolicy } from '../../adapters/consent/consent-policy';
import { consentScriptRoutes, demoContentSecurityPolicy } from '../../adapters/consent/consent-script-routes';
import { httpHandler } from '../../adapters/http/http-handler';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { readPolicyTableName } from '../../config/policy-environment';
import { POLICY_PAGE_STYLE } from '../../domain/policy/render';

// Like the policy function, no zod here: the banner is served on every page view of the website.
const policy = consentPolicy(
  DynamoDBDocumentClient.from(new DynamoDBClient()),
  readPolicyTableName(process.env),
  bundledPolicy,
);
const routes = consentScriptRoutes(policy, bundledPolicy, POLICY_PAGE_STYLE);

/** `GET /consent.js` (the banner) and `GET /consent/demo` (the website's page to try it on), by resource. */
async function getConsentScript(event: APIGatewayProxyEvent, context: Context) {
  return routeFor(routes, event.resource)(event, context);
}

// The CSP is the demo page's; a script's own response has no use for one. The banner is loaded by the
// website, another origin, so its answers may be used cross-origin (CORP); the demo's may not.
export const handler = withCrossOriginAnswers(
  httpHandler(getConsentScript, {
    contentSecurityPolicy: demoContentSecurityPolicy(bundledPolicy, POLICY_PAGE_STYLE),
  }),
  (event) => event.resource === '/consent.js',
);
