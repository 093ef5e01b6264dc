import { EID_FLOW_SECONDS } from '../../../lambdas/domain/eid/flow';
import {
  deriveFlowSecrets,
  type FlowSecrets,
  hashBrowserKey,
  hashFlowState,
} from '../../../lambdas/domain/eid/flow-secrets';
import type {
  EidAuthorizationRequest,
  EidExpectations,
  EidProvider,
  EidSignIn,
} from '../../../lambdas/domain/eid/provider';
import { EID_STARTS_PER_REQUEST, type StartEidDeps, startEid } from '../../../lambdas/domain/eid/start-eid';
import { NotFoundError, TooManyRequestsError } from '../../../lambdas/domain/errors';
import type { Language } from '../../../lambdas/domain/policy/language';
import type { acceptRequest } from '../../../lambdas/domain/requests/accept-request';
import { unseal } from '../../../lambdas/domain/requests/sealed-secret';
import { InMemoryEidFlows } from '../../support/in-memory-eid-flows';
import { sterkPolicy } from '../policy/sterk-fixture';
import { type Harness, HOUR, harness, SECOND, SUBMISSION } from '../requests/harness';

/**
 * startEid on the in-memory stores, with a fake ID-porten (it records what it was asked and answers with a
 * URL), the harness's fixed clock, and secrets made one after another so each flow's state is known.
 */

const EID_SUBMISSION = { ...SUBMISSION, verification: 'eid' };
const AUTHORIZE = 'https://idporten.example/authorize';

class RecordingProvider implements EidProvider {
  readonly asked: EidAuthorizationRequest[] = [];

  async authorizationUrl(request: EidAuthorizationRequest): Promise<string> {
    this.asked.push(request);
    return `${AUTHORIZE}?state=${request.state}&n=${this.asked.length}`;
  }

  async exchange(_callbackUrl: URL, _expected: EidExpectations): Promise<EidSignIn> {
    throw new Error('startEid never exchanges a code');
  }
}

/** The n-th secrets this test hands out (1, 2, …): 43 base64url characters each, different every time. */
function secretsNo(n: number): FlowSecrets {
  return {
    state: Buffer.alloc(32, n).toString('base64url'),
    browserKey: Buffer.alloc(32, 100 + n).toString('base64url'),
  };
}

interface Setup {
  readonly h: Harness;
  readonly flows: InMemoryEidFlows;
  readonly provider: RecordingProvider;
  readonly deps: StartEidDeps;
  /** Submits a request that chose ID-porten (a new one, or a duplicate of an open one). */
  submit(input?: Record<string, unknown>): ReturnType<typeof acceptRequest>;
  /** Submits a new request that chose ID-porten and issues its code, as the workflow would. */
  acceptEid(input?: Record<string, unknown>): Promise<{ id: string; statusToken: string; code: string }>;
  start(
    id: string,
    token: string | undefined,
    lang?: Language,
    context?: { clientIp?: string },
  ): ReturnType<typeof startEid>;
}

async function setup(): Promise<Setup> {
  const h = await harness();
  const flows = new InMemoryEidFlows();
  const provider = new RecordingProvider();
  const policy = sterkPolicy();
  let made = 0;
  const deps: StartEidDeps = {
    policy,
    requests: h.requests,
    flows,
    provider,
    limiter: h.limiter,
    clock: h.clock.read,
    newSecrets: () => secretsNo(++made),
  };
  const submit = (input: Record<string, unknown> = EID_SUBMISSION) => h.accept(input);
  return {
    h,
    flows,
    provider,
    deps,
    submit,
    acceptEid: (input = EID_SUBMISSION) => h.acceptAndIssue(input),
    start: (id, token, lang = 'en', context = {}) => startEid(id, token, lang, deps, context),
  };
}

