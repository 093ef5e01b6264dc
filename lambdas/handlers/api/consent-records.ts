import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { isBannerCall, routeFor, withCrossOriginAnswers } from '../../adapters/consent/consent-edge';
import { consentRecordRoutes } from '../../adapters/consent/consent-http';
import { consentPolicy } from '../../adapters/consent/consent-policy';
import { DynamoConsentStore } from '../../adapters/consent/dynamo-consent-store';
import { httpHandler } from '../../adapters/http/http-handler';
import { sha256 } from '../../adapters/http/representation';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoRateLimiter } from '../../adapters/store/dynamo-rate-limiter';
import { ConsentRecordsEnv } from '../../config/consent-environments';
import { POLICY_PAGE_STYLE } from '../../domain/policy/render';

const env = ConsentRecordsEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const routes = consentRecordRoutes({
  store: new DynamoConsentStore(documents, env.TABLE_NAME),
  limiter: new DynamoRateLimiter(documents, env.TABLE_NAME, pseudonyms),
  policy: consentPolicy(documents, env.TABLE_NAME, bundledPolicy),
  style: POLICY_PAGE_STYLE,
  clock: () => new Date(),
});

/** `POST /consent`, `GET|DELETE /consent/{consentId}` and `POST /consent/{consentId}/erase`. */
async function consentRecords(event: APIGatewayProxyEvent, context: Context) {
  return routeFor(routes, `${event.httpMethod} ${event.resource}`)(event, context);
}

// The record page has no script; its one form erases, on this origin.
export const handler = withCrossOriginAnswers(
  httpHandler(consentRecords, {
    contentSecurityPolicy: {
      'default-src': "'none'",
      'style-src': `'sha256-${sha256(POLICY_PAGE_STYLE, 'base64')}'`,
      'form-action': "'self'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      sandbox: 'allow-forms allow-same-origin',
    },
  }),
  isBannerCall,
);
