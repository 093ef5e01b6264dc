/**
 * An in-memory RequestStore for domain tests: the same contract as DynamoRequests
 * (lambdas/adapters/store/dynamo-requests.ts), held to it by the shared contract suite
 * (test/adapters/store/request-store-contract.ts), which runs against both.
 *
 * Each DynamoDB write there is one conditional write; here each is one synchronous check-then-write with no
 * `await` in between, so it is just as atomic: of two racing calls, exactly one wins. The conditions are
 * mirrored one by one (see each method), including those the domain relies on only under races.
 *
 * Beyond the port it has a few read-outs for tests (`lock`, `openRequestIds`, `items`) and one fault
 * (`withholdRequest`): what a test would otherwise read from the table or do to it.
 */
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
} from '../../lambdas/domain/requests/record';

/** What DynamoRequests keeps beside the record and never returns from `get`. */
interface HiddenAttributes {
  /** The requester's pseudonym, for the by-subject index (requests only). */
  subjectHash?: string;
  /** Puts a request in the staff list (requests only). */
  requestController?: string;
  /** Set when verified: the sparse index of open requests. */
  openController?: string;
  /** TTL, in epoch seconds (duplicates only). */
  expiresAt?: number;
}

interface StoredItem {
  record: Record<string, unknown>;
  hidden: HiddenAttributes;
}

/** The duplicate lock, as DynamoRequests keeps it under DEDUPE#<key>. */
export interface DuplicateLock {
  readonly requestId: string;
  readonly lockedAt: string;
  readonly until: string;
  readonly expiresAt: number;
}

