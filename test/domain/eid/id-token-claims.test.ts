import { checkIdTokenClaims } from '../../../lambdas/domain/eid/id-token-claims';
import { type EidLevel, EidRefusedError } from '../../../lambdas/domain/eid/provider';

/**
 * The claim checks openid-client leaves to us: each check, on both sides of each bound. The claims are
 * what openid-client hands over after its own checks (signature, iss, aud, exp, nonce).
 */

const CLIENT_ID = 'personvern-test';
const NOW = new Date('2026-03-14T10:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const PID = '14838512470';

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    iss: 'https://test.idporten.no',
    aud: CLIENT_ID,
    sub: 'pairwise-subject',
    exp: NOW_SECONDS + 120,
    iat: NOW_SECONDS,
    nonce: 'a-nonce',
    acr: 'idporten-loa-high',
    amr: ['TestID'],
    pid: PID,
    locale: 'nb',
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[name];
    else base[name] = value;
  }
  return base;
}

function check(overrides: Record<string, unknown> = {}, level: EidLevel = 'high') {
  return checkIdTokenClaims(claims(overrides), { level, clientId: CLIENT_ID, now: NOW });
}

function refusal(act: () => unknown): EidRefusedError {
  try {
    act();
  } catch (error) {
    if (error instanceof EidRefusedError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Function: checkIdTokenClaims', () => {
  it('gives the number, the level and the methods of a valid sign-in', () => {
    // Act
    const signIn = check();

    // Assess
    expect(signIn).toEqual({ pid: PID, level: 'high', amr: ['TestID'] });
  });

  describe('acr', () => {
    it('accepts substantial when substantial was asked', () => {
      // Act
      const signIn = check({ acr: 'idporten-loa-substantial' }, 'substantial');

      // Assess
      expect(signIn.level).toBe('substantial');
    });

    it('accepts high when substantial was asked, and says high', () => {
      // Act
      const signIn = check({ acr: 'idporten-loa-high' }, 'substantial');

      // Assess
      expect(signIn.level).toBe('high');
    });

    it('refuses substantial when high was asked, as too low a level', () => {
      // Act
      const error = refusal(() => check({ acr: 'idporten-loa-substantial' }, 'high'));

      // Assess
      expect(error).toMatchObject({ reason: 'level-too-low', code: 'claim-acr' });
    });

    it.each([
      ['absent', undefined],
      ['an unknown level', 'idporten-loa-low'],
      ['another scheme', 'Level4'],
      ['a prefix of a level', 'idporten-loa-hig'],
      ['a number', 4],
    ])('refuses an acr that is %s', (_, acr) => {
      // Act
      const error = refusal(() => check({ acr }, 'substantial'));

      // Assess
      expect(error).toMatchObject({ reason: 'not-accepted', code: 'claim-acr' });
    });
  });

  describe('iat', () => {
    it.each([
      ['exactly five minutes old', -300],
      ['exactly 30 seconds ahead', 30],
      ['issued now', 0],
    ])('accepts a token %s', (_, offset) => {
      // Act
      const signIn = check({ iat: NOW_SECONDS + offset });

      // Assess
      expect(signIn.pid).toBe(PID);
    });

    it.each([
      ['a second older than five minutes', -301],
      ['an hour old', -3600],
      ['31 seconds ahead', 31],
      ['absent', undefined],
      ['a string', String(NOW_SECONDS)],
    ])('refuses a token whose iat is %s', (_, offset) => {
      // Act
      const error = refusal(() => check({ iat: typeof offset === 'number' ? NOW_SECONDS + offset : offset }));

      // Assess
      expect(error).toMatchObject({ reason: 'not-accepted', code: 'claim-iat' });
    });
  });

  describe('azp', () => {
    it('accepts a token without azp', () => {
      // Act
      const signIn = check({ azp: undefined });

      // Assess
      expect(signIn.pid).toBe(PID);
    });

    it('accepts azp naming our client', () => {
      // Act
      const signIn = check({ azp: CLIENT_ID });

      // Assess
      expect(signIn.pid).toBe(PID);
    });

    it.each([
      ['another client', 'someone-else'],
      ['an empty string', ''],
    ])('refuses azp of %s', (_, azp) => {
      // Act
      const error = refusal(() => check({ azp }));

      // Assess
      expect(error).toMatchObject({ reason: 'not-accepted', code: 'claim-azp' });
    });
  });

  describe('pid', () => {
    it('accepts eleven digits whose check digits are wrong: ID-porten signed them', () => {
      // Act
      const signIn = check({ pid: '14838512471' });

      // Assess
      expect(signIn.pid).toBe('14838512471');
    });

    it.each([
      ['ten digits long', '1483851247'],
      ['twelve digits long', '148385124701'],
      ['ending in a letter', '1483851247a'],
      ['split by a space', '148385 12470'],
      ['in non-ASCII digits', '١٤٨٣٨٥١٢٤٧٠'],
      ['a number', 14838512470],
      ['absent', undefined],
    ])('refuses a pid that is %s', (_, pid) => {
      // Act
      const error = refusal(() => check({ pid }));

      // Assess
      expect(error).toMatchObject({ reason: 'not-accepted', code: 'claim-pid' });
    });
  });

  describe('amr', () => {
    it('gives an empty list when amr is absent', () => {
      // Act
      const signIn = check({ amr: undefined });

      // Assess
      expect(signIn.amr).toEqual([]);
    });

    it('accepts five methods of 32 characters', () => {
      // Prepare
      const amr = Array.from({ length: 5 }, (_, index) => `${index}`.padEnd(32, 'x'));

      // Act
      const signIn = check({ amr });

      // Assess
      expect(signIn.amr).toEqual(amr);
    });

    it.each([
      ['six methods', ['a', 'b', 'c', 'd', 'e', 'f']],
      ['a method of 33 characters', ['x'.repeat(33)]],
      ['a string instead of an array', 'BankID'],
      ['a number in the array', ['BankID', 4]],
    ])('refuses %s', (_, amr) => {
      // Act
      const error = refusal(() => check({ amr }));

      // Assess
      expect(error).toMatchObject({ reason: 'not-accepted', code: 'claim-amr' });
    });
  });

  it('names the check, never the value, in the refusal', () => {
    // Act
    const error = refusal(() => check({ pid: '1483851247', acr: 'idporten-loa-high' }));

    // Assess
    expect(`${error.message} ${error.code} ${error.stack}`).not.toContain('1483851247');
  });

  it('refuses claims that are not an object', () => {
    // Act
    const error = refusal(() =>
      checkIdTokenClaims('a string', { level: 'high', clientId: CLIENT_ID, now: NOW }),
    );

    // Assess
    expect(error).toMatchObject({ reason: 'not-accepted', code: 'claim-shape' });
  });
});