describe('Function: startEid', () => {
  it('stores a flow bound to the request and this browser and sends the browser to ID-porten', async () => {
    // Prepare
    const s = await setup();
    const { id, statusToken } = await s.acceptEid();
    const expected = secretsNo(1);

    // Act
    const outcome = await s.start(id, statusToken, 'nb');

    // Assess
    expect(outcome).toEqual({
      kind: 'sign-in',
      authorizationUrl: `${AUTHORIZE}?state=${expected.state}&n=1`,
      browserKey: expected.browserKey,
    });
    expect(s.flows.all()).toEqual([
      {
        stateHash: hashFlowState(expected.state),
        requestId: id,
        browserKeyHash: hashBrowserKey(expected.browserKey),
        sealedStatusToken: expect.any(String),
        level: 'high',
        lang: 'nb',
        createdAt: s.h.clock.now.toISOString(),
        expiresAt: s.h.clock.now.getTime() / 1000 + EID_FLOW_SECONDS,
      },
    ]);
    expect(EID_FLOW_SECONDS).toBe(600);
  });

  it('seals the status token so that only the browser key opens it', async () => {
    // Prepare
    const s = await setup();
    const { id, statusToken } = await s.acceptEid();

    // Act
    await s.start(id, statusToken);

    // Assess
    const [flow] = s.flows.all();
    const sealed = flow?.sealedStatusToken ?? '';
    expect(sealed).not.toContain(statusToken);
    expect(unseal(sealed, secretsNo(1).browserKey)).toBe(statusToken);
    expect(() => unseal(sealed, secretsNo(2).browserKey)).toThrow();
  });

  it('asks ID-porten with the state, the nonce and the PKCE verifier derived from the secrets', async () => {
    // Prepare
    const s = await setup();
    const { id, statusToken } = await s.acceptEid();
    const secrets = secretsNo(1);
    const derived = deriveFlowSecrets(secrets);

    // Act
    await s.start(id, statusToken, 'en');

    // Assess
    expect(s.provider.asked).toEqual([
      {
        state: secrets.state,
        nonce: derived.nonce,
        pkceVerifier: derived.pkceVerifier,
        level: 'high',
        lang: 'en',
      },
    ]);
  });

  it('asks for level substantial for a request reaching no special-category data (portability)', async () => {
    // Prepare
    const s = await setup();
    const { id, statusToken } = await s.acceptEid({
      ...SUBMISSION,
      type: 'portability',
      verification: 'eid',
    });

    // Act
    await s.start(id, statusToken);

    // Assess
    expect(s.flows.all().map((flow) => flow.level)).toEqual(['substantial']);
    expect(s.provider.asked.map((asked) => asked.level)).toEqual(['substantial']);
  });

  it('accepts the status token from the code email as well as the one from the answer', async () => {
    // Prepare
    const s = await setup();
    const { id } = await s.acceptEid();
    // The harness's secrets handed out the answer's token, then the one in the receipt email.
    const emailToken = s.h.secrets.tokens.at(-1) ?? '';

    // Act
    const outcome = await s.start(id, emailToken);

    // Assess
    expect(outcome.kind).toBe('sign-in');
    expect(s.flows.all().map((flow) => flow.requestId)).toEqual([id]);
  });

  it.each([
    ['a wrong token', 'token-999'],
    ['no token', undefined],
    ['an empty token', ''],
  ])('answers not found for %s, storing no flow and counting no start', async (_, token) => {
    // Prepare
    const s = await setup();
    const { id } = await s.acceptEid();
    const hitsBefore = s.h.limiter.totalHits;

    // Act
    const outcome = s.start(id, token);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(NotFoundError);
    expect(s.flows.size).toBe(0);
    expect(s.provider.asked).toEqual([]);
    // A stranger with the id alone cannot spend the requester's starts.
    expect(s.h.limiter.totalHits).toBe(hitsBefore);
  });

  it('answers not found for an unknown id, even with a real token of another request', async () => {
    // Prepare
    const s = await setup();
    const { statusToken } = await s.acceptEid();

    // Act
    const outcome = s.start('req-unknown', statusToken);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(NotFoundError);
    expect(s.flows.size).toBe(0);
  });

  it('answers past-verification for a verified request and stores no flow', async () => {
    // Prepare
    const s = await setup();
    const { id, statusToken, code } = await s.h.acceptAndIssue();
    expect(await s.h.verify(id, code)).toEqual({ kind: 'verified' });

    // Act
    const outcome = await s.start(id, statusToken);

    // Assess
    expect(outcome).toEqual({ kind: 'past-verification' });
    expect(s.flows.size).toBe(0);
    expect(s.provider.asked).toEqual([]);
  });

  it('answers request-closed for a request closed unverified and stores no flow', async () => {
    // Prepare
    const s = await setup();
    const { id, statusToken } = await s.acceptEid();
    await s.h.close(id);

    // Act
    const outcome = await s.start(id, statusToken);

    // Assess
    expect(outcome).toEqual({ kind: 'request-closed' });
    expect(s.flows.size).toBe(0);
    expect(s.provider.asked).toEqual([]);
  });

  it('starts a duplicate’s flow for the duplicate, at its original’s level', async () => {
    // Prepare
    const s = await setup();
    const original = await s.acceptEid();
    const duplicate = await s.submit();

    // Act
    const outcome = await s.start(duplicate.id, duplicate.statusToken);

    // Assess
    expect(duplicate.outcome).toBe('duplicate');
    expect(duplicate.id).not.toBe(original.id);
    expect(outcome.kind).toBe('sign-in');
    expect(s.flows.all().map((flow) => [flow.requestId, flow.level])).toEqual([[duplicate.id, 'high']]);
  });

  it('refuses the 11th start for one request within the hour, and starts again in the next hour', async () => {
    // Prepare
    const s = await setup();
    const { id, statusToken } = await s.acceptEid();
    const other = await s.acceptEid({ ...SUBMISSION, email: 'ola@example.no', verification: 'eid' });
    for (let i = 0; i < EID_STARTS_PER_REQUEST.limit; i++) {
      s.h.clock.advance(SECOND);
      expect((await s.start(id, statusToken)).kind).toBe('sign-in');
    }

    // Act
    const eleventh = s.start(id, statusToken);
    const otherRequest = await s.start(other.id, other.statusToken);
    s.h.clock.advance(HOUR);
    const nextHour = await s.start(id, statusToken);

    // Assess
    expect(EID_STARTS_PER_REQUEST.limit).toBe(10);
    await expect(eleventh).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(otherRequest.kind).toBe('sign-in');
    expect(nextHour.kind).toBe('sign-in');
    // Ten for the request, one for the other, one in the next hour: the refused start stored nothing.
    expect(s.flows.size).toBe(12);
  });

  it('counts each start against the request and the client address', async () => {
    // Prepare
    const s = await setup();
    const { id, statusToken } = await s.acceptEid();
    const hitsBefore = s.h.limiter.hits.length;

    // Act
    await s.start(id, statusToken, 'en', { clientIp: '203.0.113.7' });

    // Assess
    expect(s.h.limiter.hits.slice(hitsBefore)).toEqual([
      { counter: 'eid-start:request', who: id },
      { counter: 'eid-start:ip', who: '203.0.113.7' },
    ]);
  });
});