// The adapter's own timing for a lock whose request is not there yet (dynamo-requests.ts): the same
// numbers, so a fake create waits and takes over exactly when the real one does.
const LOCK_WRITE_WAIT_MS = 2_000;
const LOCK_WRITE_POLL_MS = 100;
const DAY_SECONDS = 86_400;
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export class InMemoryRequests implements RequestStore {
  private readonly requests = new Map<string, StoredItem>();
  private readonly locks = new Map<string, DuplicateLock>();

  async create(
    record: RequestRecord,
    dedupe: { key: string; until: string },
    subjectHash: string,
  ): Promise<CreateResult> {
    const holder = await this.takeLock(dedupe.key, record.id, dedupe.until, record.receivedAt);
    if (holder !== record.id) return { created: false, duplicateOf: holder };
    // The adapter takes the lock first and writes the request second, so a refused write (an existing id,
    // an undefined attribute) leaves the lock taken there too.
    const item = asItem(record);
    // `attribute_not_exists(pk)`: an id is never overwritten.
    if (this.requests.has(record.id)) throw new ConditionFailed('create');
    this.requests.set(record.id, {
      record: item,
      hidden: { requestController: record.controllerId, subjectHash },
    });
    return { created: true };
  }

  /**
   * The adapter's takeLock: it writes first, taking the lock if there is none or its `until` is before `now`
   * (at `until` itself it still blocks). Refused, it reads the lock: its request must exist or appear within
   * the wait left since it was locked, or the lock is taken over if it is still the one read
   * (`requestId = :holder`); else it tries again, three times at most.
   */
  private async takeLock(key: string, requestId: string, until: string, now: string): Promise<string> {
    const lock = () => ({ requestId, lockedAt: now, until, expiresAt: epochSeconds(until) + DAY_SECONDS });
    for (let attempt = 0; attempt < 3; attempt++) {
      // The first write, `attribute_not_exists(pk) OR #until < :now`; refused, the lock is read.
      const current = this.locks.get(key);
      if (current === undefined || current.until < now) {
        this.locks.set(key, lock());
        return requestId;
      }
      const holder = current.requestId;
      if (await this.requestAppears(holder, current.lockedAt, now)) return holder;
      // `requestId = :holder`: the wait above may have let another create in.
      if (this.locks.get(key)?.requestId === holder) {
        this.locks.set(key, lock());
        return requestId;
      }
    }
    throw new Error('The duplicate lock kept changing; try again');
  }

  /** The adapter's requestAppears: polls in real time, as the adapter does, for what is left of the wait. */
  private async requestAppears(holder: string, lockedAt: string, now: string): Promise<boolean> {
    const waitMs = LOCK_WRITE_WAIT_MS - (Date.parse(now) - Date.parse(lockedAt));
    const deadline = Date.now() + Math.max(0, waitMs);
    for (;;) {
      if (this.requests.has(holder)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, LOCK_WRITE_POLL_MS));
    }
  }

  async createDuplicate(record: DuplicateRecord): Promise<void> {
    const item = asItem(record);
    // `attribute_not_exists(pk)`: a duplicate never overwrites a request (or another duplicate).
    if (this.requests.has(record.id)) throw new ConditionFailed('createDuplicate');
    this.requests.set(record.id, {
      record: item,
      hidden: { expiresAt: epochSeconds(record.verifyBy) + DAY_SECONDS },
    });
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    const item = this.requests.get(id);
    // A copy, as every read from the table is: changing what a caller got changes nothing stored.
    return item === undefined ? undefined : (copy(item.record) as unknown as StoredRequest);
  }

  async issueCode(id: string, issue: CodeIssue): Promise<boolean> {
    return this.updateIf(
      id,
      (record) => {
        // `#status = :awaiting`: no code once verified or closed. The kind is not checked, as in the adapter.
        if (record.status !== 'awaiting-verification') return false;
        const current = record.verification as Record<string, unknown> | undefined;
        if (issue.resend !== undefined && issue.resend.previousResends === undefined) {
          // A first resend read the request before any code existed: refused once the workflow issued one
          // (`attribute_not_exists(verification)`).
          if (current !== undefined) return false;
        } else if (issue.resend?.previousResends !== undefined) {
          // A later resend: the code read before must still be the current one (same count of resends),
          // issued no later than `issuedBefore`. Both fail when there is no code at all. ISO instants
          // compare as strings, as DynamoDB compares them.
          if (current === undefined) return false;
          if (current.resends !== issue.resend.previousResends) return false;
          if (!(typeof current.issuedAt === 'string' && current.issuedAt <= issue.resend.issuedBefore)) {
            return false;
          }
        }
        return true;
      },
      (record) => this.storeCode(record, issue),
    );
  }

  private storeCode(record: Record<string, unknown>, issue: CodeIssue): void {
    // `SET verification = :verification`: the whole map is replaced, attempts included.
    record.verification = {
      codeHash: issue.codeHash,
      issuedAt: issue.issuedAt,
      expiresAt: issue.expiresAt,
      attemptsLeft: issue.attemptsLeft,
      resends: issue.resends,
    };
    if (issue.taskToken !== undefined) record.taskToken = issue.taskToken;
    if (issue.statusTokenHash !== undefined) {
      // `list_append`: the earlier hashes stay valid.
      record.statusTokenHashes = [...(record.statusTokenHashes as string[]), issue.statusTokenHash];
    }
  }

  async issueWorkflowCode(id: string, issue: WorkflowCodeIssue): Promise<IssuedWorkflowCode> {
    const before = this.requests.get(id);
    const was = before === undefined ? undefined : (copy(before.record) as unknown as StoredRequest);
    const issued = this.updateIf(
      id,
      // `kind = :request AND #status = :awaiting`: a duplicate never gets the workflow's code.
      (record) => record.kind === 'request' && record.status === 'awaiting-verification',
      (record) => {
        this.storeCode(record, issue);
        // `if_not_exists(receiptSentAt, :receiptAt)`
        if (record.receiptSentAt === undefined) record.receiptSentAt = issue.receiptAt;
      },
    );
    if (!issued) return { issued: false, request: await this.get(id) };
    // `ReturnValues: ALL_OLD`
    const request = was as RequestRecord;
    return { issued: true, request, receipt: request.receiptSentAt === undefined };
  }

  async recordWrongCode(id: string, codeHash: string, attemptsLeftBefore: number): Promise<boolean> {
    return this.updateIf(
      id,
      (record) => {
        // Only the current code, and only from the count read: of racing attempts one wins. The status is
        // not checked, as in the adapter.
        const verification = record.verification as Record<string, unknown> | undefined;
        return verification?.codeHash === codeHash && verification.attemptsLeft === attemptsLeftBefore;
      },
      (record) => {
        (record.verification as Record<string, unknown>).attemptsLeft = attemptsLeftBefore - 1;
      },
    );
  }

  async markVerified(id: string, codeHash: string, at: string): Promise<boolean> {
    return this.updateIf(
      id,
      (record) => usableCode(record, codeHash),
      (record, hidden) => {
        record.status = 'verified';
        record.verifiedAt = at;
        // `openController = controllerId`: into the index of open requests.
        hidden.openController = record.controllerId as string;
      },
    );
  }

  async confirmMailbox(id: string, codeHash: string, at: string): Promise<boolean> {
    return this.updateIf(
      id,
      (record) => usableCode(record, codeHash) && record.eidSignIn === undefined,
      (record) => {
        record.mailboxConfirmedAt = at;
      },
    );
  }

  async recordIdentity(id: string, identity: EidIdentity): Promise<boolean> {
    return this.updateIf(
      id,
      (record) =>
        record.status === 'awaiting-verification' &&
        record.eidSignIn === undefined &&
        record.mailboxConfirmedAt === undefined,
      (record) => {
        record.eidSignIn = copy(identity);
      },
    );
  }

  async verifyWithIdentity(id: string, identity: EidIdentity, at: string): Promise<boolean> {
    return this.updateIf(
      id,
      (record) =>
        record.status === 'awaiting-verification' &&
        record.eidSignIn === undefined &&
        record.mailboxConfirmedAt !== undefined,
      (record, hidden) => {
        record.eidSignIn = copy(identity);
        record.status = 'verified';
        record.verifiedAt = at;
        hidden.openController = record.controllerId as string;
      },
    );
  }

  async markDuplicateVerified(id: string, at: string): Promise<void> {
    // `kind = :duplicate`: an original is only ever verified with its code (markVerified).
    await this.updateIf(
      id,
      (record) => record.kind === 'duplicate',
      (record) => {
        record.status = 'verified';
        record.verifiedAt = at;
      },
    );
  }

  async updateDuplicateBudget(
    id: string,
    before: DuplicateBudget | undefined,
    after: DuplicateBudget,
  ): Promise<boolean> {
    // `:after` is one value: an undefined field inside it is refused.
    refuseUndefined(after, 'budget');
    return this.updateIf(
      id,
      (record) => {
        if (record.kind !== 'duplicate') return false;
        const budget = record.budget as DuplicateBudget | undefined;
        // No budget read: none may have been stored since. Else all three fields must be as read.
        if (before === undefined) return budget === undefined;
        return (
          budget !== undefined &&
          budget.attemptsLeft === before.attemptsLeft &&
          budget.resends === before.resends &&
          budget.lastCodeAt === before.lastCodeAt
        );
      },
      (record) => {
        record.budget = copy(after);
      },
    );
  }

  // The three marks are conditional on `attribute_exists(pk)` only: they never create an item.

  async clearReceiptMark(id: string, at: string): Promise<void> {
    this.updateIf(
      id,
      // `receiptSentAt = :at`: only the mark this send set.
      (record) => record.receiptSentAt === at,
      (record) => {
        delete record.receiptSentAt;
      },
    );
  }

  async markResumed(id: string, at: string): Promise<void> {
    await this.updateIf(
      id,
      () => true,
      (record) => {
        record.resumedAt = at;
        // The token has done its job.
        delete record.taskToken;
      },
    );
  }

  async markClosedNoticeSent(id: string, at: string): Promise<void> {
    await this.updateIf(
      id,
      () => true,
      (record) => {
        record.closedNoticeSentAt = at;
      },
    );
  }

  async closeUnverified(id: string, at: string, dedupeKey: string): Promise<boolean> {
    const closed = this.updateIf(
      id,
      // `#status = :awaiting`: false if verified (or closed) meanwhile.
      (record) => record.status === 'awaiting-verification',
      (record, hidden) => {
        record.status = 'closed-unverified';
        record.closedAt = at;
        // `REMOVE taskToken, openController, verification`: no secret outlives the request's window.
        delete record.taskToken;
        delete record.verification;
        // The adapter removes it too; an awaiting request is never in the index, so this is for parity only.
        delete hidden.openController;
      },
    );
    // The lock is freed only while it is still this request's (`requestId = :id`): a newer request's
    // lock stays.
    if (closed && this.locks.get(dedupeKey)?.requestId === id) this.locks.delete(dedupeKey);
    return closed;
  }

  // Read-outs and faults for tests.

  /** The duplicate lock under this key (what DEDUPE#<key> holds), if any. */
  lock(dedupeKey: string): DuplicateLock | undefined {
    const lock = this.locks.get(dedupeKey);
    return lock === undefined ? undefined : { ...lock };
  }

  /** The ids in the index of open requests for one controller, by due date (the OpenByDueDate index). */
  openRequestIds(controllerId: string): string[] {
    return [...this.requests.values()]
      .filter((item) => item.hidden.openController === controllerId)
      .sort((a, b) => String(a.record.dueAt).localeCompare(String(b.record.dueAt)))
      .map((item) => String(item.record.id));
  }

  /** Everything stored (records with their hidden attributes, and the locks): what a copy of the table holds. */
  items(): Record<string, unknown>[] {
    return [
      ...[...this.requests.values()].map((item) => copy({ ...item.record, ...item.hidden })),
      ...[...this.locks.entries()].map(([key, lock]) => ({ kind: 'duplicate-lock', key, ...lock })),
    ];
  }

  /**
   * Takes a request out as if the second write of its create had not happened (yet), leaving its lock;
   * returns a function that writes it back.
   */
  withholdRequest(id: string): () => void {
    const item = this.requests.get(id);
    if (item === undefined) throw new Error(`No request ${id} to withhold`);
    this.requests.delete(id);
    return () => {
      this.requests.set(id, item);
    };
  }

  /**
   * One conditional update of a stored item: false, and nothing changed, when the item does not exist (a
   * condition on a missing item fails: an update never creates one) or the condition does not hold.
   */
  private updateIf(
    id: string,
    condition: (record: Record<string, unknown>) => boolean,
    update: (record: Record<string, unknown>, hidden: HiddenAttributes) => void,
  ): boolean {
    const item = this.requests.get(id);
    if (item === undefined || !condition(item.record)) return false;
    update(item.record, item.hidden);
    return true;
  }
}

