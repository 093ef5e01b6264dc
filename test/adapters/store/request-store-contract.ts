/**
 * What every RequestStore must do (lambdas/domain/requests/record.ts), run against the DynamoDB adapter on
 * dynalite (dynamo-requests-contract.test.ts) and the in-memory fake the domain tests use
 * (test/support/in-memory-requests.test.ts): a fake that passes here keeps the conditions the use cases
 * rely on. What only the table shows (TTL attributes, parsing a malformed item) stays in
 * dynamo-requests.test.ts.
 */
import type {
  CodeIssue,
  DuplicateBudget,
  DuplicateRecord,
  EidIdentity,
  RequestRecord,
  RequestStore,
  WorkflowCodeIssue,
} from '../../../lambdas/domain/requests/record';

/** The store under test, with what a test reads from or does to its storage directly. */
export interface RequestStoreFixture {
  readonly store: RequestStore;
  /** The request the duplicate lock under this key points at, and until when; undefined without one. */
  lock(dedupeKey: string): Promise<{ requestId: string; until: string } | undefined>;
  /** The ids in the index of open requests for one controller. */
  openRequestIds(controllerId: string): Promise<string[]>;
  /**
   * Takes a stored request out, as if the second write of its create had not happened (yet), and leaves
   * its lock; resolves to a function that writes it back.
   */
  withholdRequest(id: string): Promise<() => Promise<void>>;
}

export const CONTROLLER = 'sterk-helse-og-trening';
const RECEIVED_AT = '2026-03-02T09:00:00.000Z';
const DUE_AT = '2026-04-02T21:59:59.999Z';
const VERIFIED_AT = '2026-03-02T09:10:00.000Z';

export function requestRecord(id: string, overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    kind: 'request',
    id,
    type: 'access',
    controllerId: CONTROLLER,
    lang: 'nb',
    receivedAt: RECEIVED_AT,
    receivedDate: '2026-03-02',
    dueDate: '2026-04-02',
    dueAt: DUE_AT,
    status: 'awaiting-verification',
    statusTokenHashes: ['status-hash-1'],
    policyVersion: '1.0.0',
    requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
    ...overrides,
  };
}

export function duplicateRecord(id: string, duplicateOf: string): DuplicateRecord {
  return {
    kind: 'duplicate',
    id,
    duplicateOf,
    type: 'access',
    controllerId: CONTROLLER,
    lang: 'en',
    receivedAt: '2026-03-03T10:00:00.000Z',
    receivedDate: '2026-03-03',
    dueDate: '2026-04-03',
    dueAt: '2026-04-03T21:59:59.999Z',
    status: 'awaiting-verification',
    statusTokenHashes: ['status-hash-dup'],
    verifyBy: '2026-03-10T10:00:00.000Z',
  };
}

export function codeIssue(overrides: Partial<CodeIssue> = {}): CodeIssue {
  return {
    codeHash: 'code-hash-1',
    issuedAt: '2026-03-02T09:00:05.000Z',
    expiresAt: '2026-03-03T09:00:05.000Z',
    attemptsLeft: 5,
    resends: 0,
    ...overrides,
  };
}

/** The verification step's code: with a task token, a new status token and the receipt mark's time. */
export function workflowCode(overrides: Partial<WorkflowCodeIssue> = {}): WorkflowCodeIssue {
  return {
    ...codeIssue(),
    taskToken: 'task-1',
    statusTokenHash: 'status-hash-2',
    receiptAt: '2026-03-02T09:00:05.000Z',
    ...overrides,
  };
}

const lock = { key: 'dedupe-key-1', until: DUE_AT };
const BUDGET: DuplicateBudget = { attemptsLeft: 5, resends: 0, lastCodeAt: '2026-03-03T10:00:00.000Z' };

