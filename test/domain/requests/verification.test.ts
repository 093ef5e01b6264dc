import { jest } from '@jest/globals';
import { ValidationError } from '../../../lambdas/domain/errors';
import type {
  DuplicateRecord,
  RequestRecord,
  RequestStatus,
  VerificationState,
} from '../../../lambdas/domain/requests/record';
import {
  checkCode,
  checkResend,
  codeExpiry,
  normaliseCode,
  publicStatus,
  VERIFICATION_RULES,
  verificationDeadline,
} from '../../../lambdas/domain/requests/verification';

const ISSUED_AT = '2026-03-02T09:00:00.000Z';
const EXPIRES_AT = '2026-03-03T09:00:00.000Z';
const sinceIssue = (seconds: number) => new Date(Date.parse(ISSUED_AT) + seconds * 1000);

function state(overrides: Partial<VerificationState> = {}): VerificationState {
  return {
    codeHash: 'hash-1',
    issuedAt: ISSUED_AT,
    expiresAt: EXPIRES_AT,
    attemptsLeft: 5,
    resends: 0,
    ...overrides,
  };
}

function request(status: RequestStatus, verification?: VerificationState): RequestRecord {
  return {
    kind: 'request',
    id: 'req-1',
    type: 'access',
    controllerId: 'sterk-helse-og-trening',
    lang: 'nb',
    receivedAt: ISSUED_AT,
    receivedDate: '2026-03-02',
    dueDate: '2026-04-02',
    dueAt: '2026-04-02T21:59:59.999Z',
    status,
    statusTokenHashes: [],
    policyVersion: '1.0.0',
    requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
    ...(verification === undefined ? {} : { verification }),
  };
}

function duplicate(overrides: Partial<DuplicateRecord> = {}): DuplicateRecord {
  return {
    kind: 'duplicate',
    id: 'req-2',
    duplicateOf: 'req-1',
    type: 'access',
    controllerId: 'sterk-helse-og-trening',
    lang: 'nb',
    receivedAt: ISSUED_AT,
    receivedDate: '2026-03-02',
    dueDate: '2026-04-02',
    dueAt: '2026-04-02T21:59:59.999Z',
    status: 'awaiting-verification',
    statusTokenHashes: [],
    verifyBy: '2026-03-09T09:00:00.000Z',
    ...overrides,
  };
}

const matches = () => true;
const differs = () => false;

