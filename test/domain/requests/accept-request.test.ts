import { computeDeadlines, endOfDayInstant } from '../../../lambdas/domain/deadlines';
import { TooManyRequestsError, ValidationError } from '../../../lambdas/domain/errors';
import { parseRequestSubmission } from '../../../lambdas/domain/requests/accept-request';
import { hashStatusToken } from '../../../lambdas/domain/requests/secrets';
import { VERIFICATION_RULES } from '../../../lambdas/domain/requests/verification';
import { sterkPolicy } from '../policy/sterk-fixture';
import { DAY, harness, START, SUBMISSION } from './harness';

const MAIN_CONTROLLER = 'sterk-helse-og-trening';
const TIGHT = { perEmail: { limit: 1, windowSeconds: 3600 }, perClient: { limit: 1, windowSeconds: 600 } };

describe('Function: acceptRequest', () => {
  it('stores a new request for the main controller and starts its workflow', async () => {
    // Prepare
    const h = await harness();
    const { dueDate, receivedDate } = computeDeadlines(START);

    // Act
    const accepted = await h.accept({ ...SUBMISSION, email: 'Kari@Example.NO', phone: '912 34 567' });

    // Assess
    expect(accepted).toEqual({
      id: 'req-1',
      status: 'awaiting-verification',
      dueAt: endOfDayInstant(dueDate),
      lang: 'en',
      statusToken: 'token-1',
      outcome: 'created',
    });
    expect(await h.requests.get('req-1')).toEqual({
      kind: 'request',
      id: 'req-1',
      type: 'access',
      controllerId: MAIN_CONTROLLER,
      lang: 'en',
      receivedAt: START.toISOString(),
      receivedDate,
      dueDate,
      dueAt: accepted.dueAt,
      status: 'awaiting-verification',
      statusTokenHashes: [hashStatusToken('token-1')],
      policyVersion: sterkPolicy().version,
      requester: { name: 'Kari Nordmann', email: 'kari@example.no', phone: '+4791234567' },
    });
    expect(h.workflow.started).toEqual(['req-1']);
  });

  it('never stores the status token itself', async () => {
    // Prepare
    const h = await harness();

    // Act
    const accepted = await h.accept();

    // Assess
    const items = JSON.stringify(h.requests.items());
    expect(items).toContain(hashStatusToken(accepted.statusToken));
    expect(items).not.toContain(`"${accepted.statusToken}"`);
  });

  it('keeps the named controller, the details and the child a guardian asks for', async () => {
    // Prepare
    const h = await harness();
    const child = { name: 'Ola Nordmann', birthDate: '2015-05-17', relationship: 'guardian' };

    // Act
    await h.accept({
      ...SUBMISSION,
      type: 'rectification',
      controller: 'sterk-hasle',
      details: 'Adressen er feil',
      onBehalfOf: child,
    });

    // Assess
    expect(await h.requests.get('req-1')).toMatchObject({
      controllerId: 'sterk-hasle',
      details: 'Adressen er feil',
      onBehalfOf: child,
    });
  });

  it('answers a resubmission of an open request like a new one, but stores only a duplicate', async () => {
    // Prepare
    const h = await harness();
    const first = await h.accept();
    h.clock.advance(DAY);

    // Act
    const second = await h.accept({ ...SUBMISSION, email: 'KARI@example.no', name: 'K. Nordmann' });

    // Assess
    expect(second).toMatchObject({ id: 'req-2', status: 'awaiting-verification', outcome: 'duplicate' });
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    expect(second.statusToken).not.toBe(first.statusToken);
    const duplicate = await h.requests.get('req-2');
    expect(duplicate).toMatchObject({
      kind: 'duplicate',
      duplicateOf: 'req-1',
      statusTokenHashes: [hashStatusToken(second.statusToken)],
      verifyBy: new Date(h.clock.now.getTime() + VERIFICATION_RULES.closeAfterDays * DAY).toISOString(),
    });
    expect(JSON.stringify(duplicate)).not.toMatch(/nordmann|kari/i);
    // Starting is idempotent; starting the original again heals one whose own start failed.
    expect(h.workflow.started).toEqual(['req-1', 'req-1']);
  });

  it.each([
    ['another type', { type: 'erasure' }],
    ['another company', { controller: 'sterk-hasle' }],
    ['another email address', { email: 'ola@example.no' }],
  ])('stores a request for %s as a new request', async (_, change) => {
    // Prepare
    const h = await harness();
    await h.accept();

    // Act
    const second = await h.accept({ ...SUBMISSION, ...change });

    // Assess
    expect(second.outcome).toBe('created');
    expect(await h.requests.get('req-2')).toMatchObject({ kind: 'request' });
    expect(h.workflow.started).toEqual(['req-1', 'req-2']);
  });

  const OLA = { name: 'Ola Nordmann', birthDate: '2015-05-17', relationship: 'guardian' } as const;

  it.each([
    ['the parent themselves, after a request about their child', undefined],
    ['a second child', { ...OLA, name: 'Nora Nordmann', birthDate: '2017-02-03' }],
    ['a twin (same birth date, another name)', { ...OLA, name: 'Nils Nordmann' }],
  ])('stores a request about %s as a new request, not as a repeat', async (_, about) => {
    // Prepare
    const h = await harness();
    await h.accept({ ...SUBMISSION, onBehalfOf: OLA });

    // Act
    const second = await h.accept({ ...SUBMISSION, ...(about === undefined ? {} : { onBehalfOf: about }) });

    // Assess
    expect(second.outcome).toBe('created');
    expect(h.workflow.started).toEqual(['req-1', 'req-2']);
  });

  it('takes the same child typed again with other case and spacing for a repeat', async () => {
    // Prepare
    const h = await harness();
    await h.accept({ ...SUBMISSION, onBehalfOf: OLA });

    // Act
    const second = await h.accept({ ...SUBMISSION, onBehalfOf: { ...OLA, name: '  ola   NORDMANN ' } });

    // Assess
    expect(second.outcome).toBe('duplicate');
    expect(await h.requests.get('req-2')).toMatchObject({ kind: 'duplicate', duplicateOf: 'req-1' });
  });

  it('stores nothing and starts nothing when the honeypot is filled, but answers as usual', async () => {
    // Prepare
    const h = await harness();

    // Act
    const accepted = await h.accept(
      { ...SUBMISSION, website: 'https://spam.example' },
      { clientIp: '192.0.2.1' },
    );

    // Assess
    expect(accepted).toMatchObject({ id: 'req-1', status: 'awaiting-verification', outcome: 'honeypot' });
    expect(accepted.statusToken).toEqual(expect.any(String));
    expect(h.requests.items()).toEqual([]);
    expect(h.limiter.totalHits).toBe(0);
    expect(h.workflow.started).toEqual([]);
  });

  it('stores nothing and starts nothing for an email address over its limit', async () => {
    // Prepare
    const h = await harness(TIGHT);
    await h.accept(SUBMISSION, { clientIp: '192.0.2.1' });
    const before = h.requests.items();

    // Act
    const attempt = h.accept({ ...SUBMISSION, type: 'erasure' }, { clientIp: '192.0.2.2' });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(await h.requests.get('req-2')).toBeUndefined();
    // The rate counters are the limiter's, not the store's: the store holds exactly what it held.
    expect(h.requests.items()).toEqual(before);
    expect(h.workflow.started).toEqual(['req-1']);
  });

  it('stores nothing for a client over its limit, whatever email it names', async () => {
    // Prepare
    const h = await harness(TIGHT);
    await h.accept(SUBMISSION, { clientIp: '192.0.2.1' });

    // Act
    const attempt = h.accept({ ...SUBMISSION, email: 'ola@example.no' }, { clientIp: '192.0.2.1' });

    // Assess
    await expect(attempt).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
    await expect(attempt).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(await h.requests.get('req-2')).toBeUndefined();
    expect(h.workflow.started).toEqual(['req-1']);
  });
});

describe('Function: parseRequestSubmission', () => {
  const forChild = (birthDate: string) => ({
    ...SUBMISSION,
    onBehalfOf: { name: 'Ola Nordmann', birthDate, relationship: 'guardian' },
  });

  it('judges the age on the Oslo date of receipt: still 17 at 23:30 on New Year’s Eve in Oslo', () => {
    // Act
    const submission = parseRequestSubmission(
      sterkPolicy(),
      forChild('2009-01-01'),
      new Date('2026-12-31T22:30:00.000Z'),
    );

    // Assess
    expect(submission.onBehalfOf?.birthDate).toBe('2009-01-01');
  });

  it('judges the age on the Oslo date of receipt: 18 at 00:30 on New Year’s Day in Oslo', () => {
    // Act
    const attempt = () =>
      parseRequestSubmission(sterkPolicy(), forChild('2009-01-01'), new Date('2026-12-31T23:30:00.000Z'));

    // Assess
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(
      expect.objectContaining({ fields: { 'onBehalfOf.birthDate': expect.any(String) } }) as never,
    );
  });
});
