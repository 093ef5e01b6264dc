import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PostRequestEnv } from '../../config/environments';
import { DEFAULT_SUBMISSION_LIMITS } from '../../domain/intake/rate-limits';
import { acceptRequest } from '../../domain/requests/accept-request';
import { cryptoSecrets } from '../../domain/requests/secrets';
import { idempotentRequestIntake } from '../idempotency/idempotent-request-intake';
import { noticeConsentsIn } from '../notices/dynamo-notice-consents';
import { bundledPolicy } from '../policy/bundled-policy';
import { loadPseudonyms } from '../secrets/pseudonym-key';
import { DynamoRateLimiter } from '../store/dynamo-rate-limiter';
import { DynamoRequests } from '../store/dynamo-requests';
import { StepFunctionsStarter } from '../workflow/step-functions-starter';

/**
 * `POST /requests`' collaborators on AWS: the single table, the request workflow, the pseudonym key, and
 * the idempotency layer around `acceptRequest`. Built once per cold start, so the handler stays the HTTP
 * edge only.
 */
export async function requestIntakeOnAws(env: ReturnType<typeof PostRequestEnv.parse>) {
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
  return { deps, intake };
}
