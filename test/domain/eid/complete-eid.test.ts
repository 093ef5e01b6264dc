import { type AuditEvent, type AuditEventInput, chainEvent } from '../../../lambdas/domain/audit/chain';
import type { AuditTrail } from '../../../lambdas/domain/audit/trail';
import {
  type CompleteEidDeps,
  completeEid,
  type EidCallback,
} from '../../../lambdas/domain/eid/complete-eid';
import { deriveFlowSecrets, hashFlowState } from '../../../lambdas/domain/eid/flow-secrets';
import {
  type EidAuthorizationRequest,
  type EidExpectations,
  type EidProvider,
  type EidRefusalReason,
  EidRefusedError,
  type EidSignIn,
} from '../../../lambdas/domain/eid/provider';
import { startEid } from '../../../lambdas/domain/eid/start-eid';
import type { Language } from '../../../lambdas/domain/policy/language';
import type { acceptRequest } from '../../../lambdas/domain/requests/accept-request';
import type { EidIdentity, RequestStore, StoredRequest } from '../../../lambdas/domain/requests/record';
import { InMemoryEidFlows } from '../../support/in-memory-eid-flows';
import { testPseudonyms } from '../../support/pseudonyms';
import { sterkPolicy } from '../policy/sterk-fixture';
import { type Harness, harness, PUBLIC_BASE_URL, SECOND, SUBMISSION } from '../requests/harness';

/**
 * completeEid on the in-memory stores. Each flow is made by the real startEid (so the fixture is what the
 * start route stores), ID-porten is a fake whose `exchange` answers a sign-in or refuses, and the audit
 * trail and the workflow's callback record what they are given.
 */

/** A synthetic test number (month + 80) that carries the birth date 1985-03-14. */
const PID = '14838512470';
const OTHER_PID = '01017012345';
const BIRTH_DATE = '1985-03-14';
const SIGN_IN: EidSignIn = { pid: PID, level: 'high', amr: ['BankID'] };
const EID_SUBMISSION = { ...SUBMISSION, verification: 'eid', birthDate: BIRTH_DATE };

class FakeProvider implements EidProvider {
  readonly exchanges: { readonly callbackUrl: string; readonly expected: EidExpectations }[] = [];
  /** What the next exchanges answer: a sign-in, or an error to throw. */
  answer: EidSignIn | Error = SIGN_IN;

  async authorizationUrl(request: EidAuthorizationRequest): Promise<string> {
    return `https://idporten.example/authorize?state=${request.state}`;
  }

