import { recipientKey } from '../../../lambdas/domain/notices/recipients';
import { withdrawNoticeConsent } from '../../../lambdas/domain/notices/withdrawal';
import { testPseudonyms } from '../../support/pseudonyms';

function memoryStore(consented: boolean) {
  const calls: string[] = [];
  return {
    calls,
    store: {
      withdrawConsent: async (to: string, _at: string, via: string) => {
        calls.push(`withdraw ${to === recipientKey(testPseudonyms, 'kari@example.no')} ${via}`);
        return consented;
      },
      recordOptOut: async (to: string, version: string) => void calls.push(`opt-out ${to.length} ${version}`),
    },
  };
}

describe('Function: withdrawNoticeConsent', () => {
  it('withdraws the consent against the request and suppresses further notices', async () => {
    // Prepare
    const { store, calls } = memoryStore(true);

    // Act
    const withdrawn = await withdrawNoticeConsent(
      { id: 'req-1', type: 'withdraw-consent', email: ' Kari@Example.no', policyVersion: '2.0.0' },
      store,
      new Date('2026-12-01T10:00:00Z'),
      testPseudonyms,
    );

    // Assess
    expect(withdrawn).toBe(true);
    expect(calls).toEqual(['withdraw true request:req-1', 'opt-out 64 2.0.0']);
  });

  it.each([['access'], ['erasure'], ['objection']] as const)(
    'does nothing for a request of type %s',
    async (type) => {
      // Prepare
      const { store, calls } = memoryStore(true);

      // Act
      const withdrawn = await withdrawNoticeConsent(
        { id: 'req-1', type, email: 'kari@example.no', policyVersion: '2.0.0' },
        store,
        new Date(),
        testPseudonyms,
      );

      // Assess
      expect(withdrawn).toBe(false);
      expect(calls).toEqual([]);
    },
  );
});
