import {
  confirmLinkPage,
  verificationJson,
  verificationPage,
} from '../../../lambdas/adapters/http/verification-answer';
import type { VerificationOutcome } from '../../../lambdas/domain/requests/views';
import { apiEvent } from '../../support/api-event';

const TOKEN = 'a'.repeat(43);
const links = {
  verifyUrl: 'https://personvern.example/v1/requests/r-1/verify',
  resendUrl: 'https://personvern.example/v1/requests/r-1/resend',
  policyUrl: 'https://personvern.example/v1/policy',
};

const opened = (id: string) =>
  apiEvent({
    resource: '/requests/{id}/verify',
    path: `/requests/${id}/verify`,
    pathParameters: { id },
    query: { code: '482913', token: TOKEN, lang: 'en' },
  });

describe('Function: confirmLinkPage', () => {
  it('shows the emailed code on a page that posts it back with the status token', () => {
    // Act
    const page = confirmLinkPage(opened('r-1'), 'https://personvern.example/v1');

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('482913');
    expect(page.body).toContain(`/requests/r-1/verify?token=${TOKEN}`);
  });

  it('answers an id that cannot be a request with the not-found page', () => {
    // Act
    const page = confirmLinkPage(opened('r 1/..'), 'https://personvern.example/v1');

    // Assess
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('482913');
  });
});

describe('Function: verificationJson', () => {
  it.each<[VerificationOutcome, number, string]>([
    [{ kind: 'wrong-code', attemptsLeft: 4 }, 422, 'wrong_code'],
    [{ kind: 'code-burned' }, 429, 'code_burned'],
    [{ kind: 'code-expired' }, 410, 'code_expired'],
    [{ kind: 'request-closed' }, 410, 'request_closed'],
  ])('answers %p with %i and the code %s', (outcome, status, code) => {
    // Act
    const result = verificationJson(outcome);

    // Assess
    expect(result.statusCode).toBe(status);
    expect(JSON.parse(result.body).error).toMatchObject({ code, message: expect.any(String) });
  });

  it('answers a right code with 200 and the attempts left only on a wrong one', () => {
    // Act
    const verified = verificationJson({ kind: 'verified' });
    const wrong = JSON.parse(verificationJson({ kind: 'wrong-code', attemptsLeft: 4 }).body).error;
    const burned = JSON.parse(verificationJson({ kind: 'code-burned' }).body).error;

    // Assess
    expect([verified.statusCode, JSON.parse(verified.body)]).toEqual([200, { status: 'verified' }]);
    expect(wrong.attemptsLeft).toBe(4);
    expect(burned).not.toHaveProperty('attemptsLeft');
  });
});

describe('Function: verificationPage', () => {
  it('answers with the same status code as the JSON, as an HTML page', () => {
    // Prepare
    const outcome: VerificationOutcome = { kind: 'code-burned' };

    // Act
    const page = verificationPage(outcome, 'en', links);

    // Assess
    expect(page.statusCode).toBe(verificationJson(outcome).statusCode);
    expect(page.body).toContain('<html lang="en"');
  });
});