  async exchange(callbackUrl: URL, expected: EidExpectations): Promise<EidSignIn> {
    this.exchanges.push({ callbackUrl: callbackUrl.href, expected });
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

class RecordingAudit implements Pick<AuditTrail, 'append'> {
  readonly events: AuditEvent[] = [];

  async append(requestId: string, input: AuditEventInput, at: string): Promise<AuditEvent> {
    const previous = this.events.filter((event) => event.requestId === requestId).at(-1);
    const event = chainEvent(requestId, previous, input, at);
    this.events.push(event);
    return event;
  }
}

/** The sealed-number store, as a map: the number must reach it, and nothing else. */
class RecordingVault {
  readonly stored = new Map<string, string>();

  async store(requestId: string, nationalId: string): Promise<void> {
    this.stored.set(requestId, nationalId);
  }

  async remove(requestId: string): Promise<void> {
    this.stored.delete(requestId);
  }
}

interface Flow {
  readonly requestId: string;
  readonly statusToken: string;
  readonly state: string;
  readonly browserKey: string;
}

interface Setup {
  readonly h: Harness;
  readonly flows: InMemoryEidFlows;
  readonly provider: FakeProvider;
  readonly audit: RecordingAudit;
  readonly vault: RecordingVault;
  readonly deps: CompleteEidDeps;
  /** Submits a request that chose ID-porten (a new one, or a duplicate of an open one). */
  submit(input?: Record<string, unknown>): ReturnType<typeof acceptRequest>;
  /** A new request that chose ID-porten, with its code issued and its task token stored. */
  acceptEid(input?: Record<string, unknown>): Promise<{ id: string; statusToken: string; code: string }>;
  /** Starts a sign-in for the request with the real startEid. */
  startFlow(requestId: string, statusToken: string, lang?: Language): Promise<Flow>;
  complete(callback: EidCallback): ReturnType<typeof completeEid>;
}

async function setup(): Promise<Setup> {
  const h = await harness();
  const flows = new InMemoryEidFlows();
  const provider = new FakeProvider();
  const audit = new RecordingAudit();
  const vault = new RecordingVault();
  const policy = sterkPolicy();
  let made = 0;
  const deps: CompleteEidDeps = {
    flows,
    requests: h.requests,
    provider,
    audit,
    callback: h.callback,
    pseudonyms: testPseudonyms,
    nationalIds: vault,
    clock: h.clock.read,
  };
  const submit = (input: Record<string, unknown> = EID_SUBMISSION) => h.accept(input);
  return {
    h,
    flows,
    provider,
    audit,
    vault,
    deps,
    submit,
    acceptEid: (input = EID_SUBMISSION) => h.acceptAndIssue(input),
    async startFlow(requestId, statusToken, lang = 'en') {
      made += 1;
      const state = Buffer.alloc(32, made).toString('base64url');
      const outcome = await startEid(requestId, statusToken, lang, {
        policy,
        requests: h.requests,
        flows,
        provider,
        limiter: h.limiter,
        clock: h.clock.read,
        newSecrets: () => ({ state, browserKey: Buffer.alloc(32, 100 + made).toString('base64url') }),
      });
      if (outcome.kind !== 'sign-in') throw new Error(`startEid answered ${outcome.kind}`);
      return { requestId, statusToken, state, browserKey: outcome.browserKey };
    },
    complete: (callback) => completeEid(callback, deps, 'nb'),
  };
}

/** ID-porten's redirect back to us for this flow, from the browser that started it unless told otherwise. */
function callbackOf(
  flow: Pick<Flow, 'state' | 'browserKey'>,
  options: { browserKey?: string | null; error?: string } = {},
): EidCallback {
  const query = new URLSearchParams(
    options.error === undefined
      ? { code: 'authorization-code', state: flow.state, iss: 'https://idporten.example' }
      : { error: options.error, state: flow.state },
  );
  const browserKey = options.browserKey === undefined ? flow.browserKey : options.browserKey;
  return {
    state: flow.state,
    callbackUrl: new URL(`${PUBLIC_BASE_URL}/eid/callback?${query}`),
    ...(options.error === undefined ? {} : { error: options.error }),
    ...(browserKey === null ? {} : { browserKey }),
  };
}

const linkOf = (flow: Flow, lang: Language = 'en') => ({
  requestId: flow.requestId,
  statusToken: flow.statusToken,
  lang,
});

/** What nothing recorded means: the request as it was, no audit event, no workflow resumed. */
async function expectNothingRecorded(s: Setup, id: string, before: StoredRequest | undefined): Promise<void> {
  expect(await s.h.requests.get(id)).toEqual(before);
  expect(s.audit.events).toEqual([]);
  expect(s.h.callback.resumed).toEqual([]);
}

describe('Function: completeEid', () => {
  describe('a sign-in', () => {
    it('before the code records the identity without verifying, audited without the number', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      s.h.clock.advance(90 * SECOND);

      // Act
      const outcome = await s.complete(callbackOf(flow));

      // Assess
      expect(outcome).toEqual({ kind: 'signed-in', link: linkOf(flow), verified: false });
      const stored = await s.h.requests.get(id);
      expect(stored).toMatchObject({ status: 'awaiting-verification' });
      expect(stored).not.toHaveProperty('verifiedAt');
      expect(stored).toHaveProperty('eidSignIn', {
        method: 'eid',
        level: 'high',
        amr: ['BankID'],
        verifiedAt: s.h.clock.now.toISOString(),
        birthDate: 'matches',
        personPseudonym: testPseudonyms.of('national-id', PID),
      });
      // The number itself goes to the vault only.
      expect([...s.vault.stored]).toEqual([[id, PID]]);
      expect(JSON.stringify(stored)).not.toContain(PID);
      expect(
        s.audit.events.map(({ requestId, action, actor, details }) => ({
          requestId,
          action,
          actor,
          details,
        })),
      ).toEqual([
        {
          requestId: id,
          action: 'identity-verified',
          actor: { kind: 'requester', id: 'requester' },
          details: { method: 'eid', identityLevel: 'high', amr: 'BankID', birthDate: 'matches' },
        },
      ]);
      const trail = JSON.stringify(s.audit.events);
      expect(trail).not.toContain(PID);
      expect(trail).not.toContain(testPseudonyms.of('national-id', PID));
      expect(JSON.stringify(s.h.requests.items())).not.toContain(PID);
      expect(s.h.callback.resumed).toEqual([]);
    });

    it('hands ID-porten’s callback to the provider with the values derived for the flow', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      const callback = callbackOf(flow);
      const derived = deriveFlowSecrets({ state: flow.state, browserKey: flow.browserKey });

      // Act
      await s.complete(callback);

      // Assess
      expect(s.provider.exchanges).toEqual([
        {
          callbackUrl: callback.callbackUrl.href,
          expected: {
            state: flow.state,
            nonce: derived.nonce,
            pkceVerifier: derived.pkceVerifier,
            level: 'high',
          },
        },
      ]);
    });

    it('after the code verifies the request and resumes the workflow once', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken, code } = await s.acceptEid();
      expect(await s.h.verify(id, code)).toEqual({ kind: 'awaiting-eid' });
      const flow = await s.startFlow(id, statusToken);
      s.h.clock.advance(60 * SECOND);

      // Act
      const outcome = await s.complete(callbackOf(flow));

      // Assess
      expect(outcome).toEqual({ kind: 'signed-in', link: linkOf(flow), verified: true });
      expect(await s.h.requests.get(id)).toMatchObject({
        status: 'verified',
        verifiedAt: s.h.clock.now.toISOString(),
        resumedAt: s.h.clock.now.toISOString(),
        eidSignIn: { level: 'high', birthDate: 'matches' },
      });
      expect(s.h.callback.resumed).toEqual([`task-${id}`]);
      expect(s.audit.events.map((event) => [event.action, event.details])).toEqual([
        ['identity-verified', { method: 'eid', identityLevel: 'high', amr: 'BankID', birthDate: 'matches' }],
      ]);
      expect(s.h.requests.openRequestIds('sterk-helse-og-trening')).toEqual([id]);
    });

    it('records differs when the typed birth date is not the one the number carries', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid({ ...EID_SUBMISSION, birthDate: '1990-01-01' });
      const flow = await s.startFlow(id, statusToken);

      // Act
      await s.complete(callbackOf(flow));

      // Assess
      expect(await s.h.requests.get(id)).toMatchObject({ eidSignIn: { birthDate: 'differs' } });
      expect(s.audit.events[0]?.details).toMatchObject({ birthDate: 'differs' });
    });

