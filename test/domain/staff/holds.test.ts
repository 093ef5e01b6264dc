import { ValidationError } from '../../../lambdas/domain/errors';
import { holdState, holdViews, newHold } from '../../../lambdas/domain/staff/holds';
import { subjectHash } from '../../../lambdas/domain/subject';
import type { LegalHold } from '../../../lambdas/domain/workflow/findings';
import { testPseudonyms } from '../../support/pseudonyms';
import { sterkPolicy } from '../policy/sterk-fixture';

const hold = (overrides: Partial<LegalHold> = {}): LegalHold => ({
  id: 'hold-1',
  subjectHash: 'a'.repeat(64),
  categories: ['payment-card'],
  reason: 'Tvist om medlemskap',
  expiresOn: '2026-12-31',
  placedBy: 'personvernombud',
  placedAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

describe('Function: holdState', () => {
  it.each([
    ['active until its last day', hold(), '2026-12-31', 'active'],
    ['expired the day after its last day', hold(), '2027-01-01', 'expired'],
    [
      'lifted, even once its last day has passed',
      hold({ liftedAt: '2026-11-02T00:00:00Z' }),
      '2027-06-01',
      'lifted',
    ],
    ['lifted before its last day', hold({ liftedAt: '2026-11-02T00:00:00Z' }), '2026-11-03', 'lifted'],
  ])('calls a hold %s', (_case, given, today, expected) => {
    // Act
    const state = holdState(given, today);

    // Assess
    expect(state).toBe(expected);
  });
});

describe('Function: holdViews', () => {
  it('keeps the order and every field but the hash of the person', () => {
    // Prepare
    const holds = [hold({ id: 'b' }), hold({ id: 'a', liftedAt: '2026-11-05T00:00:00Z', liftedBy: 'x' })];

    // Act
    const views = holdViews(holds, '2026-11-25');

    // Assess
    expect(views.map((view) => [view.id, view.state])).toEqual([
      ['b', 'active'],
      ['a', 'lifted'],
    ]);
    expect(views[1]).toMatchObject({
      liftedBy: 'x',
      reason: 'Tvist om medlemskap',
      categories: ['payment-card'],
    });
    for (const view of views) expect(view).not.toHaveProperty('subjectHash');
  });
});

describe('Function: newHold', () => {
  const by = {
    pseudonyms: testPseudonyms,
    username: 'personvernombud',
    now: new Date('2026-11-25T09:00:00Z'),
    today: '2026-11-25',
    newId: () => 'id-1',
  };

  it('stores the person as a hash, never the email', () => {
    // Act
    const placed = newHold(
      sterkPolicy(),
      { email: 'Kari@Example.no', reason: 'Tvist', categories: ['payment-card'], expiresOn: '2026-12-31' },
      by,
    );

    // Assess
    expect(placed).toMatchObject({ id: 'id-1', categories: ['payment-card'], placedBy: 'personvernombud' });
    expect(JSON.stringify(placed)).not.toMatch(/kari/i);
    expect(placed.subjectHash).toBe(subjectHash(testPseudonyms, 'kari@example.no'));
  });

  it('refuses a hold that ends before today, with the field named', () => {
    // Act
    const attempt = () =>
      newHold(
        sterkPolicy(),
        { email: 'kari@example.no', reason: 'Tvist', categories: ['payment-card'], expiresOn: '2026-11-24' },
        by,
      );

    // Assess
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).fields).toHaveProperty('expiresOn');
    }
  });
});
