/**
 * `POST /requests` with or without an `Idempotency-Key`: a retry with the key gets the first answer back,
 * the same status link included, while the token is kept in the record only sealed under the client's key
 * (domain/requests/sealed-secret.ts). Kept out of the handler because which submissions get a replay record, and what that
 * record may hold, is a privacy decision, not wiring.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { honeypotFilled } from '../../domain/intake/honeypot';
import type { RequestSubmission } from '../../domain/intake/submissions';
import type { AcceptedRequest } from '../../domain/requests/accept-request';
import { seal, unseal } from '../../domain/requests/sealed-secret';
import { logger } from '../observability/logger';
import { idempotentSubmission } from './idempotent-submission';

export type AcceptRequest = (
  submission: RequestSubmission,
  context: { readonly clientIp?: string },
) => Promise<AcceptedRequest>;

/** What the client is answered with, fresh or replayed. */
export interface RequestAnswer {
  readonly id: string;
  readonly dueAt: string;
  readonly lang: 'nb' | 'en';
  readonly statusToken: string;
}

/** What an idempotency record keeps: ids and dates, and the status token sealed. */
interface RecordedAnswer extends Record<string, unknown> {
  readonly id: string;
  readonly dueAt: string;
  readonly lang: 'nb' | 'en';
  readonly sealedToken: string;
}

export function idempotentRequestIntake(
  accept: AcceptRequest,
  store: { readonly client: DynamoDBClient; readonly tableName: string },
) {
  const acceptOnce = idempotentSubmission(
    async ({
      idempotencyKey,
      submission,
      clientIp,
    }: {
      idempotencyKey: string;
      submission: RequestSubmission;
      clientIp?: string;
    }): Promise<RecordedAnswer> => {
      const accepted = await accept(submission, { clientIp });
      logger.info('Request accepted', { requestId: accepted.id, outcome: accepted.outcome });
      return {
        id: accepted.id,
        dueAt: accepted.dueAt,
        lang: accepted.lang,
        sealedToken: seal(accepted.statusToken, idempotencyKey),
      };
    },
    { ...store, route: 'post-request' },
  );

  return async (
    submission: RequestSubmission,
    request: { readonly clientIp?: string; readonly idempotencyKey?: string },
    context: Context,
  ): Promise<RequestAnswer> => {
    const { clientIp, idempotencyKey } = request;
    // A bot's submission (honeypot filled) is answered as usual but leaves nothing, not even a replay record.
    if (idempotencyKey === undefined || honeypotFilled(submission)) {
      const answer = await accept(submission, { clientIp });
      logger.info('Request accepted', { requestId: answer.id });
      return answer;
    }
    const recorded = await acceptOnce(
      { idempotencyKey, submission, ...(clientIp ? { clientIp } : {}) },
      context,
    );
    return { ...recorded, statusToken: unseal(recorded.sealedToken, idempotencyKey) };
  };
}
