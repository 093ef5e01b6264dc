/**
 * Requests in the single table. Every state change is one conditional UpdateItem on the request's own
 * item, so the domain's "check, then write" decisions hold under concurrency.
 *
 * A new request takes a duplicate lock first (DEDUPE#<hash>), then writes itself. dynalite, which runs
 * this code locally, has no transactions, so the two writes are separate: a lock whose request never got
 * written (a crash in between) is recognised as stale and taken over. The lock is written before it is
 * read: in the common case (no lock, or one that has stopped blocking) that one conditional write is all,
 * and the lock is read only when the write is refused.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  CodeIssue,
  CreateResult,
  DuplicateBudget,
  DuplicateRecord,
  EidIdentity,
  IssuedWorkflowCode,
  RequestRecord,
  RequestStore,
  StoredRequest,
  WorkflowCodeIssue,
} from '../../domain/requests/record';
import { isStorableId, keys } from './keys';
import { parseStoredRequest } from './request-item-schemas';
import { updateRequestIf } from './update-request-if';

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const DAY_SECONDS = 86_400;
/**
 * How long a submission waits for the request of a lock it found, when that request is not there yet: longer
 * than one intake call takes between its two writes. After that the lock's writer is taken to have failed
 * (its client got an error and will retry), and the lock is taken over: answering "duplicate" of a request
 * that was never written would lose the submission (found by the load-with-faults suite).
 */
const LOCK_WRITE_WAIT_MS = 2_000;
const LOCK_WRITE_POLL_MS = 100;

