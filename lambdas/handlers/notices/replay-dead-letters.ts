import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { DynamoNotices } from '../../adapters/notices/dynamo-notices';
import { SqsNoticeQueue } from '../../adapters/notices/sqs-notice-queue';
import { logger } from '../../adapters/observability/logger';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { NoticeRunEnv } from '../../config/notice-environments';
import { ForbiddenError } from '../../domain/errors';
import { POLICY_AUDIT_TRAIL } from '../../domain/policy/audit-trail-name';
import { isPrivacyOfficer } from '../../domain/staff/access';

const env = NoticeRunEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const store = new DynamoNotices(documents, env.TABLE_NAME);
const queue = new SqsNoticeQueue(new SQSClient(), env.NOTICE_QUEUE_URL, env.NOTICE_DLQ_URL);
const audit = new DynamoAuditTrail(documents, env.TABLE_NAME);

/**
 * `POST /staff/policy/notices/dead-letters/replay`: the privacy officer sends the dead-lettered notices
 * again (up to 1,000 a call). Each delivery goes back to `queued` once; a letter whose delivery is no longer
 * failed (sent or suppressed meanwhile) is dropped. 200 with how many were replayed, per version. Audited.
 */
async function postReplay(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  if (!isPrivacyOfficer(staff)) throw new ForbiddenError('Only the privacy officer replays change notices.');
  const at = new Date().toISOString();
  const moved = await queue.replayDeadLetters(async (message) =>
    message === undefined ? false : store.requeueForReplay(message, at),
  );
  const perVersion: Record<string, number> = {};
  for (const message of moved) perVersion[message.version] = (perVersion[message.version] ?? 0) + 1;
  await audit.append(
    POLICY_AUDIT_TRAIL,
    {
      action: 'policy.notice.replayed',
      actor: { kind: 'staff', id: staff.username },
      details: { replayed: moved.length },
    },
    at,
  );
  logger.info('Dead letters replayed', { replayed: moved.length });
  return json(200, { replayed: moved.length, versions: perVersion });
}

export const handler = httpHandler(postReplay);
