import { HttpError } from '../../../lambdas/adapters/http/error-response';
import { resendJson, resendPage } from '../../../lambdas/adapters/http/resend-answer';

const links = {
  verifyUrl: 'https://personvern.example/v1/requests/r-1/verify',
  resendUrl: 'https://personvern.example/v1/requests/r-1/resend',
  policyUrl: 'https://personvern.example/v1/policy',
};

describe('Function: resendJson', () => {
  it('answers a sent code with 202 and a verified request with 200', () => {
    // Act
    const sent = resendJson({ kind: 'sent' });
    const verified = resendJson({ kind: 'already-verified' });

    // Assess
    expect([sent.statusCode, JSON.parse(sent.body)]).toEqual([202, { status: 'awaiting-verification' }]);
    expect([verified.statusCode, JSON.parse(verified.body)]).toEqual([200, { status: 'verified' }]);
  });

  it('refuses too soon with 429 and how long to wait', () => {
    // Act
    const refuse = () => resendJson({ kind: 'too-soon', retryAfterSeconds: 37 });

    // Assess
    expect(refuse).toThrow(HttpError);
    expect(refuse).toThrow(
      expect.objectContaining({ statusCode: 429, code: 'too_soon', retryAfterSeconds: 37 }),
    );
  });

  it('refuses a closed request with 410', () => {
    // Act
    const refuse = () => resendJson({ kind: 'request-closed' });

    // Assess
    expect(refuse).toThrow(expect.objectContaining({ statusCode: 410, code: 'request_closed' }));
  });
});

describe('Function: resendPage', () => {
  it('tells a browser to wait with Retry-After, and with the same status as a script', () => {
    // Act
    const page = resendPage({ kind: 'too-soon', retryAfterSeconds: 37 }, 'nb', links);

    // Assess
    expect(page.statusCode).toBe(429);
    expect(page.headers?.['Retry-After']).toBe('37');
    expect(page.body).toContain('<html lang="nb"');
  });

  it('sends no Retry-After when there is nothing to wait for', () => {
    // Act
    const page = resendPage({ kind: 'sent' }, 'en', links);

    // Assess
    expect(page.statusCode).toBe(202);
    expect(page.headers).not.toHaveProperty('Retry-After');
  });
});
