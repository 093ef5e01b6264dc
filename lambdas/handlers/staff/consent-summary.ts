import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DynamoConsentStore } from '../../adapters/consent/dynamo-consent-store';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { StaffApiEnv } from '../../config/environments';
import { consentSummary } from '../../domain/consent/summary-view';

const env = StaffApiEnv.parse(process.env);
const counts = new DynamoConsentStore(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME);

/**
 * `GET /staff/consent/summary?from=&to=`: the banner's choices counted per day, privacy officer only. It reads
 * the day counts alone (one Query); the purposes are named from the deployed policy.
 */
async function getConsentSummary(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const summary = await consentSummary(staff, event.queryStringParameters, {
    counts,
    policy: bundledPolicy,
    clock: () => new Date(),
  });
  return json(200, summary);
}

export const handler = httpHandler(getConsentSummary);
