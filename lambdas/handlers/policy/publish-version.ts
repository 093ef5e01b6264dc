import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoPolicyVersions } from '../../adapters/policy/dynamo-policy-versions';
import { readPublishBody } from '../../adapters/policy/publish-body';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { StaffApiEnv } from '../../config/environments';
import { ForbiddenError } from '../../domain/errors';
import { publishPolicyVersion } from '../../domain/policy/publish';
import { seedVersion } from '../../domain/policy/versions';
import { isPrivacyOfficer } from '../../domain/staff/access';

const env = StaffApiEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  versions: new DynamoPolicyVersions(documents, env.TABLE_NAME),
  seed: seedVersion(bundledPolicy),
  // Kept in the history the first time a newer version is published over it (domain/policy/publish.ts).
  seedDocumentJson: JSON.stringify(bundledPolicy),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  clock: () => new Date(),
};

/**
 * `POST /staff/policy/versions` with `{ document, summary, major?, effectiveDate? }`: the privacy officer
 * publishes a new version (201 with its facts); other staff get 403. Refusals are 400 with what to fix, a
 * version published by someone else at the same moment 409. Audited on the policy-versions trail.
 */
async function postVersion(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  if (!isPrivacyOfficer(staff)) throw new ForbiddenError('Only the privacy officer publishes the policy.');
  const info = await publishPolicyVersion(
    readPublishBody(event),
    { kind: 'staff', id: staff.username },
    deps,
  );
  logger.info('Policy version published', { version: info.version, major: info.major });
  return json(201, info);
}

export const handler = httpHandler(postVersion);