/** Defines the contract's tests; `current` gives the fixture, with an empty store for each test. */
export function requestStoreContract(current: () => RequestStoreFixture): void {
  const store = () => current().store;

  /** A stored request with its first code, as the workflow's first step leaves it. */
  async function awaitingWithCode(id: string, issue: Partial<CodeIssue> = {}): Promise<void> {
    await store().create(requestRecord(id), { key: `dedupe-${id}`, until: DUE_AT }, 'subject-1');
    await store().issueCode(id, codeIssue({ taskToken: `task-${id}`, ...issue }));
  }

  /** A resend of the code with `resends` 0, as read at 09:00:10. */
  const resend = (codeHash: string) =>
    codeIssue({
      codeHash,
      issuedAt: '2026-03-02T09:01:10.000Z',
      resends: 1,
      resend: { issuedBefore: '2026-03-02T09:00:10.000Z', previousResends: 0 },
    });

  describe('Contract: RequestStore', () => {
    describe('Method: create', () => {
      it('stores the request and returns it unchanged from get', async () => {
        // Prepare
        const expected = requestRecord('req-1', {
          details: 'Alt dere har om meg',
          onBehalfOf: { name: 'Ola Nordmann', birthDate: '2015-05-17', relationship: 'guardian' },
        });

        // Act
        const result = await store().create(expected, lock, 'subject-1');

        // Assess
        expect(result).toEqual({ created: true });
        expect(await store().get('req-1')).toEqual(expected);
        expect(await current().lock(lock.key)).toEqual({ requestId: 'req-1', until: DUE_AT });
      });

      it('answers a second request with the same dedupe key with the id of the first, and does not store it', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const result = await store().create(requestRecord('req-2'), lock, 'subject-1');

        // Assess
        expect(result).toEqual({ created: false, duplicateOf: 'req-1' });
        expect(await store().get('req-2')).toBeUndefined();
        expect(await current().lock(lock.key)).toMatchObject({ requestId: 'req-1' });
      });

      it('lets exactly one of five racing requests with the same dedupe key be created', async () => {
        // Act
        const results = await Promise.all(
          ['req-1', 'req-2', 'req-3', 'req-4', 'req-5'].map((id) =>
            store().create(requestRecord(id), lock, 'subject-1'),
          ),
        );

        // Assess
        const winners = results.flatMap((result, index) => (result.created ? [`req-${index + 1}`] : []));
        expect(winners).toHaveLength(1);
        expect(results.filter((result) => !result.created)).toEqual(
          Array.from({ length: 4 }, () => ({ created: false, duplicateOf: winners[0] })),
        );
        expect(await current().lock(lock.key)).toMatchObject({ requestId: winners[0] });
      });

      it('stores requests with different dedupe keys side by side', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const result = await store().create(
          requestRecord('req-2'),
          { key: 'dedupe-key-2', until: DUE_AT },
          'subject-1',
        );

        // Assess
        expect(result).toEqual({ created: true });
        expect(await store().get('req-2')).toMatchObject({ id: 'req-2' });
      });

      it('never overwrites a stored request with a new one of the same id', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const attempt = store().create(
          requestRecord('req-1', { type: 'erasure' }),
          { key: 'dedupe-key-2', until: DUE_AT },
          'subject-1',
        );

        // Assess
        await expect(attempt).rejects.toThrow();
        expect(await store().get('req-1')).toMatchObject({ type: 'access' });
      });

      it('drops a top-level attribute whose value is undefined, as the document client does', async () => {
        // Act
        const result = await store().create(
          requestRecord('req-1', { details: undefined }),
          lock,
          'subject-1',
        );

        // Assess
        expect(result).toEqual({ created: true });
        expect(await store().get('req-1')).not.toHaveProperty('details');
      });

      it('refuses a record with an undefined value inside an attribute, as the document client does', async () => {
        // Prepare
        const requester = { name: 'Kari Nordmann', email: 'kari@example.no', phone: undefined };

        // Act
        const attempt = store().create(requestRecord('req-1', { requester }), lock, 'subject-1');

        // Assess
        await expect(attempt).rejects.toThrow(/removeUndefinedValues/);
        expect(await store().get('req-1')).toBeUndefined();
      });

      it('waits for a lock whose request is still being written, and then calls it a duplicate', async () => {
        // Prepare: the first submission has taken the lock; its request is written 300 ms later.
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        const writeBack = await current().withholdRequest('req-1');
        const moments = requestRecord('req-2', { receivedAt: '2026-03-02T09:00:00.500Z' });
        setTimeout(() => void writeBack(), 300);

        // Act
        const result = await store().create(moments, lock, 'subject-1');

        // Assess
        expect(result).toEqual({ created: false, duplicateOf: 'req-1' });
      });

      it('takes over a fresh lock whose request never comes (its writer failed), instead of losing the submission', async () => {
        // Prepare: a lock left by a create whose request write failed; its client is retrying at once.
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        await current().withholdRequest('req-1');
        const retry = requestRecord('req-2', { receivedAt: '2026-03-02T09:00:00.500Z' });

        // Act
        const result = await store().create(retry, lock, 'subject-1');

        // Assess
        expect(result).toEqual({ created: true });
        expect(await store().get('req-2')).toMatchObject({ id: 'req-2' });
        expect(await current().lock(lock.key)).toMatchObject({ requestId: 'req-2' });
      });

      it('takes over an old lock whose request was never written, without waiting', async () => {
        // Prepare: a lock left by a create that crashed before writing its request.
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        await current().withholdRequest('req-1');
        const later = requestRecord('req-2', { receivedAt: '2026-03-02T09:05:00.000Z' });
        const started = Date.now();

        // Act
        const result = await store().create(later, lock, 'subject-1');

        // Assess
        expect(result).toEqual({ created: true });
        expect(Date.now() - started).toBeLessThan(1_500);
        expect(await current().lock(lock.key)).toMatchObject({ requestId: 'req-2' });
      });

      it('takes over a lock whose request has stopped blocking duplicates', async () => {
        // Prepare
        await store().create(
          requestRecord('req-1'),
          { key: lock.key, until: '2026-03-05T00:00:00.000Z' },
          'subject-1',
        );
        const later = requestRecord('req-2', { receivedAt: '2026-03-05T00:00:00.001Z' });

        // Act
        const result = await store().create(later, lock, 'subject-1');

        // Assess
        expect(result).toEqual({ created: true });
        expect(await current().lock(lock.key)).toEqual({ requestId: 'req-2', until: DUE_AT });
      });

      it('still blocks duplicates at the instant the lock ends', async () => {
        // Prepare
        await store().create(
          requestRecord('req-1'),
          { key: lock.key, until: '2026-03-05T00:00:00.000Z' },
          'subject-1',
        );
        const later = requestRecord('req-2', { receivedAt: '2026-03-05T00:00:00.000Z' });

        // Act
        const result = await store().create(later, lock, 'subject-1');

        // Assess
        expect(result).toEqual({ created: false, duplicateOf: 'req-1' });
      });
    });

    describe('Methods: createDuplicate and get', () => {
      it('stores a duplicate and returns it unchanged from get', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        const duplicate = duplicateRecord('req-2', 'req-1');

        // Act
        await store().createDuplicate(duplicate);

        // Assess
        expect(await store().get('req-2')).toEqual(duplicate);
      });

      it('never overwrites an existing item with a duplicate', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const attempt = store().createDuplicate(duplicateRecord('req-1', 'req-0'));

        // Assess
        await expect(attempt).rejects.toThrow();
        expect(await store().get('req-1')).toMatchObject({ kind: 'request' });
      });

      it('returns undefined for an id that does not exist', async () => {
        // Act
        const stored = await store().get('req-unknown');

        // Assess
        expect(stored).toBeUndefined();
      });

      it.each([
        ['too long for a key', 'r'.repeat(3_000)],
        ['with characters an id never has', 'req 1/../x'],
      ])('returns undefined, without an error, for an id %s', async (_, id) => {
        // Act
        const stored = await store().get(id);

        // Assess
        expect(stored).toBeUndefined();
      });

      it('returns a copy: changing what get returned changes nothing stored', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        const read = (await store().get('req-1')) as unknown as {
          statusTokenHashes: string[];
          status: string;
        };

        // Act
        read.statusTokenHashes.push('status-hash-forged');
        read.status = 'verified';

        // Assess
        expect(await store().get('req-1')).toMatchObject({
          status: 'awaiting-verification',
          statusTokenHashes: ['status-hash-1'],
        });
      });
    });

    describe('Method: issueCode', () => {
      it('stores the code, the task token and another status token hash on an awaiting request', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const issued = await store().issueCode(
          'req-1',
          codeIssue({ taskToken: 'task-1', statusTokenHash: 'status-hash-2' }),
        );

        // Assess
        expect(issued).toBe(true);
        expect(await store().get('req-1')).toMatchObject({
          taskToken: 'task-1',
          statusTokenHashes: ['status-hash-1', 'status-hash-2'],
          verification: {
            codeHash: 'code-hash-1',
            issuedAt: '2026-03-02T09:00:05.000Z',
            expiresAt: '2026-03-03T09:00:05.000Z',
            attemptsLeft: 5,
            resends: 0,
          },
        });
      });

      it('replaces the whole code, attempts included, when the workflow issues again', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().recordWrongCode('req-1', 'code-hash-1', 5);

        // Act
        const issued = await store().issueCode('req-1', codeIssue({ codeHash: 'code-hash-2' }));

        // Assess
        expect(issued).toBe(true);
        const stored = await store().get('req-1');
        expect(stored).toMatchObject({
          taskToken: 'task-req-1',
          statusTokenHashes: ['status-hash-1'],
          verification: { codeHash: 'code-hash-2', attemptsLeft: 5, resends: 0 },
        });
      });

      it('refuses a code for a request that is no longer awaiting verification', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().markVerified('req-1', 'code-hash-1', VERIFIED_AT);

        // Act
        const issued = await store().issueCode('req-1', codeIssue({ codeHash: 'code-hash-2' }));

        // Assess
        expect(issued).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ verification: { codeHash: 'code-hash-1' } });
      });

      it('refuses a code for a request closed unverified', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().closeUnverified('req-1', '2026-03-09T09:00:00.000Z', 'dedupe-req-1');

        // Act
        const issued = await store().issueCode('req-1', codeIssue({ codeHash: 'code-hash-2' }));

        // Assess
        expect(issued).toBe(false);
        expect(await store().get('req-1')).not.toHaveProperty('verification');
      });

      it('refuses a code for a request that does not exist, without creating it', async () => {
        // Act
        const issued = await store().issueCode('req-unknown', codeIssue());

        // Assess
        expect(issued).toBe(false);
        expect(await store().get('req-unknown')).toBeUndefined();
      });

      it('accepts a resend while the code read before is still the current one', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const issued = await store().issueCode('req-1', resend('code-hash-2'));

        // Assess
        expect(issued).toBe(true);
        expect(await store().get('req-1')).toMatchObject({
          taskToken: 'task-req-1',
          verification: { codeHash: 'code-hash-2', resends: 1 },
        });
      });

      it('accepts a resend when the current code was issued at issuedBefore itself', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const issued = await store().issueCode(
          'req-1',
          codeIssue({
            codeHash: 'code-hash-2',
            resends: 1,
            resend: { issuedBefore: '2026-03-02T09:00:05.000Z', previousResends: 0 },
          }),
        );

        // Assess
        expect(issued).toBe(true);
      });

      it('refuses a resend when another resend got there first', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().issueCode('req-1', resend('code-hash-2'));

        // Act
        const issued = await store().issueCode('req-1', resend('code-hash-3'));

        // Assess
        expect(issued).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ verification: { codeHash: 'code-hash-2' } });
      });

      it('refuses a resend read from another count of resends, even in time', async () => {
        // Prepare: the current code (resends 0) was issued before issuedBefore
        await awaitingWithCode('req-1');

        // Act
        const issued = await store().issueCode(
          'req-1',
          codeIssue({
            codeHash: 'code-hash-2',
            resends: 2,
            resend: { issuedBefore: '2026-03-02T09:00:10.000Z', previousResends: 1 },
          }),
        );

        // Assess
        expect(issued).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ verification: { codeHash: 'code-hash-1' } });
      });

      it('lets exactly one of ten racing resends through', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, index) => store().issueCode('req-1', resend(`code-hash-r${index}`))),
        );

        // Assess
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store().get('req-1')).toMatchObject({
          verification: { codeHash: `code-hash-r${results.indexOf(true)}`, resends: 1 },
        });
      });

      it('refuses a resend when the current code was issued after issuedBefore', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const issued = await store().issueCode(
          'req-1',
          codeIssue({
            codeHash: 'code-hash-2',
            resends: 1,
            resend: { issuedBefore: '2026-03-02T09:00:04.999Z', previousResends: 0 },
          }),
        );

        // Assess
        expect(issued).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ verification: { codeHash: 'code-hash-1' } });
      });

      it('refuses a later resend while no code exists', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const issued = await store().issueCode('req-1', resend('code-hash-2'));

        // Assess
        expect(issued).toBe(false);
        expect(await store().get('req-1')).not.toHaveProperty('verification');
      });

      it('refuses a first resend once the workflow has issued a code', async () => {
        // Prepare: the resend read the request before any code existed.
        await awaitingWithCode('req-1');

        // Act
        const issued = await store().issueCode(
          'req-1',
          codeIssue({
            codeHash: 'code-hash-2',
            resends: 1,
            resend: { issuedBefore: '2026-03-02T09:00:10.000Z' },
          }),
        );

        // Assess
        expect(issued).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ verification: { codeHash: 'code-hash-1' } });
      });

      it('accepts a first resend while no code exists yet', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const issued = await store().issueCode(
          'req-1',
          codeIssue({ resends: 1, resend: { issuedBefore: '2026-03-02T09:00:05.000Z' } }),
        );

        // Assess
        expect(issued).toBe(true);
        expect(await store().get('req-1')).toMatchObject({ verification: { resends: 1 } });
      });
    });

    describe('Method: recordWrongCode', () => {
      it('uses up one attempt of the current code', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const recorded = await store().recordWrongCode('req-1', 'code-hash-1', 5);

        // Assess
        expect(recorded).toBe(true);
        expect(await store().get('req-1')).toMatchObject({ verification: { attemptsLeft: 4 } });
      });

      it('refuses an attempt at a code that has been replaced', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const recorded = await store().recordWrongCode('req-1', 'code-hash-old', 5);

        // Assess
        expect(recorded).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ verification: { attemptsLeft: 5 } });
      });

      it('refuses an attempt counted from a stale number of attempts left', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().recordWrongCode('req-1', 'code-hash-1', 5);

        // Act
        const recorded = await store().recordWrongCode('req-1', 'code-hash-1', 5);

        // Assess
        expect(recorded).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ verification: { attemptsLeft: 4 } });
      });

      it('refuses an attempt at a request that does not exist, without creating it', async () => {
        // Act
        const recorded = await store().recordWrongCode('req-unknown', 'code-hash-1', 5);

        // Assess
        expect(recorded).toBe(false);
        expect(await store().get('req-unknown')).toBeUndefined();
      });

      it('lets exactly one of 20 concurrent attempts with the same count through', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store().recordWrongCode('req-1', 'code-hash-1', 5)),
        );

        // Assess
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store().get('req-1')).toMatchObject({ verification: { attemptsLeft: 4 } });
      });
    });

    describe('Method: markVerified', () => {
      it('marks the request verified and puts it in the index of open requests', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await awaitingWithCode('req-2');

        // Act
        const verified = await store().markVerified('req-1', 'code-hash-1', VERIFIED_AT);

        // Assess
        expect(verified).toBe(true);
        const stored = await store().get('req-1');
        expect(stored).toMatchObject({ status: 'verified', verifiedAt: VERIFIED_AT });
        expect(stored).not.toHaveProperty('openController');
        expect(await current().openRequestIds(CONTROLLER)).toEqual(['req-1']);
      });

      it('refuses a code that is not the current one', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const verified = await store().markVerified('req-1', 'code-hash-old', VERIFIED_AT);

        // Assess
        expect(verified).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ status: 'awaiting-verification' });
        expect(await current().openRequestIds(CONTROLLER)).toEqual([]);
      });

      it('refuses before any code was issued', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const verified = await store().markVerified('req-1', 'code-hash-1', VERIFIED_AT);

        // Assess
        expect(verified).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ status: 'awaiting-verification' });
      });

      it('refuses a burned code', async () => {
        // Prepare
        await awaitingWithCode('req-1', { attemptsLeft: 1 });
        await store().recordWrongCode('req-1', 'code-hash-1', 1);

        // Act
        const verified = await store().markVerified('req-1', 'code-hash-1', VERIFIED_AT);

        // Assess
        expect(verified).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ status: 'awaiting-verification' });
      });

      it('verifies only once', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().markVerified('req-1', 'code-hash-1', VERIFIED_AT);

        // Act
        const again = await store().markVerified('req-1', 'code-hash-1', '2026-03-02T09:11:00.000Z');

        // Assess
        expect(again).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ verifiedAt: VERIFIED_AT });
      });

      it('lets exactly one of ten racing verifications through', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            store().markVerified('req-1', 'code-hash-1', `2026-03-02T09:10:0${index}.000Z`),
          ),
        );

        // Assess
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store().get('req-1')).toMatchObject({
          verifiedAt: `2026-03-02T09:10:0${results.indexOf(true)}.000Z`,
        });
      });

      it('refuses a request that does not exist, without creating it', async () => {
        // Act
        const verified = await store().markVerified('req-unknown', 'code-hash-1', VERIFIED_AT);

        // Assess
        expect(verified).toBe(false);
        expect(await store().get('req-unknown')).toBeUndefined();
      });
    });

    describe('Methods: confirmMailbox, recordIdentity and verifyWithIdentity (ID-porten)', () => {
      const identity: EidIdentity = {
        method: 'eid',
        level: 'high',
        birthDate: 'matches',
        amr: ['BankID'],
        verifiedAt: VERIFIED_AT,
        personPseudonym: 'person-1',
      };

      it('confirms the mailbox with the current code without verifying or opening the request', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const confirmed = await store().confirmMailbox('req-1', 'code-hash-1', VERIFIED_AT);

        // Assess
        expect(confirmed).toBe(true);
        expect(await store().get('req-1')).toMatchObject({
          status: 'awaiting-verification',
          mailboxConfirmedAt: VERIFIED_AT,
        });
        expect(await current().openRequestIds(CONTROLLER)).toEqual([]);
      });

      it('refuses to confirm the mailbox with a code that is not the current one', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const confirmed = await store().confirmMailbox('req-1', 'code-hash-old', VERIFIED_AT);

        // Assess
        expect(confirmed).toBe(false);
        expect(await store().get('req-1')).not.toHaveProperty('mailboxConfirmedAt');
      });

      it('records a sign-in on an awaiting request, once', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const first = await store().recordIdentity('req-1', identity);
        const second = await store().recordIdentity('req-1', { ...identity, personPseudonym: 'person-2' });

        // Assess
        expect([first, second]).toEqual([true, false]);
        expect(await store().get('req-1')).toMatchObject({
          status: 'awaiting-verification',
          eidSignIn: identity,
        });
      });

      it('refuses to record a sign-in on its own once the mailbox is confirmed: that one verifies', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().confirmMailbox('req-1', 'code-hash-1', VERIFIED_AT);

        // Act
        const recorded = await store().recordIdentity('req-1', identity);
        const verified = await store().verifyWithIdentity('req-1', identity, VERIFIED_AT);

        // Assess
        expect([recorded, verified]).toEqual([false, true]);
        expect(await store().get('req-1')).toMatchObject({
          status: 'verified',
          verifiedAt: VERIFIED_AT,
          eidSignIn: identity,
        });
        expect(await current().openRequestIds(CONTROLLER)).toEqual(['req-1']);
      });

      it('refuses to verify with a sign-in before the mailbox is confirmed', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const verified = await store().verifyWithIdentity('req-1', identity, VERIFIED_AT);

        // Assess
        expect(verified).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ status: 'awaiting-verification' });
        expect(await store().get('req-1')).not.toHaveProperty('eidSignIn');
      });

      it('refuses to confirm the mailbox once a sign-in is recorded, and to record one on a verified request', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await awaitingWithCode('req-2');
        await store().recordIdentity('req-1', identity);
        await store().markVerified('req-2', 'code-hash-1', VERIFIED_AT);

        // Act
        const confirmed = await store().confirmMailbox('req-1', 'code-hash-1', VERIFIED_AT);
        const recorded = await store().recordIdentity('req-2', identity);

        // Assess
        expect([confirmed, recorded]).toEqual([false, false]);
        expect(await store().get('req-2')).not.toHaveProperty('eidSignIn');
      });

      it('lets exactly one of a code and a sign-in arriving at once take the first step', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const results = await Promise.all([
          store().confirmMailbox('req-1', 'code-hash-1', VERIFIED_AT),
          store().recordIdentity('req-1', identity),
        ]);

        // Assess
        expect(results.filter(Boolean)).toHaveLength(1);
        const stored = await store().get('req-1');
        expect(
          stored?.kind === 'request' &&
            (stored.eidSignIn === undefined) !== (stored.mailboxConfirmedAt === undefined),
        ).toBe(true);
      });
    });

    describe('Method: markDuplicateVerified', () => {
      it('marks a duplicate verified, but never an original, nor an id that does not exist', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().createDuplicate(duplicateRecord('req-2', 'req-1'));

        // Act
        await store().markDuplicateVerified('req-2', '2026-03-03T11:00:00.000Z');
        await store().markDuplicateVerified('req-1', '2026-03-03T11:00:00.000Z');
        await store().markDuplicateVerified('req-unknown', '2026-03-03T11:00:00.000Z');

        // Assess
        expect(await store().get('req-2')).toMatchObject({
          status: 'verified',
          verifiedAt: '2026-03-03T11:00:00.000Z',
        });
        expect(await store().get('req-1')).toMatchObject({ status: 'awaiting-verification' });
        expect(await store().get('req-1')).not.toHaveProperty('verifiedAt');
        expect(await store().get('req-unknown')).toBeUndefined();
        expect(await current().openRequestIds(CONTROLLER)).toEqual([]);
      });
    });

    describe('Method: updateDuplicateBudget', () => {
      async function storedDuplicate(): Promise<void> {
        await awaitingWithCode('req-1');
        await store().createDuplicate(duplicateRecord('req-2', 'req-1'));
      }

      it('stores a first budget on a duplicate that has none', async () => {
        // Prepare
        await storedDuplicate();

        // Act
        const updated = await store().updateDuplicateBudget('req-2', undefined, BUDGET);

        // Assess
        expect(updated).toBe(true);
        expect(await store().get('req-2')).toMatchObject({ budget: BUDGET });
      });

      it('refuses a first budget when another was stored meanwhile', async () => {
        // Prepare
        await storedDuplicate();
        await store().updateDuplicateBudget('req-2', undefined, BUDGET);

        // Act
        const updated = await store().updateDuplicateBudget('req-2', undefined, {
          ...BUDGET,
          attemptsLeft: 4,
        });

        // Assess
        expect(updated).toBe(false);
        expect(await store().get('req-2')).toMatchObject({ budget: BUDGET });
      });

      it('replaces the budget that was read', async () => {
        // Prepare
        await storedDuplicate();
        await store().updateDuplicateBudget('req-2', undefined, BUDGET);
        const after = { attemptsLeft: 4, resends: 1, lastCodeAt: '2026-03-03T10:05:00.000Z' };

        // Act
        const updated = await store().updateDuplicateBudget('req-2', BUDGET, after);

        // Assess
        expect(updated).toBe(true);
        expect(await store().get('req-2')).toMatchObject({ budget: after });
      });

      it.each([
        ['attempts left', { attemptsLeft: 4 }],
        ['resends', { resends: 1 }],
        ['time of the last code', { lastCodeAt: '2026-03-03T10:05:00.000Z' }],
      ])('refuses when the stored budget differs from the one read in its %s', async (_, change) => {
        // Prepare
        await storedDuplicate();
        await store().updateDuplicateBudget('req-2', undefined, BUDGET);

        // Act
        const updated = await store().updateDuplicateBudget(
          'req-2',
          { ...BUDGET, ...change },
          {
            ...BUDGET,
            attemptsLeft: 0,
          },
        );

        // Assess
        expect(updated).toBe(false);
        expect(await store().get('req-2')).toMatchObject({ budget: BUDGET });
      });

      it('refuses a budget read as absent on a duplicate that has one', async () => {
        // Prepare
        await storedDuplicate();
        await store().updateDuplicateBudget('req-2', undefined, BUDGET);

        // Act
        const updated = await store().updateDuplicateBudget('req-2', undefined, { ...BUDGET, resends: 3 });

        // Assess
        expect(updated).toBe(false);
      });

      it('lets exactly one of ten racing updates of the same budget through', async () => {
        // Prepare
        await storedDuplicate();
        await store().updateDuplicateBudget('req-2', undefined, BUDGET);

        // Act
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            store().updateDuplicateBudget('req-2', BUDGET, { ...BUDGET, attemptsLeft: index }),
          ),
        );

        // Assess
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store().get('req-2')).toMatchObject({
          budget: { attemptsLeft: results.indexOf(true) },
        });
      });

      it('never gives an original or an id that does not exist a budget', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const onOriginal = await store().updateDuplicateBudget('req-1', undefined, BUDGET);
        const onUnknown = await store().updateDuplicateBudget('req-unknown', undefined, BUDGET);

        // Assess
        expect([onOriginal, onUnknown]).toEqual([false, false]);
        expect(await store().get('req-1')).not.toHaveProperty('budget');
        expect(await store().get('req-unknown')).toBeUndefined();
      });
    });

    describe('Method: issueWorkflowCode', () => {
      it('stores the code, the token and the receipt mark in one go, and returns the request as it was', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const issued = await store().issueWorkflowCode('req-1', workflowCode());

        // Assess
        expect(issued).toEqual({ issued: true, request: requestRecord('req-1'), receipt: true });
        expect(await store().get('req-1')).toMatchObject({
          taskToken: 'task-1',
          statusTokenHashes: ['status-hash-1', 'status-hash-2'],
          receiptSentAt: '2026-03-02T09:00:05.000Z',
          verification: { codeHash: 'code-hash-1', attemptsLeft: 5, resends: 0 },
        });
      });

      it('keeps the first receipt mark on a later code, and says the receipt went out before', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        await store().issueWorkflowCode('req-1', workflowCode());

        // Act
        const reminder = await store().issueWorkflowCode(
          'req-1',
          workflowCode({
            codeHash: 'code-hash-2',
            taskToken: 'task-2',
            statusTokenHash: 'status-hash-3',
            receiptAt: '2026-03-05T09:00:00.000Z',
          }),
        );

        // Assess
        expect(reminder).toMatchObject({
          issued: true,
          receipt: false,
          request: { verification: { codeHash: 'code-hash-1' }, taskToken: 'task-1' },
        });
        expect(await store().get('req-1')).toMatchObject({
          taskToken: 'task-2',
          receiptSentAt: '2026-03-02T09:00:05.000Z',
          verification: { codeHash: 'code-hash-2' },
        });
      });

      it('lets exactly one of five racing codes claim the receipt', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const results = await Promise.all(
          [1, 2, 3, 4, 5].map((n) =>
            store().issueWorkflowCode(
              'req-1',
              workflowCode({ codeHash: `code-hash-${n}`, receiptAt: `2026-03-02T09:00:0${n}.000Z` }),
            ),
          ),
        );

        // Assess
        const receipts = results.filter((result) => result.issued && result.receipt);
        expect(receipts).toHaveLength(1);
        expect(results.every((result) => result.issued)).toBe(true);
      });

      it('refuses a verified or closed request, and returns it as it is now', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().markVerified('req-1', 'code-hash-1', VERIFIED_AT);
        await awaitingWithCode('req-2');
        await store().closeUnverified('req-2', '2026-03-09T09:00:00.000Z', 'dedupe-req-2');

        // Act
        const verified = await store().issueWorkflowCode('req-1', workflowCode({ codeHash: 'code-hash-2' }));
        const closed = await store().issueWorkflowCode('req-2', workflowCode({ codeHash: 'code-hash-2' }));

        // Assess
        expect(verified).toMatchObject({ issued: false, request: { id: 'req-1', status: 'verified' } });
        expect(closed).toMatchObject({
          issued: false,
          request: { id: 'req-2', status: 'closed-unverified' },
        });
        expect(await store().get('req-1')).toMatchObject({ verification: { codeHash: 'code-hash-1' } });
        expect(await store().get('req-1')).not.toHaveProperty('receiptSentAt');
        expect(await store().get('req-2')).not.toHaveProperty('verification');
      });

      it('refuses a duplicate and an id that does not exist, creating nothing', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        await store().createDuplicate(duplicateRecord('req-2', 'req-1'));

        // Act
        const duplicate = await store().issueWorkflowCode('req-2', workflowCode());
        const unknown = await store().issueWorkflowCode('req-unknown', workflowCode());

        // Assess
        expect(duplicate).toEqual({ issued: false, request: duplicateRecord('req-2', 'req-1') });
        expect(unknown).toEqual({ issued: false, request: undefined });
        expect(await store().get('req-2')).toEqual(duplicateRecord('req-2', 'req-1'));
        expect(await store().get('req-unknown')).toBeUndefined();
      });
    });

    describe('Methods: clearReceiptMark, markResumed and markClosedNoticeSent', () => {
      it('takes back the receipt mark set at that time, and no other', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        await store().issueWorkflowCode('req-1', workflowCode());

        // Act
        await store().clearReceiptMark('req-1', '2026-03-02T09:59:59.000Z');
        const kept = await store().get('req-1');
        await store().clearReceiptMark('req-1', '2026-03-02T09:00:05.000Z');

        // Assess
        expect(kept).toMatchObject({ receiptSentAt: '2026-03-02T09:00:05.000Z' });
        expect(await store().get('req-1')).not.toHaveProperty('receiptSentAt');
        expect(await store().issueWorkflowCode('req-1', workflowCode())).toMatchObject({ receipt: true });
      });

      it('forgets the task token once the workflow is resumed', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        await store().markResumed('req-1', '2026-03-02T09:10:01.000Z');

        // Assess
        const stored = await store().get('req-1');
        expect(stored).toMatchObject({ resumedAt: '2026-03-02T09:10:01.000Z' });
        expect(stored).not.toHaveProperty('taskToken');
      });

      it('records the notice of closing', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        await store().markClosedNoticeSent('req-1', '2026-03-09T09:00:01.000Z');

        // Assess
        expect(await store().get('req-1')).toMatchObject({ closedNoticeSentAt: '2026-03-09T09:00:01.000Z' });
      });

      it('does not create an item for an id that does not exist', async () => {
        // Act
        await store().clearReceiptMark('req-unknown', '2026-03-02T09:00:06.000Z');
        await store().markResumed('req-unknown', '2026-03-02T09:00:06.000Z');
        await store().markClosedNoticeSent('req-unknown', '2026-03-02T09:00:06.000Z');

        // Assess
        expect(await store().get('req-unknown')).toBeUndefined();
      });
    });

    describe('Method: closeUnverified', () => {
      it('closes an awaiting request, forgets its token and code, and frees its duplicate lock', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        await store().issueCode('req-1', codeIssue({ taskToken: 'task-1' }));

        // Act
        const closed = await store().closeUnverified('req-1', '2026-03-09T09:00:00.000Z', lock.key);

        // Assess
        expect(closed).toBe(true);
        const stored = await store().get('req-1');
        expect(stored).toMatchObject({ status: 'closed-unverified', closedAt: '2026-03-09T09:00:00.000Z' });
        expect(stored).not.toHaveProperty('taskToken');
        expect(stored).not.toHaveProperty('verification');
        expect(await current().lock(lock.key)).toBeUndefined();
        expect(await store().create(requestRecord('req-2'), lock, 'subject-1')).toEqual({ created: true });
      });

      it('leaves a lock that already points at a newer request', async () => {
        // Prepare: req-1's lock ran out and req-2 took it over.
        await store().create(
          requestRecord('req-1'),
          { key: lock.key, until: '2026-03-05T00:00:00.000Z' },
          'subject-1',
        );
        await store().issueCode('req-1', codeIssue());
        await store().create(
          requestRecord('req-2', { receivedAt: '2026-03-06T00:00:00.000Z' }),
          lock,
          'subject-1',
        );

        // Act
        const closed = await store().closeUnverified('req-1', '2026-03-09T09:00:00.000Z', lock.key);

        // Assess
        expect(closed).toBe(true);
        expect(await current().lock(lock.key)).toMatchObject({ requestId: 'req-2' });
      });

      it('answers false and changes nothing when the request was verified meanwhile', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');
        await store().issueCode('req-1', codeIssue({ taskToken: 'task-1' }));
        await store().markVerified('req-1', 'code-hash-1', '2026-03-08T09:00:00.000Z');

        // Act
        const closed = await store().closeUnverified('req-1', '2026-03-09T09:00:00.000Z', lock.key);

        // Assess
        expect(closed).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ status: 'verified', taskToken: 'task-1' });
        expect(await current().openRequestIds(CONTROLLER)).toEqual(['req-1']);
        expect(await current().lock(lock.key)).toMatchObject({ requestId: 'req-1' });
      });

      it('answers false for a request already closed, and keeps when it closed', async () => {
        // Prepare
        await awaitingWithCode('req-1');
        await store().closeUnverified('req-1', '2026-03-09T09:00:00.000Z', 'dedupe-req-1');

        // Act
        const again = await store().closeUnverified('req-1', '2026-03-10T09:00:00.000Z', 'dedupe-req-1');

        // Assess
        expect(again).toBe(false);
        expect(await store().get('req-1')).toMatchObject({ closedAt: '2026-03-09T09:00:00.000Z' });
      });

      it('answers false for an id that does not exist, creating nothing and leaving the lock', async () => {
        // Prepare
        await store().create(requestRecord('req-1'), lock, 'subject-1');

        // Act
        const closed = await store().closeUnverified('req-unknown', '2026-03-09T09:00:00.000Z', lock.key);

        // Assess
        expect(closed).toBe(false);
        expect(await store().get('req-unknown')).toBeUndefined();
        expect(await current().lock(lock.key)).toMatchObject({ requestId: 'req-1' });
      });

      it('lets only one of a racing close and verification win', async () => {
        // Prepare
        await awaitingWithCode('req-1');

        // Act
        const [closed, verified] = await Promise.all([
          store().closeUnverified('req-1', '2026-03-09T09:00:00.000Z', 'dedupe-req-1'),
          store().markVerified('req-1', 'code-hash-1', '2026-03-09T09:00:00.000Z'),
        ]);

        // Assess
        expect([closed, verified].filter(Boolean)).toHaveLength(1);
        expect(await store().get('req-1')).toMatchObject({
          status: closed ? 'closed-unverified' : 'verified',
        });
      });
    });
  });
}
