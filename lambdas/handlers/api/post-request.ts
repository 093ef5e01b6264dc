import { randomUUID } from 'node:crypto';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { HttpError } from '../../adapters/http/error-response';
import { httpHandler } from '../../adapters/http/http-handler';
import { json, seeOther } from '../../adapters/http/responses';
import { prefersHtml, readSubmissionBody } from '../../adapters/http/submission-body';
import { seal, unseal } from '../../adapters/idempotency/sealed-secret';
import { noticeConsentsIn } from '../../adapters/notices/dynamo-notice-consents';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoRateLimiter } from '../../adapters/store/dynamo-rate-limiter';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StepFunctionsStarter } from '../../adapters/workflow/step-functions-starter';
import { PostRequestEnv } from '../../config/environments';
import { DEFAULT_SUBMISSION_LIMITS } from '../../domain/intake/rate-limits';
import type { RequestSubmission } from '../../domain/intake/submissions';
import { acceptRequest, parseRequestSubmission } from '../../domain/requests/accept-request';
import { requestLinks } from '../../domain/requests/links';
import { cryptoSecrets } from '../../domain/requests/secrets';

const env = PostRequestEnv.parse(process.env);
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

/** What an idempotency record keeps: ids and dates, and the status token sealed (sealed-secret.ts). */
interface RecordedAnswer {
  readonly id: string;
  readonly dueAt: string;
  readonly lang: 'nb' | 'en';
  readonly sealedToken: string;
}

interface KeyedSubmission {
  readonly idempotencyKey: string;
  readonly submission: RequestSubmission;
  readonly clientIp?: string;
}

const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: 'idempotencyKey',
  // The same key with another body is a client bug: Powertools refuses it (422 below).
  payloadValidationJmesPath: 'submission',
  hashFunction: 'sha256',
  expiresAfterSeconds: 24 * 60 * 60,
});

const acceptOnce = makeIdempotent(
  async ({ idempotencyKey, submission, clientIp }: KeyedSubmission): Promise<RecordedAnswer> => {
    const accepted = await acceptRequest(submission, { clientIp }, deps);
    logger.info('Request accepted', { requestId: accepted.id, outcome: accepted.outcome });
    return {
      id: accepted.id,
      dueAt: accepted.dueAt,
      lang: accepted.lang,
      sealedToken: seal(accepted.statusToken, idempotencyKey),
    };
  },
  {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: env.TABLE_NAME,
      keyAttr: 'pk',
      sortKeyAttr: 'sk',
      staticPkValue: 'IDEMPOTENCY#post-request',
      expiryAttr: 'expiresAt',
      awsSdkV3Client: dynamodb,
    }),
    config: idempotencyConfig,
  },
);

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

/** `POST /requests`: 202 with the status link for scripts, 303 to the status page for a plain form post. */
async function postRequest(event: APIGatewayProxyEvent, context: Context) {
  const submission = parseRequestSubmission(deps.policy, readSubmissionBody(event), deps.clock());
  const clientIp = event.requestContext.identity?.sourceIp;
  const idempotencyKey = event.headers['idempotency-key'];
  let answer: { id: string; dueAt: string; lang: 'nb' | 'en'; statusToken: string };
  // A bot's submission (honeypot filled) is answered as usual but leaves nothing, not even a replay record.
  const honeypot = submission.website !== undefined && submission.website !== '';
  if (idempotencyKey === undefined || honeypot) {
    answer = await acceptRequest(submission, { clientIp }, deps);
    logger.info('Request accepted', { requestId: answer.id });
  } else {
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new HttpError(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key must be 8–128 printable characters',
      );
    }
    idempotencyConfig.registerLambdaContext(context);
    const recorded = await acceptOnce({
      idempotencyKey,
      submission,
      ...(clientIp ? { clientIp } : {}),
    }).catch(rethrowIdempotencyErrors);
    answer = { ...recorded, statusToken: unseal(recorded.sealedToken, idempotencyKey) };
  }
  const statusUrl = requestLinks(env.PUBLIC_BASE_URL, answer.id, answer.lang).statusUrl(answer.statusToken);
  if (prefersHtml(event)) return seeOther(statusUrl);
  return json(202, { id: answer.id, status: 'awaiting-verification', dueAt: answer.dueAt, statusUrl });
}

function rethrowIdempotencyErrors(error: unknown): never {
  if (error instanceof IdempotencyValidationError) {
    throw new HttpError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
    );
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    // 409 as the Idempotency-Key draft says for a key whose first request is still running, with
    // Retry-After so a client knows when to send it again (and then gets the recorded answer).
    throw new HttpError(
      409,
      'in_progress',
      'The same request is still being handled. Try again in a moment.',
      undefined,
      2,
    );
  }
  throw error;
}

export const handler = httpHandler(postRequest);
