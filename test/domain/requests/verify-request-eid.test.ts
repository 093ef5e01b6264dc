import type { acceptRequest } from '../../../lambdas/domain/requests/accept-request';
import type { EidIdentity, RequestStore } from '../../../lambdas/domain/requests/record';
import { VERIFICATION_RULES } from '../../../lambdas/domain/requests/verification';
import { type VerifyRequestDeps, verifyRequest } from '../../../lambdas/domain/requests/verify-request';
import { testPseudonyms } from '../../support/pseudonyms';
import { sterkPolicy } from '../policy/sterk-fixture';
import { type Harness, HOUR, harness, SECOND, START, SUBMISSION, WRONG_CODE } from './harness';

/**
 * verifyRequest for a requester who chose ID-porten (docs/id-porten.md, "eID proves the person, not the
 * mailbox"): the code alone confirms the mailbox, and verifies only once the sign-in is recorded too, or
 * when the requester goes on without ID-porten.
 */

const EID_SUBMISSION = { ...SUBMISSION, verification: 'eid', birthDate: '1985-03-14' };
const IDENTITY: EidIdentity = {
  method: 'eid',
  level: 'high',
  amr: ['BankID'],
  verifiedAt: START.toISOString(),
  birthDate: 'matches',
  personPseudonym: testPseudonyms.of('national-id', '14838512470'),
};

interface Setup {
  readonly h: Harness;
  submit(input?: Record<string, unknown>): ReturnType<typeof acceptRequest>;
  /** A new request that chose ID-porten, its code issued and its task token stored. */
  acceptEid(input?: Record<string, unknown>): Promise<{ id: string; statusToken: string; code: string }>;
  /** verifyRequest as the handler calls it, with `withoutEid` when the requester goes on without ID-porten. */
  verify(
    id: string,
    code: unknown,
    context?: { withoutEid?: boolean },
    requests?: RequestStore,
  ): ReturnType<typeof verifyRequest>;
}

async function setup(): Promise<Setup> {
  const h = await harness();
  const _policy = sterkPolicy();
  const submit = (input: Record<string, unknown> = EID_SUBMISSION) => h.accept(input);
  return {
    h,
    submit,
    acceptEid: (input = EID_SUBMISSION) => h.acceptAndIssue(input),
    verify(id, code, context = {}, requests = h.requests) {
      const deps: VerifyRequestDeps = {
        requests,
        callback: h.callback,
        clock: h.clock.read,
        limiter: h.limiter,
      };
      return verifyRequest(id, code, deps, context);
    },
  };
}

