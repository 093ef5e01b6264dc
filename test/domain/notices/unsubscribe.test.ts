import { unsubscribeTokenHash } from '../../../lambdas/domain/notices/delivery';
import {
  readUnsubscribeLink,
  renderUnsubscribePage,
  type UnsubscribeStore,
  unsubscribe,
} from '../../../lambdas/domain/notices/unsubscribe';

const to = 'a'.repeat(64);
const token = 'T'.repeat(43);

function memoryStore(sentHashes: string[]) {
  const calls: string[] = [];
  const store: UnsubscribeStore = {
    tokenMatches: async (_, hash) => sentHashes.includes(hash),
    recordOptOut: async (key, version) => void calls.push(`opt-out ${key.slice(0, 4)} ${version}`),
    withdrawConsent: async (key, _, via) => {
      calls.push(`withdraw ${key.slice(0, 4)} ${via}`);
      return true;
    },
  };
  return { store, calls };
}

describe('Function: readUnsubscribeLink', () => {
  it.each([
    ['a link as the email writes it', { v: '2.0.0', r: to, t: token }, true],
    ['no token', { v: '2.0.0', r: to }, false],
    ['a short token', { v: '2.0.0', r: to, t: 'abc' }, false],
    ['an address instead of a key', { v: '2.0.0', r: 'kari@example.no', t: token }, false],
    ['a version that is no version', { v: '2.0', r: to, t: token }, false],
  ])('reads %s', (_, query, ok) => {
    // Assess
    expect(readUnsubscribeLink(query) !== undefined).toBe(ok);
  });
});

describe('Function: unsubscribe', () => {
  it('records the opt-out and the withdrawal of the consent when the token was sent to this person', async () => {
    // Prepare
    const { store, calls } = memoryStore([unsubscribeTokenHash(token)]);

    // Act
    const done = await unsubscribe({ version: '2.0.0', to, token }, store, new Date('2026-12-01T10:00:00Z'));

    // Assess
    expect(done).toBe(true);
    expect(calls).toEqual(['opt-out aaaa 2.0.0', 'withdraw aaaa unsubscribe-link:2.0.0']);
  });

  it('does nothing for a token that was never sent', async () => {
    // Prepare
    const { store, calls } = memoryStore([unsubscribeTokenHash('other')]);

    // Act
    const done = await unsubscribe({ version: '2.0.0', to, token }, store, new Date());

    // Assess
    expect(done).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe('Function: renderUnsubscribePage', () => {
  it.each([
    ['ask', 'nb', '<form method="post"><button type="submit">Ja, meld meg av</button></form>'],
    ['done', 'en', 'You are unsubscribed.'],
    ['invalid', 'en', 'This link does not work.'],
  ] as const)('renders the %s page in %s', (state, lang, expected) => {
    // Act
    const page = renderUnsubscribePage(state, lang);

    // Assess
    expect(page).toContain(expected);
    expect(page).toContain(`<html lang="${lang}">`);
    expect(page).not.toContain('<script');
  });
});