describe('Function: checkCode', () => {
  it('answers verified for a verified request without looking at the code', () => {
    // Prepare
    const codeMatches = jest.fn(differs);

    // Act
    const check = checkCode(request('verified', state()), codeMatches, sinceIssue(10));

    // Assess
    expect(check).toEqual({ kind: 'verified' });
    expect(codeMatches).not.toHaveBeenCalled();
  });

  it('answers request-closed for a request closed unverified, even with the right code', () => {
    // Act
    const check = checkCode(request('closed-unverified', state()), matches, sinceIssue(10));

    // Assess
    expect(check).toEqual({ kind: 'request-closed' });
  });

  it('answers wrong-code with every attempt left when no code has been sent yet', () => {
    // Prepare
    const codeMatches = jest.fn(matches);

    // Act
    const check = checkCode(request('awaiting-verification'), codeMatches, sinceIssue(10));

    // Assess
    expect(check).toEqual({ kind: 'wrong-code', attemptsLeft: VERIFICATION_RULES.maxAttempts });
    expect(codeMatches).not.toHaveBeenCalled();
  });

  it.each([
    ['its hash is gone', state({ codeHash: undefined })],
    ['no attempts are left', state({ attemptsLeft: 0 })],
  ])('answers code-burned when %s, even for the right code', (_, verification) => {
    // Act
    const check = checkCode(request('awaiting-verification', verification), matches, sinceIssue(10));

    // Assess
    expect(check).toEqual({ kind: 'code-burned' });
  });

  it('answers code-expired after the code has expired, even for the right code', () => {
    // Act
    const check = checkCode(
      request('awaiting-verification', state()),
      matches,
      sinceIssue(24 * 3600 + 0.001),
    );

    // Assess
    expect(check).toEqual({ kind: 'code-expired' });
  });

  it('still accepts the code at the instant it expires', () => {
    // Act
    const check = checkCode(request('awaiting-verification', state()), matches, new Date(EXPIRES_AT));

    // Assess
    expect(check).toEqual({ kind: 'matches' });
  });

  it('answers matches when the code matches the current hash', () => {
    // Prepare
    const codeMatches = jest.fn((hash: string) => hash === 'hash-1');

    // Act
    const check = checkCode(request('awaiting-verification', state()), codeMatches, sinceIssue(10));

    // Assess
    expect(check).toEqual({ kind: 'matches' });
    expect(codeMatches).toHaveBeenCalledWith('hash-1');
  });

  it('matches on the last attempt left', () => {
    // Act
    const check = checkCode(
      request('awaiting-verification', state({ attemptsLeft: 1 })),
      matches,
      sinceIssue(10),
    );

    // Assess
    expect(check).toEqual({ kind: 'matches' });
  });

  it('counts wrong codes down 4, 3, 2, 1 and burns the code on the fifth', () => {
    // Prepare
    const attemptsBefore = [5, 4, 3, 2, 1];

    // Act
    const checks = attemptsBefore.map((attemptsLeft) =>
      checkCode(request('awaiting-verification', state({ attemptsLeft })), differs, sinceIssue(10)),
    );

    // Assess
    expect(checks).toEqual([
      { kind: 'wrong-code', attemptsLeft: 4 },
      { kind: 'wrong-code', attemptsLeft: 3 },
      { kind: 'wrong-code', attemptsLeft: 2 },
      { kind: 'wrong-code', attemptsLeft: 1 },
      { kind: 'code-burned' },
    ]);
  });
});

describe('Function: checkResend', () => {
  it('answers already-verified for a verified request', () => {
    // Act
    const check = checkResend(request('verified', state()), sinceIssue(3600));

    // Assess
    expect(check).toEqual({ kind: 'already-verified' });
  });

  it('answers request-closed for a closed request', () => {
    // Act
    const check = checkResend(request('closed-unverified', state()), sinceIssue(3600));

    // Assess
    expect(check).toEqual({ kind: 'request-closed' });
  });

  it('allows a code at once while none has been sent', () => {
    // Act
    const check = checkResend(request('awaiting-verification'), sinceIssue(1));

    // Assess
    expect(check).toEqual({ kind: 'allowed', issuedBefore: sinceIssue(1).toISOString() });
  });

  it('refuses a new code within a minute of a working one, saying how long to wait', () => {
    // Act
    const check = checkResend(request('awaiting-verification', state()), sinceIssue(20.5));

    // Assess
    expect(check).toEqual({ kind: 'too-soon', retryAfterSeconds: 40 });
  });

  it('allows a new code a minute after a working one, if that code is still current', () => {
    // Act
    const check = checkResend(request('awaiting-verification', state()), sinceIssue(60));

    // Assess
    expect(check).toEqual({ kind: 'allowed', issuedBefore: ISSUED_AT });
  });

  it.each([
    ['burned by wrong codes', state({ attemptsLeft: 0 })],
    ['without a hash', state({ codeHash: undefined })],
  ])('allows a new code at once when the current one is %s', (_, verification) => {
    // Act
    const check = checkResend(request('awaiting-verification', verification), sinceIssue(5));

    // Assess
    expect(check).toEqual({ kind: 'allowed', issuedBefore: sinceIssue(5).toISOString() });
  });

  it('allows a new code at once when the current one has expired', () => {
    // Prepare
    const now = sinceIssue(24 * 3600 + 1);

    // Act
    const check = checkResend(request('awaiting-verification', state()), now);

    // Assess
    expect(check).toEqual({ kind: 'allowed', issuedBefore: now.toISOString() });
  });

  it('refuses a sixth new code until the last one expires', () => {
    // Prepare
    const verification = state({ resends: VERIFICATION_RULES.maxResends, attemptsLeft: 0 });

    // Act
    const check = checkResend(request('awaiting-verification', verification), sinceIssue(3600));

    // Assess
    expect(check).toEqual({ kind: 'too-soon', retryAfterSeconds: 23 * 3600 });
  });

  it('allows the fifth new code', () => {
    // Prepare
    const verification = state({ resends: VERIFICATION_RULES.maxResends - 1 });

    // Act
    const check = checkResend(request('awaiting-verification', verification), sinceIssue(3600));

    // Assess
    expect(check).toEqual({ kind: 'allowed', issuedBefore: sinceIssue(3540).toISOString() });
  });
});