export class DynamoRequests implements RequestStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(
    record: RequestRecord,
    dedupe: { key: string; until: string },
    subjectHash: string,
  ): Promise<CreateResult> {
    const holder = await this.takeLock(dedupe.key, record.id, dedupe.until, record.receivedAt);
    if (holder !== record.id) return { created: false, duplicateOf: holder };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        // `requestController` puts it in the staff list; duplicates never get it.
        Item: {
          ...keys.request(record.id),
          ...record,
          requestController: record.controllerId,
          subjectHash,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { created: true };
  }

  /**
   * Returns the id of the request holding the lock: ours, or the open one we duplicate. A lock whose
   * request does not exist is another submission still being written: wait for it (LOCK_WRITE_WAIT_MS from
   * when it was locked), and take the lock over if it never comes. A duplicate answer is only ever given for
   * a request that exists.
   *
   * The first write needs no read: it takes the lock if there is none or the one there has stopped blocking
   * (`until` before now; at `until` itself it still blocks). Only when it is refused is the lock read, and a
   * lock whose request never comes is taken over only if it is still the one read (`requestId = :holder`).
   */
  private async takeLock(key: string, requestId: string, until: string, now: string): Promise<string> {
    const lock = { requestId, until, now };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.putLock(key, lock, { free: now })) return requestId;
      const current = await this.getItem(keys.duplicateLock(key));
      // Freed (a request closed unverified) or ended since our write: write again.
      if (current === undefined || (current.until as string) < now) continue;
      const holder = String(current.requestId);
      if (await this.requestAppears(holder, String(current.lockedAt), now)) return holder;
      if (await this.putLock(key, lock, { holder })) return requestId;
      // Someone else took or renewed the lock between our read and our write: look again.
    }
    throw new Error('The duplicate lock kept changing; try again');
  }

  /**
   * Writes the lock for `requestId` if there is none or it has ended by `free`, or if it is still
   * `holder`'s; false when the condition is refused.
   */
  private async putLock(
    key: string,
    lock: { requestId: string; until: string; now: string },
    when: { readonly free: string } | { readonly holder: string },
  ): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.duplicateLock(key),
            kind: 'duplicate-lock',
            requestId: lock.requestId,
            lockedAt: lock.now,
            until: lock.until,
            expiresAt: epochSeconds(lock.until) + DAY_SECONDS,
          },
          ...('free' in when
            ? {
                // ISO instants compare as strings.
                ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
                ExpressionAttributeNames: { '#until': 'until' },
                ExpressionAttributeValues: { ':now': when.free },
              }
            : {
                ConditionExpression: 'requestId = :holder',
                ExpressionAttributeValues: { ':holder': when.holder },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Whether the lock holder's request exists, or comes within the wait that is left since it was locked. */
  private async requestAppears(holder: string, lockedAt: string, now: string): Promise<boolean> {
    const waitMs = LOCK_WRITE_WAIT_MS - (Date.parse(now) - Date.parse(lockedAt));
    const deadline = Date.now() + Math.max(0, waitMs);
    for (;;) {
      if ((await this.getItem(keys.request(holder))) !== undefined) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, LOCK_WRITE_POLL_MS));
    }
  }

  async createDuplicate(record: DuplicateRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        // A duplicate holds no personal data and is worthless after its window: let TTL remove it.
        Item: {
          ...keys.request(record.id),
          ...record,
          expiresAt: epochSeconds(record.verifyBy) + DAY_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    if (!isStorableId(id)) return undefined;
    const item = await this.getItem(keys.request(id));
    return item === undefined ? undefined : toStored(item);
  }

  async issueCode(id: string, issue: CodeIssue): Promise<boolean> {
    const { sets, conditions, values } = codeUpdate(issue);
    return this.conditionalUpdate(id, `SET ${sets.join(', ')}`, conditions.join(' AND '), values);
  }

  /**
   * One UpdateItem: the code, the task token and, unless a receipt went out before, the receipt mark
   * (`if_not_exists`), with the request as it was (`ALL_OLD`) for the email, so the step needs no read
   * first. Only a refusal costs a read, to say why.
   */
  async issueWorkflowCode(id: string, issue: WorkflowCodeIssue): Promise<IssuedWorkflowCode> {
    if (!isStorableId(id)) return { issued: false, request: undefined };
    const { sets, conditions, values } = codeUpdate(issue);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.request(id),
          UpdateExpression: `SET ${[...sets, 'receiptSentAt = if_not_exists(receiptSentAt, :receiptAt)'].join(', ')}`,
          ConditionExpression: ['kind = :request', ...conditions].join(' AND '),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...values, ':request': 'request', ':receiptAt': issue.receiptAt },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const request = toStored(Attributes ?? {}) as RequestRecord;
      return { issued: true, request, receipt: request.receiptSentAt === undefined };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { issued: false, request: await this.get(id) };
    }
  }

  recordWrongCode(id: string, codeHash: string, attemptsLeftBefore: number): Promise<boolean> {
    return this.conditionalUpdate(
      id,
      'SET verification.attemptsLeft = :after',
      'verification.codeHash = :hash AND verification.attemptsLeft = :before',
      { ':after': attemptsLeftBefore - 1, ':hash': codeHash, ':before': attemptsLeftBefore },
    );
  }

  markVerified(id: string, codeHash: string, at: string): Promise<boolean> {
    return this.conditionalUpdate(
      id,
      // From now on the request is open work: the sparse index of open requests picks it up.
      'SET #status = :verified, verifiedAt = :at, openController = controllerId',
      '#status = :awaiting AND verification.codeHash = :hash AND verification.attemptsLeft > :zero',
      {
        ':verified': 'verified',
        ':at': at,
        ':awaiting': 'awaiting-verification',
        ':hash': codeHash,
        ':zero': 0,
      },
    );
  }

  confirmMailbox(id: string, codeHash: string, at: string): Promise<boolean> {
    return this.conditionalUpdate(
      id,
      'SET mailboxConfirmedAt = :at',
      '#status = :awaiting AND verification.codeHash = :hash AND verification.attemptsLeft > :zero AND attribute_not_exists(eidSignIn)',
      { ':at': at, ':awaiting': 'awaiting-verification', ':hash': codeHash, ':zero': 0 },
    );
  }

  recordIdentity(id: string, identity: EidIdentity): Promise<boolean> {
    return this.conditionalUpdate(
      id,
      'SET eidSignIn = :identity',
      '#status = :awaiting AND attribute_not_exists(eidSignIn) AND attribute_not_exists(mailboxConfirmedAt)',
      { ':identity': identity, ':awaiting': 'awaiting-verification' },
    );
  }

  verifyWithIdentity(id: string, identity: EidIdentity, at: string): Promise<boolean> {
    return this.conditionalUpdate(
      id,
      // As markVerified: from now on the request is open work.
      'SET eidSignIn = :identity, #status = :verified, verifiedAt = :at, openController = controllerId',
      '#status = :awaiting AND attribute_not_exists(eidSignIn) AND attribute_exists(mailboxConfirmedAt)',
      { ':identity': identity, ':verified': 'verified', ':at': at, ':awaiting': 'awaiting-verification' },
    );
  }

  async markDuplicateVerified(id: string, at: string): Promise<void> {
    await this.conditionalUpdate(id, 'SET #status = :verified, verifiedAt = :at', 'kind = :duplicate', {
      ':verified': 'verified',
      ':at': at,
      ':duplicate': 'duplicate',
    });
  }

  updateDuplicateBudget(
    id: string,
    before: DuplicateBudget | undefined,
    after: DuplicateBudget,
  ): Promise<boolean> {
    return before === undefined
      ? this.conditionalUpdate(
          id,
          'SET budget = :after',
          'kind = :duplicate AND attribute_not_exists(budget)',
          {
            ':duplicate': 'duplicate',
            ':after': after,
          },
        )
      : this.conditionalUpdate(
          id,
          'SET budget = :after',
          'kind = :duplicate AND budget.attemptsLeft = :attempts AND budget.resends = :resends AND budget.lastCodeAt = :last',
          {
            ':duplicate': 'duplicate',
            ':attempts': before.attemptsLeft,
            ':resends': before.resends,
            ':last': before.lastCodeAt,
            ':after': after,
          },
        );
  }

  async clearReceiptMark(id: string, at: string): Promise<void> {
    await this.conditionalUpdate(id, 'REMOVE receiptSentAt', 'receiptSentAt = :at', { ':at': at });
  }

  async markClosedNoticeSent(id: string, at: string): Promise<void> {
    await this.conditionalUpdate(id, 'SET closedNoticeSentAt = :at', 'attribute_exists(pk)', { ':at': at });
  }

  async markResumed(id: string, at: string): Promise<void> {
    // The token has done its job; a secret not kept cannot leak.
    await this.conditionalUpdate(id, 'SET resumedAt = :at REMOVE taskToken', 'attribute_exists(pk)', {
      ':at': at,
    });
  }

  async closeUnverified(id: string, at: string, dedupeKey: string): Promise<boolean> {
    const closed = await this.conditionalUpdate(
      id,
      'SET #status = :closed, closedAt = :at REMOVE taskToken, openController, verification',
      '#status = :awaiting',
      { ':closed': 'closed-unverified', ':at': at, ':awaiting': 'awaiting-verification' },
    );
    if (closed) {
      try {
        await this.client.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: keys.duplicateLock(dedupeKey),
            ConditionExpression: 'requestId = :id',
            ExpressionAttributeValues: { ':id': id },
          }),
        );
      } catch (error) {
        // The lock already belongs to a newer request (or is gone): leave it.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    return closed;
  }

  private async getItem(key: Record<string, string>) {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  private conditionalUpdate(
    id: string,
    update: string,
    condition: string,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    return updateRequestIf(this.client, this.tableName, id, update, condition, values);
  }
}

