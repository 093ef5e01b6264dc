import { downloadCodeCounts } from '../../../lambdas/domain/requests/download';

describe('Function: downloadCodeCounts', () => {
  const NOW = new Date('2026-12-06T09:00:00.000Z');
  const state = (extra: Record<string, unknown>) => ({
    codeHash: 'h',
    issuedAt: '2026-12-06T08:00:00.000Z',
    expiresAt: '2026-12-06T08:30:00.000Z',
    attemptsLeft: 5,
    resends: 0,
    ...extra,
  });

  it.each([
    ['no code yet', undefined, { today: 0, inAll: 0 }],
    ['codes today', state({ day: '2026-12-06', codesToday: 4, codesInAll: 9 }), { today: 4, inAll: 9 }],
    [
      'codes on an earlier day',
      state({ day: '2026-12-05', codesToday: 10, codesInAll: 12 }),
      { today: 0, inAll: 12 },
    ],
    ['a code from before the caps', state({}), { today: 0, inAll: 1 }],
  ])('counts %s', (_, given, counts) => {
    // Assess
    expect(downloadCodeCounts(given, NOW)).toEqual({ day: '2026-12-06', ...counts });
  });
});
