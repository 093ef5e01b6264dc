import { runInNewContext } from 'node:vm';
import { REASK_RULE_JS } from '../../../lambdas/domain/consent/reask';

/** The rule exactly as the banner runs it: the same text, evaluated in a fresh context as a browser would. */
type NeedsAsking = (stored: unknown, policyVersion: string, purposeIds: string[], now: number) => boolean;
const needsAsking = runInNewContext(`(${REASK_RULE_JS})`) as NeedsAsking;

const PURPOSES = ['analytics', 'marketing'];
const at = (iso: string) => new Date(iso).getTime();
const choice = (overrides: Record<string, unknown> = {}) => ({
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  choices: { analytics: true, marketing: false },
  policyVersion: '1.1.0',
  decidedAt: '2026-12-06T10:00:00.000Z',
  ...overrides,
});

describe('The banner’s rule for asking again (reask.ts, as the browser runs it)', () => {
  it.each([
    ['nothing is stored', null, '1.1.0', '2026-12-07T10:00:00Z', true],
    ['what is stored is not a choice', 'ja', '1.1.0', '2026-12-07T10:00:00Z', true],
    ['a choice lacks its time', choice({ decidedAt: undefined }), '1.1.0', '2026-12-07T10:00:00Z', true],
    ['a choice has no valid time', choice({ decidedAt: 'i går' }), '1.1.0', '2026-12-07T10:00:00Z', true],
    ['a choice a day old, same version', choice(), '1.1.0', '2026-12-07T10:00:00Z', false],
    ['a new minor version', choice(), '1.2.0', '2026-12-07T10:00:00Z', false],
    ['a new patch version', choice(), '1.1.7', '2026-12-07T10:00:00Z', false],
    ['a new major version', choice(), '2.0.0', '2026-12-07T10:00:00Z', true],
    [
      'an older major version (a rollback)',
      choice({ policyVersion: '2.0.0' }),
      '1.1.0',
      '2026-12-07T10:00:00Z',
      false,
    ],
    ['a version that is no version', choice({ policyVersion: 'x' }), '1.1.0', '2026-12-07T10:00:00Z', true],
    ['the last moment of the 12 months', choice(), '1.1.0', '2027-12-06T09:59:59.999Z', false],
    ['12 months to the minute', choice(), '1.1.0', '2027-12-06T10:00:00Z', true],
    ['13 months', choice(), '1.1.0', '2028-01-06T10:00:00Z', true],
    [
      'a purpose the choice says nothing about',
      choice({ choices: { analytics: true } }),
      '1.1.0',
      '2026-12-07T10:00:00Z',
      true,
    ],
    [
      'a choice that is not true or false',
      choice({ choices: { analytics: 'yes', marketing: false } }),
      '1.1.0',
      '2026-12-07T10:00:00Z',
      true,
    ],
  ])('when %s: asks again = %s', (_, stored, policyVersion, now, expected) => {
    // Act
    const asks = needsAsking(stored, policyVersion, PURPOSES, at(now));

    // Assess
    expect(asks).toBe(expected);
  });

  it('counts 12 calendar months, so a choice on 31 January holds until 31 January a year later', () => {
    // Prepare
    const stored = choice({ decidedAt: '2027-01-31T12:00:00.000Z' });

    // Act
    const before = needsAsking(stored, '1.1.0', PURPOSES, at('2028-01-31T11:59:59Z'));
    const after = needsAsking(stored, '1.1.0', PURPOSES, at('2028-01-31T12:00:00Z'));

    // Assess
    expect([before, after]).toEqual([false, true]);
  });
});