describe('Function: verifyRequest (a requester who chose ID-porten)', () => {
  it('stores the choice on the request', async () => {
    // Act
    const s = await setup();
    const { id } = await s.acceptEid();

    // Assess
    expect(await s.h.requests.get(id)).toMatchObject({ verificationChoice: 'eid' });
  });

  it('confirms only the mailbox with the right code: awaiting-eid, not verified, no resume', async () => {
    // Prepare
    const s = await setup();
    const { id, code } = await s.acceptEid();
    s.h.clock.advance(5 * 60 * SECOND);

    // Act
    const outcome = await s.verify(id, code);

    // Assess
    expect(outcome).toEqual({ kind: 'awaiting-eid' });
    const stored = await s.h.requests.get(id);
    expect(stored).toMatchObject({
      status: 'awaiting-verification',
      mailboxConfirmedAt: s.h.clock.now.toISOString(),
      verification: { attemptsLeft: VERIFICATION_RULES.maxAttempts },
    });
    expect(stored).not.toHaveProperty('verifiedAt');
    expect(stored).not.toHaveProperty('eidSignIn');
    expect(s.h.callback.resumed).toEqual([]);
    expect(s.h.requests.openRequestIds('sterk-helse-og-trening')).toEqual([]);
  });

  it('stays awaiting-eid for the code typed twice, spending no attempt and keeping the first confirmation', async () => {
    // Prepare
    const s = await setup();
    const { id, code } = await s.acceptEid();
    const first = await s.verify(id, code);
    const confirmedAt = s.h.clock.now.toISOString();
    s.h.clock.advance(10 * SECOND);

    // Act
    const second = await s.verify(id, code);

    // Assess
    expect([first, second]).toEqual([{ kind: 'awaiting-eid' }, { kind: 'awaiting-eid' }]);
    expect(await s.h.requests.get(id)).toMatchObject({
      status: 'awaiting-verification',
      mailboxConfirmedAt: confirmedAt,
      verification: { attemptsLeft: VERIFICATION_RULES.maxAttempts },
    });
    expect(s.h.callback.resumed).toEqual([]);
  });

  it('still counts a wrong code down while awaiting the sign-in, confirming nothing', async () => {
    // Prepare
    const s = await setup();
    const { id } = await s.acceptEid();

    // Act
    const outcome = await s.verify(id, WRONG_CODE);

    // Assess
    expect(outcome).toEqual({ kind: 'wrong-code', attemptsLeft: VERIFICATION_RULES.maxAttempts - 1 });
    const stored = await s.h.requests.get(id);
    expect(stored).not.toHaveProperty('mailboxConfirmedAt');
    expect(stored).toMatchObject({ verification: { attemptsLeft: VERIFICATION_RULES.maxAttempts - 1 } });
  });

  it('answers code-expired for the right code after its 24 hours, confirming nothing', async () => {
    // Prepare
    const s = await setup();
    const { id, code } = await s.acceptEid();
    s.h.clock.advance(VERIFICATION_RULES.codeValidHours * HOUR + SECOND);

    // Act
    const outcome = await s.verify(id, code);

    // Assess
    expect(outcome).toEqual({ kind: 'code-expired' });
    expect(await s.h.requests.get(id)).not.toHaveProperty('mailboxConfirmedAt');
  });

  it('verifies and resumes with the code when the requester goes on without ID-porten', async () => {
    // Prepare
    const s = await setup();
    const { id, code } = await s.acceptEid();

    // Act
    const outcome = await s.verify(id, code, { withoutEid: true });

    // Assess
    expect(outcome).toEqual({ kind: 'verified' });
    const stored = await s.h.requests.get(id);
    expect(stored).toMatchObject({ status: 'verified', verifiedAt: s.h.clock.now.toISOString() });
    expect(stored).not.toHaveProperty('eidSignIn');
    expect(s.h.callback.resumed).toEqual([`task-${id}`]);
  });

  it('verifies without ID-porten after the mailbox was confirmed, resuming once', async () => {
    // Prepare
    const s = await setup();
    const { id, code } = await s.acceptEid();
    expect(await s.verify(id, code)).toEqual({ kind: 'awaiting-eid' });

    // Act
    const outcome = await s.verify(id, code, { withoutEid: true });
    const again = await s.verify(id, code, { withoutEid: true });

    // Assess
    expect([outcome, again]).toEqual([{ kind: 'verified' }, { kind: 'verified' }]);
    expect(await s.h.requests.get(id)).toMatchObject({ status: 'verified' });
    expect(s.h.callback.resumed).toEqual([`task-${id}`]);
  });

  it('verifies and resumes with the code once the sign-in is recorded', async () => {
    // Prepare
    const s = await setup();
    const { id, code } = await s.acceptEid();
    expect(await s.h.requests.recordIdentity(id, IDENTITY)).toBe(true);
    s.h.clock.advance(2 * 60 * SECOND);

    // Act
    const outcome = await s.verify(id, code);

    // Assess
    expect(outcome).toEqual({ kind: 'verified' });
    expect(await s.h.requests.get(id)).toMatchObject({
      status: 'verified',
      verifiedAt: s.h.clock.now.toISOString(),
      resumedAt: s.h.clock.now.toISOString(),
      eidSignIn: IDENTITY,
    });
    expect(s.h.callback.resumed).toEqual([`task-${id}`]);
    expect(s.h.requests.openRequestIds('sterk-helse-og-trening')).toEqual([id]);
  });

  it('verifies when the sign-in is recorded between its read and its write (a lost race)', async () => {
    // Prepare
    const s = await setup();
    const { id, code } = await s.acceptEid();
    const store = s.h.requests;
    // The store as the code sees it: the sign-in lands just before the mailbox write, which then fails.
    const racing: RequestStore = Object.assign(Object.create(store), {
      async confirmMailbox(requestId: string, codeHash: string, at: string) {
        await store.recordIdentity(requestId, IDENTITY);
        return store.confirmMailbox(requestId, codeHash, at);
      },
    });

    // Act
    const outcome = await s.verify(id, code, {}, racing);

    // Assess
    expect(outcome).toEqual({ kind: 'verified' });
    const stored = await store.get(id);
    expect(stored).toMatchObject({ status: 'verified', eidSignIn: IDENTITY });
    expect(stored).not.toHaveProperty('mailboxConfirmedAt');
    expect(s.h.callback.resumed).toEqual([`task-${id}`]);
  });

  it('answers request-closed for a closed request, even with the right code', async () => {
    // Prepare
    const s = await setup();
    const { id, code } = await s.acceptEid();
    await s.h.close(id);

    // Act
    const outcome = await s.verify(id, code);

    // Assess
    expect(outcome).toEqual({ kind: 'request-closed' });
    expect(await s.h.requests.get(id)).not.toHaveProperty('mailboxConfirmedAt');
  });

  it('verifies with the code at once for a requester who chose the email code', async () => {
    // Prepare
    const s = await setup();
    const { id, code } = await s.acceptEid({ ...SUBMISSION, verification: 'email' });

    // Act
    const outcome = await s.verify(id, code);

    // Assess
    expect(await s.h.requests.get(id)).not.toHaveProperty('verificationChoice');
    expect(outcome).toEqual({ kind: 'verified' });
    expect(s.h.callback.resumed).toEqual([`task-${id}`]);
  });

  it('verifies the eID original with the code typed through a duplicate, as docs/id-porten.md says', async () => {
    // Prepare: "the code then verifies the original as today, with the manual identity check"
    const s = await setup();
    const original = await s.acceptEid();
    const duplicate = await s.submit();
    expect(duplicate.outcome).toBe('duplicate');

    // Act
    const outcome = await s.verify(duplicate.id, original.code);

    // Assess
    expect(outcome).toEqual({ kind: 'verified' });
    const stored = await s.h.requests.get(original.id);
    expect(stored).toMatchObject({ status: 'verified' });
    expect(stored).not.toHaveProperty('eidSignIn');
    expect(s.h.callback.resumed).toEqual([`task-${original.id}`]);
  });
});
