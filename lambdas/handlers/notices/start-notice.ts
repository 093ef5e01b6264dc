import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { readRecipientList } from '../../adapters/http/recipient-list-body';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { DynamoNotices } from '../../adapters/notices/dynamo-notices';
import { SqsNoticeQueue } from '../../adapters/notices/sqs-notice-queue';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoPolicyVersions } from '../../adapters/policy/dynamo-policy-versions';
import { PolicyCatalogue } from '../../adapters/policy/policy-catalogue';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { NoticeStartEnv } from '../../config/notice-environments';
import { ForbiddenError } from '../../domain/errors';
import { startNotice } from '../../domain/notices/start';
import { isPrivacyOfficer } from '../../domain/staff/access';

const env = NoticeStartEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
// The list is read fresh on every run: a version published a moment ago must be found.
const catalogue = () =>
  new PolicyCatalogue(new DynamoPolicyVersions(documents, env.TABLE_NAME), bundledPolicy);
const deps = {
  version: async (version: string) => (await catalogue().version(version))?.info,
  store: new DynamoNotices(documents, env.TABLE_NAME),
  queue: new SqsNoticeQueue(new SQSClient(), env.NOTICE_QUEUE_URL, env.NOTICE_DLQ_URL),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  pseudonyms,
  clock: () => new Date(),
};

/**
 * `POST /staff/policy/versions/{version}/notices`: the privacy officer starts (or resumes) the change notice
 * of a major version. The body is the operator's recipient list as `text/csv` (columns `email` and `lang`),
 * or empty to notify only the people who ticked the box on the forms. 202 with the counts; the emails go
 * out through the queue. A second run sends nothing twice. Audited.
 */
async function postNotice(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  if (!isPrivacyOfficer(staff)) throw new ForbiddenError('Only the privacy officer sends change notices.');
  const result = await startNotice(
    { version: event.pathParameters?.version ?? '', csv: readRecipientList(event) },
    { kind: 'staff', id: staff.username },
    { ...deps, runId: randomUUID() },
  );
  logger.info('Notice run', {
    version: result.version,
    recipients: result.recipients,
    queued: result.queued,
  });
  return json(202, result);
}

export const handler = httpHandler(postNotice);
