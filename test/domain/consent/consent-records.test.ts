import {
  type ConsentDeps,
  consentHistory,
  consentKeyOf,
  eraseConsent,
  recordConsent,
} from '../../../lambdas/domain/consent/record';
import { CONSENT_CLIENT_LIMIT } from '../../../lambdas/domain/consent/retention';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../../../lambdas/domain/errors';
import { InMemoryConsentStore } from '../../support/consent-memory-store';
import { InMemoryRateLimiter } from '../../support/in-memory-rate-limiter';

const NOW = new Date('2026-12-06T10:00:05.000Z');
const ID = '3b241101-e2bb-4255-8caf-4136c566a962';

function prepare() {
  const store = new InMemoryConsentStore();
  const limiter = new InMemoryRateLimiter();
  const deps: ConsentDeps = {
    store,
    limiter,
    purposesOf: async (version) => (version === '1.1.0' ? ['analytics', 'marketing'] : undefined),
    clock: () => NOW,
  };
  return { store, limiter, deps };
}

const body = (overrides: Record<string, unknown> = {}) => ({
  consentId: ID,
  choices: { analytics: true, marketing: false },
  action: 'custom',
  policyVersion: '1.1.0',
  bannerVersion: '1.0a1b2c3d4e',
  decidedAt: '2026-12-06T10:00:00.000Z',
  ...overrides,
});

