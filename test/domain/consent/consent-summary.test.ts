import { countNames, summariseConsent } from '../../../lambdas/domain/consent/summary';
import { consentSummary, summaryRange } from '../../../lambdas/domain/consent/summary-view';
import { ForbiddenError, ValidationError } from '../../../lambdas/domain/errors';
import { InMemoryConsentStore } from '../../support/consent-memory-store';
import { sterkPolicy } from '../policy/sterk-fixture';

const PURPOSES = [
  { id: 'analytics', label: { nb: 'Statistikk', en: 'Statistics' } },
  { id: 'marketing', label: { nb: 'Markedsføring', en: 'Marketing' } },
];

function countsOf(...choices: Parameters<typeof countNames>[0][]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of choices.flatMap(countNames)) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

const ACCEPT = { action: 'accept-all', choices: { analytics: true, marketing: true } } as const;
const REJECT = { action: 'reject-all', choices: { analytics: false, marketing: false } } as const;
const ANALYTICS_ONLY = { action: 'custom', choices: { analytics: true, marketing: false } } as const;

describe('Function: countNames', () => {
  it('names one decision, its action and yes or no per purpose', () => {
    // Act
    const names = countNames(ANALYTICS_ONLY);

    // Assess
    expect(names).toEqual([
      'decisions',
      'action:custom',
      'purpose:analytics:granted',
      'purpose:marketing:denied',
    ]);
  });
});

describe('Function: summariseConsent', () => {
  it('adds up each day and the whole span, per action and per purpose, oldest day first', () => {
    // Prepare
    const stored = [
      { date: '2026-12-07', counts: countsOf(REJECT, ANALYTICS_ONLY) },
      { date: '2026-12-06', counts: countsOf(ACCEPT, REJECT, REJECT) },
    ];

    // Act
    const summary = summariseConsent(stored, { from: '2026-12-01', to: '2026-12-07' }, PURPOSES);

    // Assess
    expect(summary.days).toEqual([
      {
        date: '2026-12-06',
        decisions: 3,
        actions: { 'accept-all': 1, 'reject-all': 2, custom: 0 },
        purposes: { analytics: { granted: 1, denied: 2 }, marketing: { granted: 1, denied: 2 } },
      },
      {
        date: '2026-12-07',
        decisions: 2,
        actions: { 'accept-all': 0, 'reject-all': 1, custom: 1 },
        purposes: { analytics: { granted: 1, denied: 1 }, marketing: { granted: 0, denied: 2 } },
      },
    ]);
    expect(summary.totals).toEqual({
      decisions: 5,
      actions: { 'accept-all': 1, 'reject-all': 3, custom: 1 },
      purposes: { analytics: { granted: 2, denied: 3 }, marketing: { granted: 1, denied: 4 } },
    });
    expect(summary.purposes).toEqual(PURPOSES);
  });

  it('leaves out days outside the span and days without a decision, and zeroes purposes nobody answered', () => {
    // Prepare
    const stored = [
      { date: '2026-11-30', counts: countsOf(ACCEPT) },
      { date: '2026-12-02', counts: {} },
    ];

    // Act
    const summary = summariseConsent(stored, { from: '2026-12-01', to: '2026-12-07' }, PURPOSES);

    // Assess
    expect(summary.days).toEqual([]);
    expect(summary.totals.purposes).toEqual({
      analytics: { granted: 0, denied: 0 },
      marketing: { granted: 0, denied: 0 },
    });
  });

  it('still shows a purpose the banner no longer asks about, from the days that counted it, and ignores foreign counts', () => {
    // Prepare
    const stored = [
      {
        date: '2026-12-03',
        counts: { ...countsOf({ action: 'custom', choices: { preferences: true } }), 'something:else': 4 },
      },
    ];

    // Act
    const summary = summariseConsent(stored, { from: '2026-12-01', to: '2026-12-07' }, PURPOSES);

    // Assess
    expect(summary.totals.purposes.preferences).toEqual({ granted: 1, denied: 0 });
    expect(summary.totals.decisions).toBe(1);
  });
});

describe('Function: summaryRange', () => {
  it('is the last 30 days up to today without dates', () => {
    // Act
    const range = summaryRange(null, '2026-12-06');

    // Assess
    expect(range).toEqual({ from: '2026-11-07', to: '2026-12-06' });
  });

  it.each([
    [{ from: '2026-13-01' }, { from: 'must be a date in YYYY-MM-DD form' }],
    [{ to: '6.12.2026' }, { to: 'must be a date in YYYY-MM-DD form' }],
    [{ from: '2026-12-07', to: '2026-12-06' }, { from: 'must be on or before "to"' }],
    [{ from: '2025-01-01', to: '2026-12-06' }, { from: 'must be at most 366 days before "to"' }],
  ])('refuses %j with a message per field', (query, fields) => {
    // Act
    const refuse = () => summaryRange(query, '2026-12-06');

    // Assess
    expect(refuse).toThrow(ValidationError);
    try {
      refuse();
    } catch (error) {
      expect((error as ValidationError).fields).toEqual(fields);
    }
  });
});

describe('Function: consentSummary', () => {
  const deps = (store = new InMemoryConsentStore()) => ({
    counts: store,
    policy: sterkPolicy(),
    clock: () => new Date('2026-12-06T23:30:00Z'),
  });

  it('refuses staff who are not the privacy officer', async () => {
    // Act
    const refused = consentSummary(
      { username: 'staff-sterk-hasle', controllers: ['sterk-hasle'] },
      null,
      deps(),
    );

    // Assess
    await expect(refused).rejects.toThrow(ForbiddenError);
  });

  it("names the policy's purposes in both languages and counts by the Oslo day", async () => {
    // Prepare
    const store = new InMemoryConsentStore();
    await store.addToDay('2026-12-07', countNames(ACCEPT));

    // Act: 23:30 UTC is already 7 December in Oslo.
    const summary = await consentSummary(
      { username: 'personvernombud', controllers: 'all' },
      null,
      deps(store),
    );

    // Assess
    expect(summary.to).toBe('2026-12-07');
    expect(summary.purposes).toEqual(PURPOSES);
    expect(summary.totals.decisions).toBe(1);
  });
});