/** A refused conditional write, as DynamoDB's ConditionalCheckFailedException refuses it. */
export class ConditionFailed extends Error {
  constructor(operation: string) {
    super(`The conditional request failed (${operation})`);
    this.name = 'ConditionalCheckFailedException';
  }
}

/** Still awaiting, this code still the current one, and not burned: what a typed code may change. */
function usableCode(record: Record<string, unknown>, codeHash: string): boolean {
  const verification = record.verification as Record<string, unknown> | undefined;
  return (
    record.status === 'awaiting-verification' &&
    verification?.codeHash === codeHash &&
    typeof verification.attemptsLeft === 'number' &&
    verification.attemptsLeft > 0
  );
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * What the DynamoDB document client (as the handlers build it, without `removeUndefinedValues`) makes of a
 * record: a top-level attribute whose value is `undefined` is left out, and an `undefined` inside an
 * attribute (a map's field, a list's entry) makes the write fail. The fake does the same, so a record the
 * domain builds with one behaves here as it would on AWS.
 */
function asItem(record: object): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    refuseUndefined(value, key);
    item[key] = copy(value);
  }
  return item;
}

function refuseUndefined(value: unknown, path: string): void {
  if (value === undefined) {
    throw new Error(
      `Pass options.removeUndefinedValues=true to remove undefined values from map/array/set (${path})`,
    );
  }
  if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      refuseUndefined(entry, `${path}[${index}]`);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) refuseUndefined(entry, `${path}.${key}`);
  }
}