/** The request as stored, without the attributes only the table needs (keys, index keys, TTL). */
function toStored(item: Record<string, unknown>): StoredRequest {
  const {
    pk: _pk,
    sk: _sk,
    openController: _open,
    requestController: _listed,
    subjectHash: _subject,
    expiresAt: _expires,
    ...record
  } = item;
  return parseStoredRequest(record);
}

/** The SET clauses, conditions and values that store a code (issueCode and issueWorkflowCode). */
function codeUpdate(issue: CodeIssue) {
  const sets = ['verification = :verification'];
  const conditions = ['#status = :awaiting'];
  const values: Record<string, unknown> = {
    ':awaiting': 'awaiting-verification',
    ':verification': {
      codeHash: issue.codeHash,
      issuedAt: issue.issuedAt,
      expiresAt: issue.expiresAt,
      attemptsLeft: issue.attemptsLeft,
      resends: issue.resends,
    },
  };
  if (issue.taskToken !== undefined) {
    sets.push('taskToken = :taskToken');
    values[':taskToken'] = issue.taskToken;
  }
  if (issue.statusTokenHash !== undefined) {
    sets.push('statusTokenHashes = list_append(statusTokenHashes, :tokenHash)');
    values[':tokenHash'] = [issue.statusTokenHash];
  }
  if (issue.resend?.previousResends === undefined && issue.resend !== undefined) {
    conditions.push('attribute_not_exists(verification)');
  } else if (issue.resend?.previousResends !== undefined) {
    conditions.push('verification.resends = :previousResends', 'verification.issuedAt <= :issuedBefore');
    values[':previousResends'] = issue.resend.previousResends;
    values[':issuedBefore'] = issue.resend.issuedBefore;
  }
  return { sets, conditions, values };
}