    it('records not-given when the requester typed no birth date', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid({ ...SUBMISSION, verification: 'eid' });
      const flow = await s.startFlow(id, statusToken);

      // Act
      await s.complete(callbackOf(flow));

      // Assess
      expect(await s.h.requests.get(id)).toMatchObject({ eidSignIn: { birthDate: 'not-given' } });
    });

    it('by the same person again is signed in, and records nothing new', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      await s.complete(callbackOf(await s.startFlow(id, statusToken)));
      const before = await s.h.requests.get(id);
      const second = await s.startFlow(id, statusToken);
      s.h.clock.advance(60 * SECOND);

      // Act
      const outcome = await s.complete(callbackOf(second));

      // Assess
      expect(outcome).toEqual({ kind: 'signed-in', link: linkOf(second), verified: false });
      expect(await s.h.requests.get(id)).toEqual(before);
      expect(s.audit.events.map((event) => event.action)).toEqual(['identity-verified']);
    });

    it('for a duplicate is signed in but records nothing on the duplicate or its original', async () => {
      // Prepare
      const s = await setup();
      const original = await s.acceptEid();
      const duplicate = await s.submit();
      expect(duplicate.outcome).toBe('duplicate');
      const flow = await s.startFlow(duplicate.id, duplicate.statusToken);
      const originalBefore = await s.h.requests.get(original.id);
      const duplicateBefore = await s.h.requests.get(duplicate.id);

      // Act
      const outcome = await s.complete(callbackOf(flow));

      // Assess
      expect(outcome).toEqual({ kind: 'signed-in', link: linkOf(flow), verified: false });
      expect(await s.h.requests.get(original.id)).toEqual(originalBefore);
      expect(await s.h.requests.get(duplicate.id)).toEqual(duplicateBefore);
      expect(s.audit.events).toEqual([]);
      expect(s.h.callback.resumed).toEqual([]);
      expect(JSON.stringify(s.h.requests.items())).not.toContain(testPseudonyms.of('national-id', PID));
    });

    it('of request A’s flow signs in A and never B: the stored flow names the request', async () => {
      // Prepare
      const s = await setup();
      const a = await s.acceptEid();
      const b = await s.acceptEid({ ...EID_SUBMISSION, email: 'ola@example.no' });
      expect(await s.h.verify(a.id, a.code)).toEqual({ kind: 'awaiting-eid' });
      expect(await s.h.verify(b.id, b.code)).toEqual({ kind: 'awaiting-eid' });
      const flowA = await s.startFlow(a.id, a.statusToken);
      const flowB = await s.startFlow(b.id, b.statusToken);
      const bBefore = await s.h.requests.get(b.id);

      // Act: A's flow comes back (the callback names no request), and A's state with B's cookie
      const crossed = await s.complete(callbackOf(flowA, { browserKey: flowB.browserKey }));
      const outcome = await s.complete(callbackOf(flowA));

      // Assess
      expect(crossed).toMatchObject({ kind: 'refused', reason: 'other-browser' });
      expect(outcome).toEqual({ kind: 'signed-in', link: linkOf(flowA), verified: true });
      expect(await s.h.requests.get(a.id)).toMatchObject({
        status: 'verified',
        eidSignIn: { level: 'high' },
      });
      expect(await s.h.requests.get(b.id)).toEqual(bBefore);
      expect(s.h.callback.resumed).toEqual([`task-${a.id}`]);
      expect(new Set(s.audit.events.map((event) => event.requestId))).toEqual(new Set([a.id]));
    });
    it('verifies when the code confirms the mailbox between its read and its write (a lost race)', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      const store = s.h.requests;
      // The store as completeEid sees it: the code lands just before the sign-in's write, which then fails.
      const racing: RequestStore = Object.assign(Object.create(store), {
        async recordIdentity(requestId: string, identity: EidIdentity) {
          const read = await store.get(requestId);
          const codeHash = read?.kind === 'request' ? (read.verification?.codeHash ?? '') : '';
          expect(await store.confirmMailbox(requestId, codeHash, s.h.clock.now.toISOString())).toBe(true);
          return store.recordIdentity(requestId, identity);
        },
      });

      // Act
      const outcome = await completeEid(callbackOf(flow), { ...s.deps, requests: racing }, 'nb');

      // Assess
      expect(outcome).toEqual({ kind: 'signed-in', link: linkOf(flow), verified: true });
      expect(await store.get(id)).toMatchObject({ status: 'verified', eidSignIn: { level: 'high' } });
      expect(s.h.callback.resumed).toEqual([`task-${id}`]);
      expect(s.audit.events.map((event) => event.action)).toEqual(['identity-verified']);
    });

    it('lets only one of two simultaneous callbacks with the same state through', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);

      // Act
      const outcomes = await Promise.all([s.complete(callbackOf(flow)), s.complete(callbackOf(flow))]);

      // Assess
      expect(
        outcomes.map((outcome) => (outcome.kind === 'refused' ? outcome.reason : outcome.kind)).sort(),
      ).toEqual(['expired-or-used', 'signed-in']);
      expect(s.provider.exchanges).toHaveLength(1);
      expect(s.audit.events.map((event) => event.action)).toEqual(['identity-verified']);
    });
  });

  describe('a refusal records nothing on the request', () => {
    it.each([
      ['a well-formed state that was never issued', 'x'.repeat(43)],
      ['a malformed state', 'not-a-state'],
      ['a state in standard base64', `${'x'.repeat(42)}+`],
    ])('expired-or-used for %s, in the fallback language', async (_, state) => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      const before = await s.h.requests.get(id);

      // Act
      const outcome = await s.complete(callbackOf({ state, browserKey: flow.browserKey }));

      // Assess
      expect(outcome).toEqual({ kind: 'refused', reason: 'expired-or-used', lang: 'nb' });
      expect(s.provider.exchanges).toEqual([]);
      await expectNothingRecorded(s, id, before);
    });

    it('expired-or-used for a second callback with the same state', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      expect(await s.complete(callbackOf(flow))).toMatchObject({ kind: 'signed-in' });
      const before = await s.h.requests.get(id);
      const eventsBefore = s.audit.events.length;

      // Act
      const replay = await s.complete(callbackOf(flow));

      // Assess
      expect(replay).toEqual({ kind: 'refused', reason: 'expired-or-used', lang: 'en' });
      expect(s.provider.exchanges).toHaveLength(1);
      expect(await s.h.requests.get(id)).toEqual(before);
      expect(s.audit.events).toHaveLength(eventsBefore);
    });

    it.each([
      ['no cookie', null],
      ['another browser’s cookie', 'C'.repeat(43)],
    ])('other-browser for %s, leaving the flow for the right browser', async (_, browserKey) => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      const before = await s.h.requests.get(id);

      // Act
      const outcome = await s.complete(callbackOf(flow, { browserKey }));
      const recordedMeanwhile = await s.h.requests.get(id);
      const usedMeanwhile = (await s.flows.get(hashFlowState(flow.state)))?.usedAt;
      const exchangedMeanwhile = s.provider.exchanges.length;
      const later = await s.complete(callbackOf(flow));

      // Assess
      expect(outcome).toEqual({ kind: 'refused', reason: 'other-browser', lang: 'en' });
      expect(recordedMeanwhile).toEqual(before);
      expect(usedMeanwhile).toBeUndefined();
      expect(exchangedMeanwhile).toBe(0);
      expect(later).toEqual({ kind: 'signed-in', link: linkOf(flow), verified: false });
    });

    it('expired-or-used for a flow past its ten minutes', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      const before = await s.h.requests.get(id);
      s.h.clock.advance(601 * SECOND);

      // Act
      const outcome = await s.complete(callbackOf(flow));

      // Assess
      expect(outcome).toEqual({ kind: 'refused', reason: 'expired-or-used', lang: 'en' });
      expect(s.provider.exchanges).toEqual([]);
      await expectNothingRecorded(s, id, before);
    });

    it('cancelled, with the status link, when the person cancelled at ID-porten; the flow is spent', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      const before = await s.h.requests.get(id);

      // Act
      const outcome = await s.complete(callbackOf(flow, { error: 'access_denied' }));
      const again = await s.complete(callbackOf(flow));

      // Assess
      expect(outcome).toEqual({
        kind: 'refused',
        reason: 'cancelled',
        code: 'access_denied',
        lang: 'en',
        link: linkOf(flow),
      });
      expect(again).toMatchObject({ kind: 'refused', reason: 'expired-or-used' });
      expect(s.provider.exchanges).toEqual([]);
      await expectNothingRecorded(s, id, before);
    });

    it('not-accepted, with the status link and the error, for another error from ID-porten', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      const before = await s.h.requests.get(id);

      // Act
      const outcome = await s.complete(callbackOf(flow, { error: 'server_error' }));

      // Assess
      expect(outcome).toEqual({
        kind: 'refused',
        reason: 'not-accepted',
        code: 'server_error',
        lang: 'en',
        link: linkOf(flow),
      });
      expect(s.provider.exchanges).toEqual([]);
      await expectNothingRecorded(s, id, before);
    });

    it.each<[EidRefusalReason, string]>([
      ['level-too-low', 'acr'],
      ['not-accepted', 'OAUTH_JWT_CLAIM_COMPARISON'],
      ['try-later', 'ETIMEDOUT'],
    ])('%s, with the status link and the code, when the provider refuses', async (reason, code) => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      const before = await s.h.requests.get(id);
      s.provider.answer = new EidRefusedError(reason, code);

      // Act
      const outcome = await s.complete(callbackOf(flow));

      // Assess
      expect(outcome).toEqual({ kind: 'refused', reason, code, lang: 'en', link: linkOf(flow) });
      expect(s.provider.exchanges).toHaveLength(1);
      expect((await s.flows.get(hashFlowState(flow.state)))?.usedAt).toBe(s.h.clock.now.toISOString());
      await expectNothingRecorded(s, id, before);
    });

    it('throws what is not a refusal from the provider, recording nothing', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      const before = await s.h.requests.get(id);
      s.provider.answer = new TypeError('a bug');

      // Act
      const outcome = s.complete(callbackOf(flow));

      // Assess
      await expect(outcome).rejects.toThrow('a bug');
      await expectNothingRecorded(s, id, before);
    });

    it('different-person for a second sign-in by someone else, keeping the first', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken, code } = await s.acceptEid();
      await s.complete(callbackOf(await s.startFlow(id, statusToken)));
      const before = await s.h.requests.get(id);
      const second = await s.startFlow(id, statusToken);
      s.provider.answer = { pid: OTHER_PID, level: 'high', amr: ['MinID'] };

      // Act
      const outcome = await s.complete(callbackOf(second));

      // Assess
      expect(outcome).toEqual({
        kind: 'refused',
        reason: 'different-person',
        lang: 'en',
        link: linkOf(second),
      });
      expect(await s.h.requests.get(id)).toEqual(before);
      expect(before).toMatchObject({ eidSignIn: { personPseudonym: testPseudonyms.of('national-id', PID) } });
      expect(s.audit.events.map((event) => event.action)).toEqual(['identity-verified']);
      // The first person's sign-in still counts: the code verifies the request.
      expect(await s.h.verify(id, code)).toEqual({ kind: 'verified' });
    });

    it('request-closed, with the status link, for a request closed while the person signed in', async () => {
      // Prepare
      const s = await setup();
      const { id, statusToken } = await s.acceptEid();
      const flow = await s.startFlow(id, statusToken);
      await s.h.close(id);
      const before = await s.h.requests.get(id);

      // Act
      const outcome = await s.complete(callbackOf(flow));

      // Assess
      expect(outcome).toEqual({ kind: 'refused', reason: 'request-closed', lang: 'en', link: linkOf(flow) });
      expect(before).toMatchObject({ status: 'closed-unverified' });
      await expectNothingRecorded(s, id, before);
    });
  });
});
