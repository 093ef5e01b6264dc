import { bundledPolicy } from '../../../lambdas/adapters/policy/bundled-policy';
import { acceptContactMessage } from '../../../lambdas/domain/intake/contact';
import { DEFAULT_SUBMISSION_LIMITS } from '../../../lambdas/domain/intake/rate-limits';
import { InMemoryRateLimiter } from '../../support/in-memory-rate-limiter';

function prepare() {
  const consents: [string, string, string][] = [];
  const deps = {
    policy: bundledPolicy,
    messages: { create: async () => undefined },
    notifications: { start: async () => undefined },
    clock: () => new Date('2026-11-25T09:30:00Z'),
    newId: () => 'msg-1',
    limiter: new InMemoryRateLimiter(),
    limits: DEFAULT_SUBMISSION_LIMITS,
    noticeConsents: {
      record: async (email: string, lang: string, givenVia: string) =>
        void consents.push([email, lang, givenVia]),
    },
  };
  return { consents, deps };
}

const valid = { name: 'Kari Nordmann', email: 'Kari@Example.no', message: 'Hei!', lang: 'en' };

describe('The "tell me about policy changes" box on the contact form', () => {
  it.each([
    ['ticked on a form', 'yes', [['kari@example.no', 'en', 'contact:msg-1']]],
    ['ticked in JSON', true, [['kari@example.no', 'en', 'contact:msg-1']]],
    ['left empty', undefined, []],
    ['sent with another value', 'maybe', []],
  ])('records a consent when %s', async (_, policyNotices, expected) => {
    // Prepare
    const { consents, deps } = prepare();

    // Act
    await acceptContactMessage({ ...valid, ...(policyNotices === undefined ? {} : { policyNotices }) }, deps);

    // Assess
    expect(consents).toEqual(expected);
  });

  it('records nothing for a honeypot hit', async () => {
    // Prepare
    const { consents, deps } = prepare();

    // Act
    await acceptContactMessage({ ...valid, policyNotices: 'yes', website: 'http://spam.example' }, deps);

    // Assess
    expect(consents).toEqual([]);
  });
});