async function fieldsOf(run: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('Function: recordConsent', () => {
  it('stores the choice under the hash of the consent id, with both times and no client details, and counts it on its Oslo day', async () => {
    // Prepare
    const { store, deps } = prepare();

    // Act
    const { created, record } = await recordConsent(body(), deps, { clientIp: '203.0.113.9' });

    // Assess
    expect(created).toBe(true);
    expect(record).toEqual({
      consentId: ID,
      recordId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      choices: { analytics: true, marketing: false },
      action: 'custom',
      policyVersion: '1.1.0',
      bannerVersion: '1.0a1b2c3d4e',
      decidedAt: '2026-12-06T10:00:00.000Z',
      recordedAt: '2026-12-06T10:00:05.000Z',
      keptUntil: '2028-01-06',
    });
    const stored = await store.list(consentKeyOf(ID));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(ID);
    expect(JSON.stringify(stored)).not.toContain('203.0.113.9');
    expect(store.dayCounts.get('2026-12-06')).toEqual({
      decisions: 1,
      'action:custom': 1,
      'purpose:analytics:granted': 1,
      'purpose:marketing:denied': 1,
    });
  });

  it('answers the same post again with the same record, and counts it once', async () => {
    // Prepare
    const { store, deps } = prepare();
    const first = await recordConsent(body(), deps, {});

    // Act
    const again = await recordConsent(body(), deps, {});

    // Assess
    expect(again).toEqual({ created: false, record: first.record });
    expect(await store.list(consentKeyOf(ID))).toHaveLength(1);
    expect(store.dayCounts.get('2026-12-06')?.decisions).toBe(1);
  });

  it('keeps a new choice under the same id as a record of its own, even when it repeats an earlier one', async () => {
    // Prepare
    const { store, deps } = prepare();
    await recordConsent(body(), deps, {});
    const reject = { choices: { analytics: false, marketing: false }, action: 'reject-all' };
    await recordConsent(body({ ...reject, decidedAt: '2026-12-06T10:01:00.000Z' }), deps, {});

    // Act
    await recordConsent(body({ decidedAt: '2026-12-06T10:02:00.000Z' }), deps, {});

    // Assess
    expect(await store.list(consentKeyOf(ID))).toHaveLength(3);
    expect(store.dayCounts.get('2026-12-06')?.decisions).toBe(3);
  });

  it.each([
    [{ consentId: 'kort' }, 'consentId', /must be the random id/],
    [{ consentId: '../../etc/passwd-aaaaaaaaaaaaa' }, 'consentId', /must be the random id/],
    [{ choices: { analytics: 'ja', marketing: false } }, 'choices.analytics', /boolean/],
    [{ choices: [] }, 'choices', /purpose ids and true or false/],
    [{ action: 'maybe' }, 'action', /accept-all, reject-all, custom/],
    [{ policyVersion: 'latest' }, 'policyVersion', /such as "1.1.0"/],
    [{ bannerVersion: '' }, 'bannerVersion', /banner version/],
    [{ decidedAt: 'i går' }, 'decidedAt', /ISO-8601/],
    [{ ip: '203.0.113.9' }, '(body)', /unknown field\(s\): ip/],
  ])('refuses %j with a message for %s', async (overrides, field, message) => {
    // Prepare
    const { store, limiter, deps } = prepare();

    // Act
    const fields = await fieldsOf(recordConsent(body(overrides), deps, { clientIp: '203.0.113.9' }));

    // Assess
    expect(fields[field]).toMatch(message);
    expect(store.records.size).toBe(0);
    expect(limiter.totalHits).toBe(0);
  });

  it.each([
    [{ choices: { analytics: true } }, { 'choices.marketing': 'required: true or false' }],
    [
      { choices: { analytics: true, marketing: false, preferences: true } },
      { 'choices.preferences': 'policy 1.1.0 asks about analytics, marketing, not "preferences"' },
    ],
    [{ action: 'accept-all' }, { action: '"accept-all" must answer true for every purpose' }],
    [
      { action: 'reject-all', choices: { analytics: false, marketing: true } },
      { action: '"reject-all" must answer false for every purpose' },
    ],
    [{ policyVersion: '9.0.0' }, { policyVersion: 'no policy version 9.0.0 has been published' }],
  ])('refuses choices that do not fit the policy version: %j', async (overrides, expected) => {
    // Prepare
    const { store, deps } = prepare();

    // Act
    const fields = await fieldsOf(recordConsent(body(overrides), deps, {}));

    // Assess
    expect(fields).toEqual(expected);
    expect(store.records.size).toBe(0);
  });

  it('refuses a client address over its limit with the seconds left in the window', async () => {
    // Prepare
    const { deps } = prepare();
    for (let i = 0; i < CONSENT_CLIENT_LIMIT.limit; i++) {
      await recordConsent(body({ decidedAt: `2026-12-06T09:${String(i).padStart(2, '0')}:00.000Z` }), deps, {
        clientIp: '203.0.113.9',
      });
    }

    // Act
    const over = recordConsent(body(), deps, { clientIp: '203.0.113.9' });
    const other = await recordConsent(body(), deps, { clientIp: '198.51.100.7' });

    // Assess
    await expect(over).rejects.toThrow(TooManyRequestsError);
    await over.catch((error: TooManyRequestsError) => expect(error.retryAfterSeconds).toBe(595));
    expect(other.created).toBe(true);
  });
});

describe('Functions: consentHistory and eraseConsent', () => {
  it("shows a visitor's records newest first, and erases them all", async () => {
    // Prepare
    const { store, deps } = prepare();
    await recordConsent(body(), deps, {});
    const nextDay = { ...deps, clock: () => new Date('2026-12-07T08:00:00.000Z') };
    const reject = { action: 'reject-all', choices: { analytics: false, marketing: false } };
    await recordConsent(body({ ...reject, decidedAt: '2026-12-07T07:59:59.000Z' }), nextDay, {});

    // Act
    const history = await consentHistory(ID, store);
    const erased = await eraseConsent(ID, deps, { clientIp: '203.0.113.9' });

    // Assess
    expect(history.map((r) => r.action)).toEqual(['reject-all', 'custom']);
    expect(erased).toEqual({ consentId: ID, erased: 2 });
    expect(await store.list(consentKeyOf(ID))).toEqual([]);
    expect(store.dayCounts.get('2026-12-06')?.decisions).toBe(1);
  });

  it.each([
    ['an id never seen', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ['an id that cannot be one', 'x/../../y'],
    ['no id', undefined],
  ])('answers %s as not found, for reading and for erasing', async (_, id) => {
    // Prepare
    const { store, deps } = prepare();

    // Act
    const read = consentHistory(id, store);
    const erase = eraseConsent(id, deps, {});

    // Assess
    await expect(read).rejects.toThrow(NotFoundError);
    await expect(erase).rejects.toThrow(NotFoundError);
  });
});
