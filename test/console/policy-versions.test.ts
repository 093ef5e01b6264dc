import { osloToday, type PolicyVersionInfo, withPublished } from '../../console/src/policy-versions';

const version = (number: string, effectiveDate: string): PolicyVersionInfo => ({
  version: number,
  effectiveDate,
  summary: `Version ${number}`,
  major: false,
  publishedBy: 'personvernombud',
  publishedAt: '2026-11-25T10:00:00.000Z',
});

describe('Function: withPublished', () => {
  const listing = { current: version('1.0.0', '2026-11-25'), versions: [version('1.0.0', '2026-11-25')] };

  it.each([
    ['a later date, scheduled: the current version stays', '2027-01-01', '1.0.0'],
    ['today: it is current at once', '2026-12-01', '2.0.0'],
    ['an earlier day than today: current too', '2026-11-30', '2.0.0'],
  ])('puts a version published for %s first in the list', (_case, effectiveDate, current) => {
    // Act
    const merged = withPublished(listing, version('2.0.0', effectiveDate), '2026-12-01');

    // Assess
    expect(merged.versions.map((info) => info.version)).toEqual(['2.0.0', '1.0.0']);
    expect(merged.current.version).toBe(current);
  });

  it('does not list a version twice once the public list has caught up', () => {
    // Prepare
    const caughtUp = { ...listing, versions: [version('2.0.0', '2027-01-01'), ...listing.versions] };

    // Act
    const merged = withPublished(caughtUp, version('2.0.0', '2027-01-01'), '2026-12-01');

    // Assess
    expect(merged.versions).toHaveLength(2);
  });
});

describe('Function: osloToday', () => {
  it.each([
    ['2026-11-25T22:59:59Z', '2026-11-25'],
    ['2026-11-25T23:00:00Z', '2026-11-26'],
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    ['2026-06-30T22:00:00Z', '2026-07-01'],
  ])('gives the Oslo date of %s as %s', (instant, expected) => {
    // Act
    const today = osloToday(new Date(instant));

    // Assess
    expect(today).toBe(expected);
  });
});

describe('policy page: the seed version', () => {
  it('knows the API’s name for the version that came with the code', async () => {
    // Prepare
    const api = await import('../../lambdas/domain/policy/versions');
    const page = await import('../../console/src/policy-versions');

    // Assess
    expect(page.SEED_PUBLISHER).toBe(api.SEED_PUBLISHER);
  });
});