describe('Function: publicStatus', () => {
  it.each(['awaiting-verification', 'verified', 'closed-unverified'] as const)(
    'shows a request as %s when it is',
    (status) => {
      // Act
      const shown = publicStatus(request(status), sinceIssue(10));

      // Assess
      expect(shown).toBe(status);
    },
  );

  it('shows a duplicate as awaiting verification within its window, whatever its original does', () => {
    // Act
    const shown = publicStatus(duplicate(), new Date('2026-03-09T09:00:00.000Z'));

    // Assess
    expect(shown).toBe('awaiting-verification');
  });

  it('shows an unverified duplicate as closed after its window', () => {
    // Act
    const shown = publicStatus(duplicate(), new Date('2026-03-09T09:00:00.001Z'));

    // Assess
    expect(shown).toBe('closed-unverified');
  });

  it('shows a verified duplicate as verified, also after its window', () => {
    // Prepare
    const verified = duplicate({ verifiedAt: '2026-03-03T10:00:00.000Z' });

    // Act
    const shown = publicStatus(verified, new Date('2026-03-20T09:00:00.000Z'));

    // Assess
    expect(shown).toBe('verified');
  });
});

describe('Function: normaliseCode', () => {
  it.each([
    ['six digits', '012345', '012345'],
    ['a space in the middle', '012 345', '012345'],
    ['spaces, tabs and a newline around and between', ' 0 1\t2 3 4 5\n', '012345'],
  ])('accepts %s', (_, input, expected) => {
    // Act
    const code = normaliseCode(input);

    // Assess
    expect(code).toBe(expected);
  });

  it.each([
    ['five digits', '12345'],
    ['seven digits', '1234567'],
    ['a letter', '12a456'],
    ['a dash', '123-456'],
    ['full-width digits', '１２３４５６'],
    ['an empty string', ''],
    ['a number', 123456],
    ['nothing', undefined],
  ])('refuses %s with a message for the code field', (_, input) => {
    // Act
    const attempt = () => normaliseCode(input);

    // Assess
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(
      expect.objectContaining({ fields: { code: 'Enter the six digits from the email' } }) as never,
    );
  });
});

describe('Functions: codeExpiry and verificationDeadline', () => {
  it('lets a code work for codeValidHours (24) hours', () => {
    // Act
    const expiry = codeExpiry(new Date(ISSUED_AT));

    // Assess
    expect(VERIFICATION_RULES.codeValidHours).toBe(24);
    expect(expiry).toBe(EXPIRES_AT);
  });

  it('closes an unverified request closeAfterDays whole days after it arrived', () => {
    // Act
    const deadline = verificationDeadline(ISSUED_AT);

    // Assess
    const days = (Date.parse(deadline) - Date.parse(ISSUED_AT)) / 86_400_000;
    expect(days).toBe(VERIFICATION_RULES.closeAfterDays);
    expect(deadline).toMatch(/T09:00:00\.000Z$/);
  });
});
